import { httpHandler } from '#shared/http/http-handler.ts';
import { pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { applicationStatus } from '#shared/services/queries.ts';

export const handler = httpHandler('getApplication', async (event, caller) => {
  const applicationId = pathParameter(event, 'applicationId', recordId, 'The application');
  return json(200, await applicationStatus(dependencies(), caller, applicationId));
});

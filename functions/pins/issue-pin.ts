import { httpHandler } from '#shared/http/http-handler.ts';
import { pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { issuePin } from '#shared/services/pin.ts';

export const handler = httpHandler('issuePin', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  return json(201, await issuePin(dependencies(), caller, personId));
});

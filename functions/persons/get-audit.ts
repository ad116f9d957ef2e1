import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/common.ts';
import { auditQuerySchema } from '#shared/schemas/person.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { auditTrail } from '#shared/services/queries.ts';

export const handler = httpHandler('getPersonAudit', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  return json(200, await auditTrail(dependencies(), caller, personId, parseQuery(event, auditQuerySchema)));
});

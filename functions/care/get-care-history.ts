import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { auditQuerySchema } from '#shared/schemas/audit-query.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { careHistory } from '#shared/services/care/care-history.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbCareStore } from '#shared/store/care-store.ts';

// Seals its page cursors with the lookup key (infra/functions.ts: lookupKey); the care store is its own.
provide({ secret: secretValue, care: dynamoDbCareStore });

export const handler = httpHandler('getPersonCareHistory', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  return json(200, await careHistory(dependencies(), caller, personId, parseQuery(event, auditQuerySchema)));
});

import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { careEventRequestSchema } from '#shared/schemas/care-requests.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { recordCare } from '#shared/services/care/record-care.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbCareStore } from '#shared/store/care-store.ts';

// Hashes the insurer's event ids with the lookup key (infra/functions.ts: lookupKey); the care store is its own.
provide({ secret: secretValue, care: dynamoDbCareStore });

export const handler = httpHandler('recordCareEvent', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const report = parseJsonBody(event, careEventRequestSchema);
  const outcome = await recordCare(dependencies(), caller, { personId, ...report });
  if (outcome.status === 'refused') throw outcome.problem;
  return json(outcome.status === 'created' ? 201 : 200, outcome.event);
});

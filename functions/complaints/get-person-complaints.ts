import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { complaintQuerySchema } from '#shared/schemas/complaints/complaint-requests.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { personComplaints } from '#shared/services/complaints/complaint-lists.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbComplaints } from '#shared/store/complaint-store.ts';

// Reads complaints, and seals its page cursors with the lookup key (infra/functions.ts: lookupKey).
provide({ secret: secretValue, complaints: dynamoDbComplaints });

export const handler = httpHandler('listPersonComplaints', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  return json(200, await personComplaints(dependencies(), caller, personId, parseQuery(event, complaintQuerySchema)));
});

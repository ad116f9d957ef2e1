import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { openComplaintsQuerySchema } from '#shared/schemas/complaints/complaint-requests.ts';
import { openComplaints } from '#shared/services/complaints/complaint-lists.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbComplaints } from '#shared/store/complaint-store.ts';

// Reads complaints, and seals its page cursors with the lookup key (infra/functions.ts: lookupKey).
provide({ secret: secretValue, complaints: dynamoDbComplaints });

export const handler = httpHandler('listOpenComplaints', async (event, caller) => {
  return json(200, await openComplaints(dependencies(), caller, parseQuery(event, openComplaintsQuerySchema)));
});

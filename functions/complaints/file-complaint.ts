import { Problem } from '#shared/domain/problem.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { header, parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { complaintRequestSchema } from '#shared/schemas/complaints/complaint-requests.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { fileComplaint } from '#shared/services/complaints/file-complaint.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbComplaints } from '#shared/store/complaint-store.ts';

// The complaints' store: only the complaint functions carry it.
provide({ complaints: dynamoDbComplaints });

export const handler = httpHandler('fileComplaint', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const request = parseJsonBody(event, complaintRequestSchema);
  // Required: a complaint retried without one would be filed twice.
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey === undefined || !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new Problem({ status: 400, code: 'invalid-idempotency-key', title: 'Invalid Idempotency-Key', detail: 'Send an Idempotency-Key of 1 to 255 visible ASCII characters: a retry with the same key files nothing more.' });
  }
  const result = await fileComplaint(dependencies(), caller, personId, request, idempotencyKey);
  return json(201, result.body, {
    location: `/persons/${personId}/complaints`,
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});

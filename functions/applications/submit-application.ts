import { Problem } from '#shared/domain/problem.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { header, parseJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { sqsNumberRequests } from '#shared/queue/number-requests.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { submitApplication } from '#shared/services/intake.ts';

// Files, queues the number request and hashes identifiers (infra/functions.ts: sendsTo, lookupKey).
provide({ numberRequests: sqsNumberRequests, secret: secretValue });

export const handler = httpHandler('submitApplication', async (event, caller) => {
  const request = parseJsonBody(event, applicationRequestSchema);
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new Problem({ status: 400, code: 'invalid-idempotency-key', title: 'Invalid Idempotency-Key', detail: 'Use 1 to 255 visible ASCII characters.' });
  }
  const result = await submitApplication(dependencies(), caller, request, { idempotencyKey });
  return json(201, result.body, {
    location: `/applications/${result.body.application.id}`,
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});

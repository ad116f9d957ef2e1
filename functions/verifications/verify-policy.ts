import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { verificationRequestSchema } from '#shared/schemas/verification-request.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { verifyPolicy } from '#shared/services/verification.ts';

// Hashes the document and the attempt keys with the lookup key (infra/functions.ts: lookupKey).
provide({ secret: secretValue });

export const handler = httpHandler('verifyPolicy', async (event, caller) => {
  const request = parseJsonBody(event, verificationRequestSchema);
  return json(200, await verifyPolicy(dependencies(), caller, request));
});

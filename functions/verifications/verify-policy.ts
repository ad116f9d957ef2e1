import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { verificationRequestSchema } from '#shared/schemas/verification.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { verifyPolicy } from '#shared/services/verification.ts';

export const handler = httpHandler('verifyPolicy', async (event, caller) => {
  const request = parseJsonBody(event, verificationRequestSchema);
  return json(200, await verifyPolicy(dependencies(), caller, request));
});

import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { suspensionRequestSchema } from '#shared/schemas/policy-change-requests.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { changePolicy } from '#shared/services/lifecycle/policy-changes.ts';

export const handler = httpHandler('suspendPolicy', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const request = parseJsonBody(event, suspensionRequestSchema);
  return json(200, await changePolicy(dependencies(), caller, personId, { kind: 'suspend', ...request }, 'suspendPolicy'));
});

import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { pinCheckSchema } from '#shared/schemas/policy-change-requests.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { checkPin } from '#shared/services/pin.ts';

export const handler = httpHandler('checkPin', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const { pin } = parseJsonBody(event, pinCheckSchema);
  return json(200, await checkPin(dependencies(), caller, personId, pin));
});

import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { clinicChoiceSchema } from '#shared/schemas/choice-requests.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { makeChoice } from '#shared/services/choices/make-choice.ts';
import { dependencies } from '#shared/services/dependencies.ts';

export const handler = httpHandler('chooseClinic', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const request = parseJsonBody(event, clinicChoiceSchema);
  return json(200, await makeChoice(dependencies(), caller, personId, { kind: 'clinic', ...request }, 'chooseClinic'));
});

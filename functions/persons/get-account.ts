import { httpHandler } from '#shared/http/http-handler.ts';
import { pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { personalAccount } from '#shared/services/account/account.ts';
import { dependencies } from '#shared/services/dependencies.ts';

export const handler = httpHandler('getPersonAccount', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  return json(200, await personalAccount(dependencies(), caller, personId));
});

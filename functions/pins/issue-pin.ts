import type { IdentityDocument } from '#shared/domain/documents.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { pinIssueSchema } from '#shared/schemas/policy-change-requests.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { issuePin } from '#shared/services/pin.ts';

export const handler = httpHandler('issuePin', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const { document } = parseJsonBody(event, pinIssueSchema);
  return json(201, await issuePin(dependencies(), caller, personId, document as IdentityDocument));
});

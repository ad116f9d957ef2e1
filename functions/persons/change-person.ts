import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { dynamoDbPersonChanges } from '#shared/store/person-change-store.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { personChangeRequestSchema } from '#shared/schemas/person-change-request.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { changePersonDetails } from '#shared/services/person-changes/change-person.ts';
import { changeOfRequest } from '#shared/services/person-changes/change-request.ts';
import { personView } from '#shared/services/person-view.ts';

// Hashes the new document or SNILS for its lookup, and counts refused probes (infra/functions.ts: lookupKey);
// writes the change with the store of a person's own changes.
provide({ secret: secretValue, personChanges: dynamoDbPersonChanges });

/** `PATCH /persons/{personId}` (application/merge-patch+json or application/json): the person as `GET` shows it, after the change. */
export const handler = httpHandler('changePerson', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const { change, pin } = changeOfRequest(parseJsonBody(event, personChangeRequestSchema));
  const result = await changePersonDetails(dependencies(), personId, change, { caller, ...(pin !== undefined ? { pin } : {}), operation: 'changePerson' });
  return json(200, personView(result.person, caller));
});

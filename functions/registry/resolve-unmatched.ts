import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { sqsNumberRequests } from '#shared/queue/number-requests.ts';
import { eventIdSchema, resolutionSchema } from '#shared/schemas/registry-events.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { resolveUnmatched } from '#shared/services/registry/resolution.ts';
import { dynamoDbPersonChanges } from '#shared/store/person-change-store.ts';
import { dynamoDbRegistry } from '#shared/store/registry-store.ts';

// Applies an event as its consumer does (hashed lookups, a newborn's number, a person's changes).
provide({ numberRequests: sqsNumberRequests, secret: secretValue, personChanges: dynamoDbPersonChanges, registry: dynamoDbRegistry });

export const handler = httpHandler('resolveUnmatchedRegistryEvent', async (event, caller) => {
  const eventId = pathParameter(event, 'eventId', eventIdSchema, 'The unmatched event');
  return json(200, await resolveUnmatched(dependencies(), caller, eventId, parseJsonBody(event, resolutionSchema)));
});

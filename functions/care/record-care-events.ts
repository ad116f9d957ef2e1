import { CARE_SETTINGS } from '#shared/config/settings.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { careBatchEnvelope } from '#shared/schemas/care-requests.ts';
import { recordCareBatch } from '#shared/services/care/care-batch.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbCareStore } from '#shared/store/care-store.ts';

// Hashes the insurer's event ids with the lookup key (infra/functions.ts: lookupKey); the care store is its own.
provide({ secret: secretValue, care: dynamoDbCareStore });
let settings: ReturnType<typeof CARE_SETTINGS.read> | undefined;

export const handler = httpHandler('recordCareEvents', async (event, caller) => {
  const { events } = parseJsonBody(event, careBatchEnvelope);
  return json(200, await recordCareBatch(dependencies(), caller, events, (settings ??= CARE_SETTINGS.read())));
});

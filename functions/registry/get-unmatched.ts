import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { auditQuerySchema } from '#shared/schemas/audit-query.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { unmatchedEvents } from '#shared/services/registry/unmatched.ts';
import { dynamoDbRegistry } from '#shared/store/registry-store.ts';

// Seals its page cursors with the lookup key (infra/functions.ts: lookupKey); reads the registry events' records.
provide({ secret: secretValue, registry: dynamoDbRegistry });

export const handler = httpHandler('getUnmatchedRegistryEvents', async (event) => json(200, await unmatchedEvents(dependencies(), parseQuery(event, auditQuerySchema))));

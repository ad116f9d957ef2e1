import { cacheableAnswer, etagOf } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';

// Reads the public key ring from the table (no vault: it signs nothing).
provide({ signing: tableSigningKeys });

/**
 * A cache may keep the key set as long as a function keeps the ring (a minute): well within the
 * time a new key is published before it signs, so no cache is behind when it does.
 */
const MAX_AGE_SECONDS = 60;

/** The public keys of the barcode signatures, for anyone (a clinic's app offline) to check them. */
export const handler = httpHandler('getSigningKeys', async (event) => {
  const deps = dependencies();
  const { version, document } = await deps.signing.jwks(deps.clock.now());
  return cacheableAnswer(event, etagOf(version), MAX_AGE_SECONDS, () => document);
});

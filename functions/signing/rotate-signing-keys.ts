import middy from '@middy/core';
import { logger } from '#shared/observability/logger.ts';
import { observed } from '#shared/observability/observed.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { vaultFromEnv } from '#shared/signing/vault-from-env.ts';

provide({ keyVault: vaultFromEnv });

/** Invoked by the schedule: a new barcode signing key when the newest is due, old ones retired. */
export const handler = middy()
  .use(observed('signing/rotate-signing-keys'))
  .handler(async () => {
    const deps = dependencies();
    const outcome = await rotateSigningKeys(deps.signing.store, deps.signing.vault(), deps.clock.now(), deps.settings.signing);
    logger.info('signing keys looked at', { ...outcome });
    return outcome;
  });

import middy from '@middy/core';
import { SIGNING_ROTATION_SETTINGS } from '#shared/config/settings.ts';
import { logger } from '#shared/observability/logger.ts';
import { observed } from '#shared/observability/observed.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';
import { vaultFromEnv } from '#shared/signing/vault-from-env.ts';

provide({ keyVault: vaultFromEnv, signing: tableSigningKeys });

/** Invoked by the schedule: a new barcode signing key when the newest is due, old ones retired. */
export const handler = middy()
  .use(observed('signing/rotate-signing-keys'))
  .handler(async () => {
    const deps = dependencies();
    const outcome = await rotateSigningKeys(deps.signing.store, deps.signing.vault(), deps.clock.now(), SIGNING_ROTATION_SETTINGS.read());
    logger.info('signing keys looked at', { ...outcome });
    return outcome;
  });

import middy from '@middy/core';
import type { DeployStepEvent } from '#shared/config/deploy-steps.ts';
import { SIGNING_ROTATION_SETTINGS } from '#shared/config/settings.ts';
import { logger } from '#shared/observability/logger.ts';
import { observed } from '#shared/observability/observed.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';
import { vaultFromEnv } from '#shared/signing/vault-from-env.ts';

provide({ keyVault: vaultFromEnv, signing: tableSigningKeys });

const RESOURCE_ID = 'barcode-signing-keys';

/**
 * A deploy step: the first barcode signing key, so the register signs from its first deploy (the
 * rotation schedule keeps them after). On delete, the keys stay: barcodes already shown need them.
 */
export const handler = middy<DeployStepEvent>()
  .use(observed('signing/make-first-signing-key'))
  .handler(async (event: DeployStepEvent) => {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? RESOURCE_ID };
    const deps = dependencies();
    const outcome = await rotateSigningKeys(deps.signing.store, deps.signing.vault(), deps.clock.now(), SIGNING_ROTATION_SETTINGS.read());
    logger.info('signing keys looked at', { ...outcome });
    // CloudFormation reads a custom resource's attributes as strings.
    return { PhysicalResourceId: RESOURCE_ID, Data: { rotated: String(outcome.rotated), version: String(outcome.version) } };
  });

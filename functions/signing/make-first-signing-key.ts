import { SIGNING_ROTATION_SETTINGS } from '#shared/config/settings.ts';
import { deployStepHandler } from '#shared/deploy/deploy-step-handler.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';
import { vaultFromEnv } from '#shared/signing/vault-from-env.ts';

provide({ keyVault: vaultFromEnv, signing: tableSigningKeys });

/**
 * A deploy step: the first barcode signing key (and the next, should one be due), so the register
 * signs from its first deploy; the rotation schedule keeps them after. On delete the keys stay:
 * barcodes already shown need them.
 */
export const handler = deployStepHandler('signing/make-first-signing-key', 'barcode-signing-keys', 'signing keys looked at', async () => {
  const deps = dependencies();
  const { rotated, version } = await rotateSigningKeys(deps.signing.store, deps.signing.vault(), deps.clock.now(), SIGNING_ROTATION_SETTINGS.read());
  return { rotated, version };
});

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SIGNING_ROTATION_SETTINGS } from '#shared/config/settings.ts';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { SigningKeys } from '#shared/services/signing/signing-keys.ts';
import { memoryVault, type KeyVault } from '#shared/signing/key-vault.ts';
import { DynamoDbSigningKeyStore } from '#shared/store/signing-key-store.ts';

/** Signing keys over a table, their vault in memory, with the first key made (as the deploy step makes it) at `now`. */
export async function tableSigning(client: DynamoDBClient, tableName: string, now: Date, vault: KeyVault = memoryVault()): Promise<SigningKeys> {
  const store = new DynamoDbSigningKeyStore(client, tableName);
  await rotateSigningKeys(store, vault, now, SIGNING_ROTATION_SETTINGS.read({}));
  return new SigningKeys(store, () => vault, 60_000);
}

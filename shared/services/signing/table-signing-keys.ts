import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KeyVault } from '../../signing/key-vault.ts';
import { DynamoDbSigningKeyStore } from '../../store/signing-key-store.ts';
import { SigningKeys } from './signing-keys.ts';

/** The signing keys with their public ring in the register's table: the part the functions that sign, verify or rotate provide. */
export function tableSigningKeys(client: DynamoDBClient, tableName: string, vault: () => KeyVault, cacheMs: number): SigningKeys {
  return new SigningKeys(new DynamoDbSigningKeyStore(client, tableName), vault, cacheMs);
}

import { parseVault, type KeyVault } from './key-vault.ts';

/**
 * The vault in the cloud: a Secrets Manager secret holding `{"keys": [...]}`. The client loads on
 * first use (the runtime's SDK, outside the bundle), so a function that never signs never loads it.
 */
export function secretVault(arn: string): KeyVault {
  const client = import('@aws-sdk/client-secrets-manager').then((sdk) => ({ sdk, client: new sdk.SecretsManagerClient({}) }));
  return {
    async read() {
      const { sdk, client: c } = await client;
      const { SecretString } = await c.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
      return parseVault(SecretString);
    },
    async write(keys) {
      const { sdk, client: c } = await client;
      await c.send(new sdk.PutSecretValueCommand({ SecretId: arn, SecretString: JSON.stringify({ keys }) }));
    },
  };
}

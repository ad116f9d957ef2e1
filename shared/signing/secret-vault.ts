import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsManagerSdk } from '../aws/runtime-sdk.ts';
import { parseVault, type KeyVault } from './key-vault.ts';

/**
 * The vault in the cloud: a Secrets Manager secret holding `{"keys": [...]}`. The client loads on
 * first use, so a function that never signs never loads it.
 */
export function secretVault(arn: string): KeyVault {
  let loaded: { sdk: ReturnType<typeof secretsManagerSdk>; client: SecretsManagerClient } | undefined;
  const client = () => {
    if (!loaded) {
      const sdk = secretsManagerSdk();
      loaded = { sdk, client: new sdk.SecretsManagerClient({}) };
    }
    return loaded;
  };
  return {
    async read() {
      const { sdk, client: c } = client();
      const { SecretString } = await c.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
      return parseVault(SecretString);
    },
    async write(keys) {
      const { sdk, client: c } = client();
      await c.send(new sdk.PutSecretValueCommand({ SecretId: arn, SecretString: JSON.stringify({ keys }) }));
    },
  };
}

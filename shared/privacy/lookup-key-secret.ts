import { secretsManagerSdk } from '../aws/runtime-sdk.ts';

/**
 * The lookup key's secret from Secrets Manager (in the cloud; locally the key is given as
 * LOOKUP_KEY). A function that hashes or seals with the key hands this to its dependencies
 * (`provide`); the others never load the Secrets Manager client. Those that do load it on first
 * use, not at cold start: the key is read once per process (the hasher made from it is kept), and
 * many calls never need it (an audit page with no next page).
 */
export async function secretValue(arn: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = secretsManagerSdk();
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (typeof SecretString !== 'string') throw new Error('lookup key secret is not a string');
    return SecretString;
  } finally {
    client.destroy();
  }
}

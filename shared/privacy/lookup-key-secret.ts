import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * The lookup key's secret from Secrets Manager (in the cloud; locally the key is given as
 * LOOKUP_KEY). A function that hashes or seals with the key hands this to its dependencies
 * (`provide`); the others never load the Secrets Manager client.
 */
export async function secretValue(arn: string): Promise<string> {
  const secret = await getSecret(arn, { maxAge: 3600 });
  if (typeof secret !== 'string') throw new Error('lookup key secret is not a string');
  return secret;
}

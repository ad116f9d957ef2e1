import { ConditionalCheckFailedException, DynamoDBDocumentClient, PutCommand, QueryCommand, type DynamoDBClient } from '../aws/dynamodb.ts';
import type { KeyRing } from '../signing/key-ring.ts';
import { keys } from './keys.ts';

/** The public signing-key ring's versions in the register's table (keys: `keys.ts`). */
export interface SigningKeyStore {
  /** The newest version of the ring, if there is one. */
  latest(consistent?: boolean): Promise<KeyRing | undefined>;
  /** Writes the next version on the condition that no version of that number exists: false if another rotation wrote it first. */
  put(ring: KeyRing): Promise<boolean>;
}

export class DynamoDbSigningKeyStore implements SigningKeyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async latest(consistent = false): Promise<KeyRing | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': keys.signingKeys, ':v': keys.signingKeysVersionPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    );
    const item = out.Items?.[0];
    return item && { version: item.version as number, changedAt: item.changedAt as string, keys: item.keys as KeyRing['keys'] };
  }

  async put(ring: KeyRing): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.signingKeysVersion(ring.version), ...ring }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

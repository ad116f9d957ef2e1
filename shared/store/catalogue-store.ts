import { ConditionalCheckFailedException, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type DynamoDBClient } from '../aws/dynamodb.ts';
import type { CatalogueKind, CatalogueVersion } from '../catalogues/catalogue-documents.ts';
import { keys } from './keys.ts';

/** The catalogues' versions in the register's table (keys: `keys.ts`). */
export interface CatalogueStore {
  /** The newest version of a catalogue, if it has any. */
  latest<K extends CatalogueKind>(kind: K, scope: string, consistent?: boolean): Promise<CatalogueVersion<K> | undefined>;
  /** One version, as it was written. */
  version<K extends CatalogueKind>(kind: K, scope: string, version: number): Promise<CatalogueVersion<K> | undefined>;
  /** Writes a version on the condition that no version of that number exists: false if one does (someone else wrote it first). */
  putVersion(version: CatalogueVersion): Promise<boolean>;
}

function stripKeys<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export class DynamoDbCatalogueStore implements CatalogueStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async latest<K extends CatalogueKind>(kind: K, scope: string, consistent = false): Promise<CatalogueVersion<K> | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': keys.catalogue(kind, scope), ':v': keys.catalogueVersionPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    );
    return stripKeys(out.Items?.[0]);
  }

  async version<K extends CatalogueKind>(kind: K, scope: string, version: number): Promise<CatalogueVersion<K> | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.catalogueVersion(kind, scope, version) }));
    return stripKeys(out.Item);
  }

  async putVersion(version: CatalogueVersion): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.catalogueVersion(version.kind, version.scope, version.version), ...version },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

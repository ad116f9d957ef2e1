import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * One GetItem through the DocumentClient (lib-dynamodb), as the register's store reads: beside
 * the bare SDK yardstick it shows what the DocumentClient itself costs a cold start.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pk: string; sk: string }) => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: event }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};

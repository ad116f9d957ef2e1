import { createRequire } from 'node:module';

/**
 * One GetItem through the DocumentClient (lib-dynamodb), as the register's store reads, with the
 * SDK loaded as the register loads it (`require`, shared/aws/runtime-sdk.ts): beside the
 * one-GetItem yardstick loaded the same way it shows what the DocumentClient itself costs a cold start.
 */
const load = createRequire(import.meta.url);
const { DynamoDBClient }: typeof import('@aws-sdk/client-dynamodb') = load('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand }: typeof import('@aws-sdk/lib-dynamodb') = load('@aws-sdk/lib-dynamodb');
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pk: string; sk: string }) => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: event }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};

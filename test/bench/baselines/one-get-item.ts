import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The floor of a function that reads the table: one GetItem with the bare SDK client, nothing else,
 * written as one writes it (`import`): the cold-start benchmark's second yardstick, the one the
 * cold-start target is set against. It reads the item the benchmark names.
 */
const client = new DynamoDBClient({});

export const handler = async (event: { pk: string; sk: string }) => {
  const { Item } = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: event.pk }, sk: { S: event.sk } } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};

import { createRequire } from 'node:module';

/**
 * The one-GetItem yardstick loading the runtime's SDK as the register does (`require`, see
 * shared/aws/runtime-sdk.ts) rather than with `import`: the floor of a function that reads the
 * table when the SDK is loaded the cheaper way, against which the register's own code is weighed.
 */
const sdk: typeof import('@aws-sdk/client-dynamodb') = createRequire(import.meta.url)('@aws-sdk/client-dynamodb');
const client = new sdk.DynamoDBClient({});

export const handler = async (event: { pk: string; sk: string }) => {
  const { Item } = await client.send(new sdk.GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: event.pk }, sk: { S: event.sk } } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};

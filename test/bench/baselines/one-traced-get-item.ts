import { createRequire } from 'node:module';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';

/**
 * The floor of a traced function that reads the table: the one-GetItem yardstick with the SDK
 * loaded as the register loads it (`require`) and Powertools Tracer as every register function has
 * it (the client captured, the handler's subsegment opened by the middleware). Beside the
 * yardstick loaded the same way it shows what tracing alone costs a cold start.
 */
const { DynamoDBClient, GetItemCommand }: typeof import('@aws-sdk/client-dynamodb') = createRequire(import.meta.url)('@aws-sdk/client-dynamodb');
const tracer = new Tracer({ captureHTTPsRequests: false });
const client = tracer.captureAWSv3Client(new DynamoDBClient({}));

export const handler = middy(async (event: { pk: string; sk: string }) => {
  const { Item } = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: event.pk }, sk: { S: event.sk } } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
}).use(captureLambdaHandler(tracer, { captureResponse: false }));

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/engines/dynamodb.ts';

/**
 * What `npm start` keeps on disk survives a crash of the engine: every write it acknowledged (a
 * transaction, or a single update such as an attempt counter's step) is there after DynamoDB Local
 * is killed outright (SIGKILL) and started again. The engine as shipped answers a transaction
 * before its COMMIT runs; the launcher closes that window. A single write the engine commits before
 * answering (without the launcher too: three runs of this test lost none), and this keeps it so.
 */
const engines: DynamoDbLocal[] = [];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.stop()));
});

async function up(dataDir: string) {
  const engine = await startDynamoDbLocal({ dataDir });
  engines.push(engine);
  return { engine, client: new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }) };
}

describe('DynamoDB Local on disk', () => {
  it('keeps every acknowledged transaction and single update through a SIGKILL of the engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'durability-'));
    const first = await up(dataDir);
    await ensureRegisterTable(first.engine.endpoint, 'register');
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    // Eight writers in parallel, as concurrent filings and counted attempts would be (half send
    // transactions of two items, half single updates of a counter item, each written as its second
    // item); the engine is killed the moment the 240th answer arrives, while others are on their way.
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        while (!killed) {
          const id = `tx-${String(next++).padStart(4, '0')}`;
          const sent =
            writer % 2 === 0
              ? first.client.send(
                  new TransactWriteItemsCommand({
                    TransactItems: [
                      { Put: { TableName: 'register', Item: { pk: { S: `T#${id}` }, sk: { S: 'A' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
                      { Put: { TableName: 'register', Item: { pk: { S: `T#${id}` }, sk: { S: 'B' } } } },
                    ],
                  }),
                )
              : first.client
                  .send(new UpdateItemCommand({ TableName: 'register', Key: { pk: { S: `T#${id}` }, sk: { S: 'A' } }, UpdateExpression: 'ADD attempts :one', ExpressionAttributeValues: { ':one': { N: '1' } } }))
                  .then(() => first.client.send(new UpdateItemCommand({ TableName: 'register', Key: { pk: { S: `T#${id}` }, sk: { S: 'B' } }, UpdateExpression: 'ADD attempts :one', ExpressionAttributeValues: { ':one': { N: '1' } } })));
          const ok = await sent.then(
            () => true,
            () => false, // cut off by the kill: never acknowledged
          );
          if (!ok || killed) continue;
          acknowledged.push(id);
          if (acknowledged.length === 240) {
            killed = true;
            process.kill(first.engine.pid, 'SIGKILL');
          }
        }
      }),
    );
    await first.engine.stop();
    first.client.destroy();

    const second = await up(dataDir);
    const missing: string[] = [];
    await Promise.all(
      acknowledged.map(async (id) => {
        const out = await second.client.send(new QueryCommand({ TableName: 'register', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `T#${id}` } } }));
        if (out.Count !== 2) missing.push(id);
      }),
    );
    second.client.destroy();
    expect(acknowledged).toHaveLength(240);
    expect(missing).toEqual([]);
  });
});

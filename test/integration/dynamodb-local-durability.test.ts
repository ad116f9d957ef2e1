import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/engines/dynamodb.ts';

/**
 * What `npm start` keeps on disk survives a crash of the engine: every transaction it acknowledged
 * is there after DynamoDB Local is killed outright (SIGKILL) and started again. The engine as
 * shipped answers a transaction before its COMMIT runs; the launcher closes that window.
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
  it('keeps every acknowledged transaction through a SIGKILL of the engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'durability-'));
    const first = await up(dataDir);
    await ensureRegisterTable(first.engine.endpoint, 'register');
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    // Eight writers in parallel, as concurrent filings would be; the engine is killed the moment the
    // 240th answer arrives, while other transactions are still on their way.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (!killed) {
          const id = `tx-${String(next++).padStart(4, '0')}`;
          const sent = first.client.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Put: { TableName: 'register', Item: { pk: { S: `T#${id}` }, sk: { S: 'A' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
                { Put: { TableName: 'register', Item: { pk: { S: `T#${id}` }, sk: { S: 'B' } } } },
              ],
            }),
          );
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

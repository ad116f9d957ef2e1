import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { schedules } from '#shared/config/schedules.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/engines/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { createDependencies } from '#shared/services/dependencies.ts';
import { requeueStalledApplications } from '#shared/services/stalled-applications.ts';
import { convertTemporaryPolicies } from '#shared/services/lifecycle/conversion.ts';
import { applyPolicyDeadlines } from '#shared/services/lifecycle/deadlines.ts';
import { resetYearlyCounts } from '#shared/services/choices/yearly-reset.ts';
import { DynamoDbRegisterStore } from '#shared/store/dynamodb-register-store.ts';
import { RecordingQueue } from '../support/local-register.ts';
import { fillRegister } from '../support/register-fill.ts';
import { RequestUnitMeter, totals } from '../support/request-units/meter.ts';
import { YEARLY } from '../support/request-units/national-load.ts';
import { measureOperations, OPERATIONS, withinBudget } from '../support/request-units/operations.ts';

let engine: DynamoDbLocal;
const TABLE = 'units-meter';
const clients: DynamoDBClient[] = [];
const client = () => {
  const c = new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  engine = await startDynamoDbLocal({});
  await ensureRegisterTable(engine.endpoint, TABLE);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await engine?.stop();
});

function metered(table = TABLE) {
  const meter = new RequestUnitMeter(table, client());
  const c = client();
  meter.attach(c);
  return { meter, client: c, doc: DynamoDBDocumentClient.from(c) };
}

const padding = (bytes: number) => 'x'.repeat(bytes);

describe('the request-unit meter', () => {
  it('prices single-item calls as DynamoDB itself reports them', async () => {
    const { meter, doc } = metered();
    const reported: number[] = [];
    const report = (out: { ConsumedCapacity?: { CapacityUnits?: number } }) => reported.push(out.ConsumedCapacity?.CapacityUnits ?? NaN);
    const TOTAL = { TableName: TABLE, ReturnConsumedCapacity: 'TOTAL' } as const;
    report(await doc.send(new PutCommand({ ...TOTAL, Item: { pk: 'A', sk: 'A', v: padding(100) } })));
    report(await doc.send(new PutCommand({ ...TOTAL, Item: { pk: 'B', sk: 'B', v: padding(1500) } })));
    report(await doc.send(new PutCommand({ ...TOTAL, Item: { pk: 'C', sk: 'C', v: padding(9000) } })));
    report(await doc.send(new GetCommand({ ...TOTAL, Key: { pk: 'A', sk: 'A' } })));
    report(await doc.send(new GetCommand({ ...TOTAL, Key: { pk: 'C', sk: 'C' }, ConsistentRead: true })));
    report(await doc.send(new GetCommand({ ...TOTAL, Key: { pk: 'nobody', sk: 'nobody' } })));
    // An update prices the larger of before and after: 9 KB shrunk to 100 bytes is 9 units.
    report(await doc.send(new UpdateCommand({ ...TOTAL, Key: { pk: 'C', sk: 'C' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': padding(100) } })));
    const calls = meter.take();
    expect(calls.map((c) => c.writeUnits + c.readUnits)).toEqual(reported);
    expect(reported).toEqual([1, 2, 9, 0.5, 3, 0.5, 9]);
  });

  it('prices a transaction per item, doubled, with each index entry at the standard rate', async () => {
    const { meter, doc } = metered();
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { pk: 'T1', sk: 'T1', v: padding(100) } } },
          { Put: { TableName: TABLE, Item: { pk: 'T2', sk: 'T2', v: padding(1500) } } },
          // In the work index: 2 × 1 for the item, 1 for the index entry.
          { Put: { TableName: TABLE, Item: { pk: 'T3', sk: 'T3', gsi1pk: 'NUMBERING#1', gsi1sk: '2026-11-23T09:00:00Z' } } },
        ],
      }),
    );
    expect(meter.take()).toEqual([{ command: 'TransactWriteItems', items: 3, readUnits: 0, writeUnits: 2 + 4 + 3 }]);
    // Moving an entry's index key is a delete and a put in the index; removing it, one delete.
    await doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk: 'T3', sk: 'T3' }, UpdateExpression: 'SET gsi1sk = :later', ExpressionAttributeValues: { ':later': '2026-11-23T10:00:00Z' } }));
    await doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk: 'T3', sk: 'T3' }, UpdateExpression: 'REMOVE gsi1pk, gsi1sk' }));
    expect(meter.take().map((c) => c.writeUnits)).toEqual([1 + 2, 1 + 1]);
  });

  it('rounds a Query once over the items it read, and halves it when eventually consistent', async () => {
    const { meter, doc } = metered();
    for (let i = 0; i < 5; i++) await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'Q', sk: `Q${i}`, v: padding(1000) } }));
    meter.take();
    await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :q', ExpressionAttributeValues: { ':q': 'Q' } }));
    await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :q', ExpressionAttributeValues: { ':q': 'Q' }, ConsistentRead: true }));
    // Five items of just over 1 KB: 2 started blocks of 4 KB.
    expect(meter.take().map((c) => c.readUnits)).toEqual([1, 2]);
  });
});

describe('request units of every route and job', () => {
  it('has an operation for every declared route, queue consumer and schedule', () => {
    const declared = new Set([...routes.map((r) => r.operationId), ...queues.map((q) => q.consumer), ...schedules.map((s) => s.handler)]);
    expect(new Set(OPERATIONS.map((o) => o.of))).toEqual(declared);
    // ... and a yearly count at the national load, for the README's cost.
    expect(Object.keys(YEARLY).sort()).toEqual(OPERATIONS.map((o) => o.name).sort());
  });

  it("keeps a job's units to its due work, whatever the register's size", async () => {
    const table = 'units-scale';
    await ensureRegisterTable(engine.endpoint, table);
    const { meter, client: c } = metered(table);
    const deps = createDependencies({
      env: { TABLE_NAME: table },
      store: new DynamoDbRegisterStore(c, table),
      numberRequests: new RecordingQueue(),
      clock: fixedClock('2026-11-23T10:00:00Z'),
    });
    const plain = DynamoDBDocumentClient.from(client());
    const at = '2026-11-23T09:00:00.000Z';
    // Every job that reads the work index's due entries, shard by shard.
    const jobs = { requeueStalledApplications, convertTemporaryPolicies, applyPolicyDeadlines, resetYearlyCounts };
    const unitsOfEach = async () => {
      const units: Record<string, unknown> = {};
      for (const [name, job] of Object.entries(jobs)) {
        await job(deps);
        units[name] = totals(meter.take());
      }
      return units;
    };
    const empty = await unitsOfEach();
    // 2,000 people whose entries in the index are not due yet: a conversion next month, a reset next year.
    await fillRegister(plain, table, { from: 0, count: 2_000, at, convertAt: '2026-12-23T09:00:00.000Z', usedLimits: { count: 2_000, year: 2026, resetAt: '2027-01-01T00:00:00.000Z' } });
    expect(await unitsOfEach()).toEqual(empty);
    for (const name of Object.keys(jobs)) expect(empty[name], name).toEqual({ readUnits: 8, writeUnits: 0 });
    // Ten due: each read from the index and moved to its next look.
    await fillRegister(plain, table, { from: 10_000, count: 10, due: true, at });
    expect(await requeueStalledApplications(deps)).toEqual({ requeued: 10, failed: 0 });
    expect(totals(meter.take()).writeUnits).toBe(10 * 3);
  }, 60_000);

  it('stays within the budget written beside each operation', async () => {
    const measured = await measureOperations(engine.endpoint);
    const over = measured.filter((m) => !withinBudget(m)).map((m) => `${m.operation.name}: ${JSON.stringify(m.units)} > ${JSON.stringify(m.operation.budget)}`);
    expect(over).toEqual([]);
    // The figures come from real calls: every operation but the OpenAPI document touches the table
    // (and the reassignment with no contract ended, which reads only the catalogues, kept a minute).
    const tableless = new Set(['the OpenAPI document', 'reassign after contracts ended (none ended)']);
    for (const m of measured) expect(m.calls.length > 0, m.operation.name).toBe(!tableless.has(m.operation.name));
    expect(totals(measured.flatMap((m) => m.calls)).writeUnits).toBeGreaterThan(0);
  }, 120_000);
});

import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInMemoryDynamoDb, type InMemoryDynamoDb } from '#infra/local/engines/dynalite.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';

const TABLE = 'register';
const NEW = 'attribute_not_exists(pk)';
let engine: InMemoryDynamoDb;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  engine = await startInMemoryDynamoDb();
  // The register's own table, from its declaration, TTL included.
  await ensureRegisterTable(engine.endpoint, TABLE);
  client = new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  doc = DynamoDBDocumentClient.from(client);
});
afterAll(async () => {
  client?.destroy();
  await engine?.stop();
});

const transact = (items: NonNullable<TransactWriteCommandInput['TransactItems']>) => doc.send(new TransactWriteCommand({ TransactItems: items, ReturnConsumedCapacity: 'TOTAL' }));
const get = async (pk: string) => (await doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: pk } }))).Item;
async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('the in-memory DynamoDB of --mock (dynalite with the calls it lacks)', () => {
  it('writes a transaction whole, and its items reach the sparse index', async () => {
    await transact([
      { Put: { TableName: TABLE, Item: { pk: 'a', sk: 'a', gsi1pk: 'WORK#1', gsi1sk: '2026-01-01' }, ConditionExpression: NEW } },
      { Put: { TableName: TABLE, Item: { pk: 'b', sk: 'b', n: 1 }, ConditionExpression: NEW } },
    ]);
    expect(await get('b')).toEqual({ pk: 'b', sk: 'b', n: 1 });
    const due = await doc.send(new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :until', ExpressionAttributeValues: { ':p': 'WORK#1', ':until': '2027' } }));
    expect(due.Items?.map((i) => i.pk)).toEqual(['a']);
  });

  it('cancels a transaction whose condition fails: nothing written, every reason in order, the old item where asked', async () => {
    const error = await refusal(
      transact([
        { Put: { TableName: TABLE, Item: { pk: 'c', sk: 'c' }, ConditionExpression: NEW } },
        { Put: { TableName: TABLE, Item: { pk: 'b', sk: 'b' }, ConditionExpression: NEW, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        { Update: { TableName: TABLE, Key: { pk: 'a', sk: 'a' }, UpdateExpression: 'SET x = :x', ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':x': 1 } } },
      ]),
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'b' }, sk: { S: 'b' }, n: { N: '1' } } },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await get('c')).toBeUndefined();
    expect((await get('a'))?.x).toBeUndefined();
  });

  it('undoes the earlier writes of a transaction when a later write is refused', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 's', sk: 's', text: 'words' } }));
    const error = await refusal(
      transact([
        { Put: { TableName: TABLE, Item: { pk: 'd', sk: 'd' } } },
        { Update: { TableName: TABLE, Key: { pk: 'b', sk: 'b' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
        { Update: { TableName: TABLE, Key: { pk: 's', sk: 's' }, UpdateExpression: 'ADD #text :one', ExpressionAttributeNames: { '#text': 'text' }, ExpressionAttributeValues: { ':one': 1 } } },
      ]),
    );
    expect(error.name).toBe('ValidationException');
    expect(await get('d')).toBeUndefined();
    expect((await get('b'))?.n).toBe(1);
  });

  it('refuses two operations on one item, as DynamoDB does', async () => {
    const error = await refusal(transact([{ Put: { TableName: TABLE, Item: { pk: 'e', sk: 'e' } } }, { Delete: { TableName: TABLE, Key: { pk: 'e', sk: 'e' } } }]));
    expect(error.name).toBe('ValidationException');
    expect(await get('e')).toBeUndefined();
  });

  it('returns the old item of a refused single write when asked (ReturnValuesOnConditionCheckFailure)', async () => {
    const error = await refusal(
      doc.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { pk: 'b', sk: 'b' },
          UpdateExpression: 'ADD n :one',
          ConditionExpression: 'n < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': 1 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item).toEqual({ pk: { S: 'b' }, sk: { S: 'b' }, n: { N: '1' } });
  });
});

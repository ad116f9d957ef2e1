import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { adultApplication, citizenFor } from '../support/applications.ts';
import { context, httpEvent } from '../support/events.ts';
import { mockedRegister } from '../support/mocked-register.ts';
import { ROUTE_HANDLERS } from '../support/route-handlers.ts';

/**
 * The observability helpers on their own: the EMF lines they print, the capacity DynamoDB reports
 * summed per invocation, and Tracer staying unloaded outside Lambda.
 */
let printed = '';
beforeAll(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'OmsRegister/unit');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'oms-register');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += chunk.toString();
    return true;
  });
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
beforeEach(() => {
  printed = '';
});

const lines = () =>
  printed
    .split('\n')
    .filter((l) => l.startsWith('{"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

/** A DynamoDB client whose every call gets this answer, remembering what was asked. */
function dynamoDbAnswering(answer: (operation: string) => Record<string, unknown>) {
  const asked: Record<string, unknown>[] = [];
  const client = new DynamoDBClient({
    region: 'eu-central-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body: string | Uint8Array }) => {
        asked.push(JSON.parse(typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body)) as Record<string, unknown>);
        const body = JSON.stringify(answer(request.headers['x-amz-target']!.split('.')[1]!));
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(body)]) } };
      },
    } as never,
  });
  return { client, asked };
}

describe('consumed capacity', () => {
  it('asks for it on every call and publishes its sum for the invocation, read and write apart, under the operation', async () => {
    const { meterCapacity } = await import('#shared/observability/metrics.ts');
    const { observed } = await import('#shared/observability/observed.ts');
    const { client, asked } = dynamoDbAnswering((operation) => ({
      GetItem: { ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } },
      Query: { Items: [], ConsumedCapacity: { TableName: 't', CapacityUnits: 1 } },
      UpdateItem: { ConsumedCapacity: { TableName: 't', CapacityUnits: 1 } },
      // A transaction reports a list; DynamoDB may split the units into read and write.
      TransactWriteItems: { ConsumedCapacity: [{ TableName: 't', CapacityUnits: 12, ReadCapacityUnits: 2, WriteCapacityUnits: 10 }] },
    })[operation]!);
    meterCapacity(client);
    const doc = DynamoDBDocumentClient.from(client);
    const key = { pk: { S: 'a' }, sk: { S: 'b' } };
    const handler = middy()
      .use(observed('tests/some-operation'))
      .handler(async () => {
        await client.send(new GetItemCommand({ TableName: 't', Key: key }));
        await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
        await client.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } }));
        await client.send(new UpdateItemCommand({ TableName: 't', Key: key, UpdateExpression: 'SET x = :x', ExpressionAttributeValues: { ':x': { N: '1' } } }));
        await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 't', Item: key } }] }));
      });
    await handler({}, context);
    expect(asked.map((a) => a.ReturnConsumedCapacity)).toEqual(['TOTAL', 'TOTAL', 'TOTAL', 'TOTAL', 'TOTAL']);
    expect(lines()).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'OmsRegister/unit', Dimensions: [['service', 'operation']] })] }),
        service: 'oms-register',
        operation: 'tests/some-operation',
        ConsumedReadUnits: 0.5 + 0.5 + 1 + 2,
        ConsumedWriteUnits: 1 + 10,
      }),
    ]);

    // The next invocation starts from zero; one that calls nothing prints nothing.
    printed = '';
    await handler({}, context);
    expect(lines()).toMatchObject([{ ConsumedReadUnits: 4, ConsumedWriteUnits: 11 }]);
    printed = '';
    await middy().use(observed('tests/idle')).handler(async () => undefined)({}, context);
    expect(printed).toBe('');
  });
});

describe('problem+json answers', () => {
  let register: Awaited<ReturnType<typeof mockedRegister>>;
  beforeEach(async () => {
    register = await mockedRegister();
  });
  afterEach(() => register.restore());

  it('counts a refusal by code, and a 5xx as a server error, each in its own line with the route\'s handler', async () => {
    const forbidden = await ROUTE_HANDLERS.getPerson(httpEvent({ path: '/persons/x', pathParameters: { personId: 'x' }, caller: { subject: 'c', roles: ['clinic'], clinicId: 'k' } }), context);
    expect(forbidden.statusCode).toBe(403);
    register.ddb.onAnyCommand().rejects(new Error('table unavailable'));
    const failed = await ROUTE_HANDLERS.submitApplication(httpEvent({ method: 'POST', path: '/applications', body: adultApplication(7), caller: citizenFor(7) }), context);
    expect(failed.statusCode).toBe(500);
    expect(lines()).toEqual([
      expect.objectContaining({ operation: 'persons/get-person', code: 'forbidden', Refusals: 1 }),
      expect.objectContaining({ operation: 'applications/submit-application', code: 'internal-error', ServerErrors: 1 }),
    ]);
    for (const l of lines()) expect(l._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'operation', 'code']]);
  });
});

describe('Tracer', () => {
  afterEach(() => {
    vi.resetModules();
    vi.unstubAllEnvs();
  });

  it('is not even loaded outside Lambda, nor in Lambda with POWERTOOLS_TRACE_ENABLED=false: its helpers change nothing', async () => {
    for (const env of [{}, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACE_ENABLED: 'false' }]) {
      vi.resetModules();
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
      const { tracer, traced, tracing } = await import('#shared/observability/tracer.ts');
      expect(tracer).toBeUndefined();
      const client = new DynamoDBClient({ region: 'eu-central-1' });
      const steps = client.middlewareStack.identify().length;
      expect(traced(client)).toBe(client);
      expect(client.middlewareStack.identify()).toHaveLength(steps);
      expect(tracing()).toEqual([]);
    }
  });

  it('in Lambda, captures the clients and wraps the handler', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    const { tracer, traced, tracing } = await import('#shared/observability/tracer.ts');
    expect(tracer?.isTracingEnabled()).toBe(true);
    const client = traced(new DynamoDBClient({ region: 'eu-central-1' }));
    expect(client.middlewareStack.identify().some((m) => m.startsWith('XRaySDKInstrumentation'))).toBe(true);
    expect(tracing()).toHaveLength(1);
  });
});

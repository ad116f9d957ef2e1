import { PurgeQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '#shared/config/queues.ts';
import { isValidEnp } from '#shared/domain/enp.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { adultApplication, citizenFor, mfcOperator, viaMfc } from '../support/applications.ts';

/** The whole local register in memory, driven over HTTP like a portal would. */
let runtime: LocalRuntime;
let sqs: SQSClient;
const [numberQueue] = queues;

beforeAll(async () => {
  // A short visibility timeout so that redrive to the DLQ happens within the test.
  runtime = await startLocalRuntime({
    port: 0,
    schedules: false,
    corsOrigins: ['https://portal.example.org'],
    queues: [{ ...numberQueue, visibilityTimeoutSeconds: 1, maxReceiveCount: 2 }],
  });
  sqs = new SQSClient({ endpoint: runtime.resources.sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, useQueueUrlAsEndpoint: false });
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

const operator = mfcOperator('77');
async function tokenFor(caller: Caller) {
  return runtime.issuer.sign({ sub: caller.subject, roles: caller.roles, region: caller.region, insurerId: caller.insurerId, snils: caller.snils });
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, caller: Caller | null = operator) {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(caller ? { authorization: `Bearer ${await tokenFor(caller)}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function until<T>(what: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the register over HTTP on the local runtime', () => {
  it('files an application, gives a temporary policy at once and a number soon after', async () => {
    const filed = await call('POST', '/applications', adultApplication(1), { 'idempotency-key': 'e2e-1' }, citizenFor(1));
    expect(filed.status).toBe(201);
    expect(filed.headers.get('location')).toBe(`/applications/${filed.body.application.id}`);
    expect(filed.body.temporaryPolicy.form).toBe('В');

    const done = await until(() => call('GET', `/applications/${filed.body.application.id}`, undefined, {}, citizenFor(1)), (r) => r.body.status === 'number_assigned');
    expect(done.body.status).toBe('number_assigned');
    expect(isValidEnp(done.body.enp)).toBe(true);
    expect(done.body.numberAssignedAt <= done.body.numberDueAt).toBe(true);

    const policy = await call('GET', `/persons/${filed.body.application.personId}/policy`, undefined, {}, citizenFor(1));
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({ enp: done.body.enp, form: 'В', status: 'active', region: { code: '77' } });
  });

  it('answers a repeated submit with the first answer, and a duplicate person with 409', async () => {
    const first = await call('POST', '/applications', viaMfc(adultApplication(2)), { 'idempotency-key': 'e2e-2' });
    const again = await call('POST', '/applications', viaMfc(adultApplication(2)), { 'idempotency-key': 'e2e-2' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const duplicate = await call('POST', '/applications', viaMfc(adultApplication(2)), { 'idempotency-key': 'e2e-2b' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('content-type')).toBe('application/problem+json');
    expect(duplicate.body.existing).toEqual({ personId: first.body.application.personId, applicationId: first.body.application.id });
  });

  it('recovers an application whose queue message was lost, through the sweeper', async () => {
    await runtime.consumers.pause();
    const filed = await call('POST', '/applications', viaMfc(adultApplication(3)));
    expect(filed.status).toBe(201);
    await sqs.send(new PurgeQueueCommand({ QueueUrl: runtime.queueUrls[numberQueue.name] }));
    runtime.consumers.resume();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await call('GET', `/applications/${filed.body.application.id}`)).body.status).toBe('awaiting_number');

    // The scheduled job, run ten minutes later.
    expect(await runtime.runJob('requeue-stalled-applications', { now: new Date(Date.now() + 10 * 60_000) })).toEqual({ requeued: 1, failed: 0 });
    const done = await until(() => call('GET', `/applications/${filed.body.application.id}`), (r) => r.body.status === 'number_assigned');
    expect(done.body.status).toBe('number_assigned');
  });

  it('moves a message that keeps failing to the DLQ after maxReceiveCount deliveries', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: runtime.queueUrls[numberQueue.name], MessageBody: '{"applicationId":"poison"}' }));
    const dlq = runtime.queueUrls[`${numberQueue.name}-dlq`];
    const received = await until(
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1 })).then((r) => r.Messages ?? []),
      (m) => m.length > 0,
      20_000,
    );
    expect(received.map((m) => m.Body)).toEqual(['{"applicationId":"poison"}']);
  });

  it('answers bad input with problem+json naming the field, and unknown routes as API Gateway does', async () => {
    const bad = await call('POST', '/applications', { ...viaMfc(adultApplication(4)), region: '00' });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/region' })]);
    const missing = await call('GET', '/applications/01KAT8D4R0X1Z9E3JH2Q7M5V6B');
    expect(missing).toMatchObject({ status: 404, body: { code: 'not-found' } });
    expect(await call('DELETE', '/applications')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it('answers CORS for configured origins only, as the stack does', async () => {
    const preflight = (origin: string) =>
      fetch(`${runtime.url}/applications`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight('https://portal.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.org');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    // A catalogue's conditional reads and changes, from a browser: the tags go both ways.
    expect(allowed.headers.get('access-control-allow-headers')).toContain('if-none-match');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('if-match');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('etag');
    const other = await preflight('https://evil.example.org');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${runtime.url}/openapi.json`, { headers: { origin: 'https://portal.example.org' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://portal.example.org');
  });

  it('serves the OpenAPI document with the local server address', async () => {
    const doc = await call('GET', '/openapi.json', undefined, {}, null);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.servers).toEqual([{ url: runtime.url }]);
  });
});

import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { configurationIn } from '#infra/functions.ts';
import { exampleEvents } from '#infra/local/invoke/example-events.ts';
import { startMockRegister, type MockRegister } from '#infra/local/invoke/mock-register.ts';
import { Sandboxes } from '#infra/local/lambda/sandboxes.ts';
import { functionSpecs } from '#infra/local/runtime.ts';

/**
 * What `npm run invoke -- ... --mock` puts together (the in-memory register, the functions' own
 * environments, a sandbox each), driven in this process: every example event, and the register's
 * transactions through its real store.
 */
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
let opened: { register: MockRegister; sandboxes: Sandboxes }[] = [];

async function mockRegister() {
  const register = await startMockRegister(configurationIn(process.env));
  const sandboxes = new Sandboxes(functionSpecs(register.resources), { logs: discard });
  opened.push({ register, sandboxes });
  return { register, invoke: (handler: string, event: unknown) => sandboxes.invoke(handler, event) };
}

afterEach(async () => {
  for (const { register, sandboxes } of opened) {
    await sandboxes.stop();
    await register.stop();
  }
  opened = [];
});

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const filing = () => read(exampleEvents().find((e) => e.handler === 'applications/submit-application' && e.name === 'citizen')!.file) as APIGatewayProxyEventV2;

describe('invoke --mock', () => {
  it('runs every example event against an empty register without the function failing', { timeout: 180_000 }, async () => {
    const { invoke } = await mockRegister();
    // Each function's events one after another in its own sandbox, four functions at a time (their loading is most of the time).
    const byHandler = new Map<string, ReturnType<typeof exampleEvents>>();
    for (const e of exampleEvents()) byHandler.set(e.handler, [...(byHandler.get(e.handler) ?? []), e]);
    const handlers = [...byHandler.keys()];
    const next = async (): Promise<void> => {
      const handler = handlers.shift();
      if (!handler) return;
      for (const example of byHandler.get(handler)!) {
        const result = (await invoke(example.handler, read(example.file)).catch((error: Error) => {
          throw new Error(`${example.handler}/${example.name}: the function failed: ${error.message}`);
        })) as Partial<APIGatewayProxyStructuredResultV2> | undefined;
        if (typeof result?.statusCode === 'number') expect(result.statusCode, `${example.handler}/${example.name}`).toBeLessThan(500);
      }
      return next();
    };
    await Promise.all([next(), next(), next(), next()]);
  });

  it("keeps the register's transactions: a repeated Idempotency-Key replays the filing, another key for the same person is refused", { timeout: 60_000 }, async () => {
    const { invoke, register } = await mockRegister();
    const first = (await invoke('applications/submit-application', filing())) as APIGatewayProxyStructuredResultV2;
    expect(first.statusCode).toBe(201);
    expect(await register.queued()).toEqual({ 'number-requests': 1, 'registry-events': 0 });

    // the idempotency record's condition fails: the cancellation reason carries the old item
    const replay = (await invoke('applications/submit-application', filing())) as APIGatewayProxyStructuredResultV2;
    expect(replay.statusCode).toBe(201);
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(JSON.parse(replay.body!).application.id).toBe(JSON.parse(first.body!).application.id);

    // the SNILS's and the document's lookups already exist: 409, and nothing new was written or queued
    const again = filing();
    again.headers['idempotency-key'] = 'demo-2';
    const duplicate = (await invoke('applications/submit-application', again)) as APIGatewayProxyStructuredResultV2;
    expect(duplicate.statusCode).toBe(409);
    expect(JSON.parse(duplicate.body!).code).toMatch(/^already-(insured|applying)$/);
    expect(await register.queued()).toEqual({ 'number-requests': 1, 'registry-events': 0 });
  });
});

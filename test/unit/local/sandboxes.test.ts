import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvocationError, Sandboxes } from '#infra/local/lambda/sandboxes.ts';

/**
 * Each local function runs in a sandbox like a Lambda execution environment: its own environment
 * variables only, and a failure — a throw, a crash, a timeout — ends that invocation (and, for a
 * crash or timeout, that environment), never the register.
 */
const FIXTURE = resolve(import.meta.dirname, '../../support/fixtures/misbehaving-function.ts');
let sandboxes: Sandboxes;
afterEach(() => sandboxes?.stop());

function start(timeoutSeconds = 5) {
  sandboxes = new Sandboxes([{ handler: 'fixture', file: FIXTURE, env: { ONLY_THIS: 'yes', POWERTOOLS_LOG_LEVEL: 'SILENT' }, timeoutSeconds, memoryMb: 128 }]);
  return (event: unknown) => sandboxes.invoke('fixture', event) as Promise<{ calls: number; env?: string[] }>;
}

describe('function sandboxes', () => {
  it('give a function exactly its environment, and keep it warm between calls', async () => {
    const invoke = start();
    expect(await invoke({ do: 'answer' })).toEqual({ calls: 1, env: ['ONLY_THIS', 'POWERTOOLS_LOG_LEVEL'] });
    expect((await invoke({ do: 'count' })).calls).toBe(2);
  });

  it('fail only the invocation that throws', async () => {
    const invoke = start();
    await expect(invoke({ do: 'throw' })).rejects.toMatchObject({ errorName: 'TypeError' });
    expect((await invoke({ do: 'count' })).calls).toBe(2);
  });

  it('replace an environment that crashed, with a cold start', async () => {
    const invoke = start();
    await invoke({ do: 'count' });
    await expect(invoke({ do: 'crash' })).rejects.toBeInstanceOf(InvocationError);
    expect((await invoke({ do: 'count' })).calls).toBe(1);
  });

  it('time an invocation out, and start afresh', async () => {
    const invoke = start(1);
    await invoke({ do: 'count' });
    await expect(invoke({ do: 'hang' })).rejects.toMatchObject({ errorName: 'Sandbox.Timedout' });
    expect((await invoke({ do: 'count' })).calls).toBe(1);
  });

  it('load new code after a recycle, finishing the calls in flight on the old one', async () => {
    const invoke = start();
    await invoke({ do: 'count' });
    sandboxes.recycle();
    expect((await invoke({ do: 'count' })).calls).toBe(1);
  });
});

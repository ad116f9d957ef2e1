import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RegisterClock } from '#infra/local/clock/register-clock.ts';
import { InvocationError, Sandboxes } from '#infra/local/lambda/sandboxes.ts';

/**
 * Each local function runs in a sandbox like a Lambda execution environment: its own environment
 * variables only, and a failure — a throw, a crash, a timeout — ends that invocation (and, for a
 * crash or timeout, that environment), never the register.
 */
const FIXTURE = resolve(import.meta.dirname, '../../support/fixtures/misbehaving-function.ts');
const CLOCK_FIXTURE = resolve(import.meta.dirname, '../../support/fixtures/clock-function.ts');
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

  it('hand over every line a function printed before its answer, even from an environment ended right after it (npm run job -- --now)', async () => {
    const logs = new PassThrough();
    let printed = '';
    logs.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    sandboxes = new Sandboxes([{ handler: 'fixture', file: FIXTURE, env: {}, timeoutSeconds: 5, memoryMb: 128 }], { logs });
    for (const at of [new Date('2030-01-01T00:00:00Z'), new Date('2030-01-02T00:00:00Z')]) {
      printed = '';
      await sandboxes.invokeAt('fixture', { do: 'log' }, at);
      // stdout and stderr are two streams: their lines may interleave, but none is lost.
      const lines = printed.trim().split('\n');
      expect(lines).toHaveLength(51);
      expect(lines).toContain('{"level":"ERROR","line":"last"}');
      expect(lines).toContain('{"level":"INFO","line":50}');
    }
  });

  it('load new code after a recycle, finishing the calls in flight on the old one', async () => {
    const invoke = start();
    await invoke({ do: 'count' });
    sandboxes.recycle();
    expect((await invoke({ do: 'count' })).calls).toBe(1);
  });
});

describe('the register clock in the sandboxes', () => {
  const MINUTE = 60_000;
  function startClock(clock?: RegisterClock) {
    sandboxes = new Sandboxes([{ handler: 'clock', file: CLOCK_FIXTURE, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' }, timeoutSeconds: 10, memoryMb: 256 }], { clock });
    return () => sandboxes.invoke('clock', {}) as Promise<{ now: string; calls: number }>;
  }
  /** How far an instant the function read is past `from` (real time passes while it runs). */
  const past = (now: string, from: string | number) => Date.parse(now) - new Date(from).getTime();

  it('is read by every function, and a move is seen at once by an environment already warm', async () => {
    const clock = RegisterClock.startingAt(new Date('2030-01-01T00:00:00Z'));
    const invoke = startClock(clock);
    const first = await invoke();
    expect(past(first.now, '2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(past(first.now, '2030-01-01T00:00:00Z')).toBeLessThan(MINUTE);

    clock.set(new Date('2031-06-01T12:00:00Z'));
    const second = await invoke();
    expect(second.calls).toBe(2); // the same environment, not a new one
    expect(past(second.now, '2031-06-01T12:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(past(second.now, '2031-06-01T12:00:00Z')).toBeLessThan(MINUTE);
  });

  it('reads real time with no offset, or without a register clock at all', async () => {
    for (const clock of [RegisterClock.startingAt(), undefined]) {
      const invoke = startClock(clock);
      const before = Date.now();
      const { now } = await invoke();
      expect(past(now, before)).toBeGreaterThanOrEqual(0);
      expect(past(now, before)).toBeLessThan(MINUTE);
      await sandboxes.stop();
    }
  });

  it('leaves a job run at a fixed instant (npm run job -- --now) standing at that instant', async () => {
    const clock = RegisterClock.startingAt(new Date('2030-01-01T00:00:00Z'));
    startClock(clock);
    expect(await sandboxes.invokeAt('clock', {}, new Date('2020-02-02T02:02:02Z'))).toEqual({ now: '2020-02-02T02:02:02.000Z', calls: 1 });
  });
});

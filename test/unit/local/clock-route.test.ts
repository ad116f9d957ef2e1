import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routes } from '#shared/config/routes.ts';
import type { ScheduleDeclaration } from '#shared/config/schedules.ts';
import { openApiDocument } from '#shared/openapi/document.ts';
import { CLOCK_PATH, clockRoutes } from '#infra/local/clock/clock-route.ts';
import { RegisterClock } from '#infra/local/clock/register-clock.ts';
import { MAX_RUNS_PER_TRAVEL, TimeMachine } from '#infra/local/clock/time-machine.ts';
import type { PlannedRun } from '#infra/local/clock/travel-plan.ts';
import { startHttpServer } from '#infra/local/http/server.ts';

/**
 * `/_local/clock`, the local server's own route for time travel, over HTTP, with the jobs and the
 * queues stood in for: what it answers, what it refuses and how, and that whatever comes, the
 * server keeps serving. test/e2e/time-travel.test.ts runs it against the whole local register.
 */
const sweeper: ScheduleDeclaration = { name: 'sweeper', handler: 'jobs/sweeper', expression: 'cron(0/5 * * * ? *)', timeZone: 'Europe/Moscow', description: '', timeoutSeconds: 60 };
const daily: ScheduleDeclaration = { name: 'daily', handler: 'jobs/daily', expression: 'cron(0 1 * * ? *)', timeZone: 'Europe/Moscow', description: '', timeoutSeconds: 60 };

const clock = RegisterClock.startingAt();
/** What each run saw: the job and the register's clock when it started. */
let runs: { job: string; due: string; clockAt: number }[] = [];
let running = 0;
let mostAtOnce = 0;
let failing = new Set<string>();
let draining = true;
const live = { paused: 0, resumed: 0, pause: async () => void live.paused++, resume: () => void live.resumed++ };
const machine = new TimeMachine({
  clock,
  schedules: [sweeper, daily],
  async run(run: PlannedRun) {
    runs.push({ job: run.job, due: run.at.toISOString(), clockAt: clock.now().getTime() });
    mostAtOnce = Math.max(mostAtOnce, ++running);
    await new Promise((r) => setImmediate(r)); // lets another request in, if anything let it
    running--;
    if (failing.has(run.job)) throw Object.assign(new Error('boom'), { errorName: 'Runtime.ExitError' });
  },
  drain: async () => draining,
  live,
});

let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  server = await startHttpServer({ routes, port: 0, verify: async () => undefined, invoke: async () => ({ statusCode: 200, body: '{}' }), local: clockRoutes(clock, machine) });
});
afterAll(() => server?.stop());
beforeEach(() => {
  runs = [];
  mostAtOnce = 0;
  failing = new Set();
  draining = true;
});

async function request(method: string, body?: string | Buffer, headers: Record<string, string> = {}, path = CLOCK_PATH) {
  const res = await fetch(`${server.url}${path}`, { method, body, headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
const post = (body: unknown) => request('POST', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/x-www-form-urlencoded' }); // what curl -d sends
const ms = (iso: string) => Date.parse(iso);

describe('GET /_local/clock', () => {
  it('tells where the register\'s clock stands, and how far from real time', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    const { status, type, body } = await request('GET');
    expect({ status, type }).toEqual({ status: 200, type: 'application/json' });
    expect(Object.keys(body).sort()).toEqual(['now', 'offsetMs']);
    expect(ms(body.now) - ms('2030-01-01T10:02:00Z')).toBeGreaterThanOrEqual(0);
    expect(ms(body.now) - ms('2030-01-01T10:02:00Z')).toBeLessThan(60_000);
    expect(body.offsetMs).toBe(clock.offsetMs());
    expect(Math.abs(ms(body.now) - body.offsetMs - Date.now())).toBeLessThan(60_000);
  });
});

describe('POST /_local/clock', () => {
  it('advances the clock, running each job that fell due with the clock at its due instant, in time order', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z')); // 13:02 in Moscow
    const { status, type, body } = await post({ advance: 'P2D' });
    expect({ status, type }).toEqual({ status: 200, type: 'application/json' });
    const ran = [
      { job: 'sweeper', at: '2030-01-01T20:55:00.000Z', ok: true }, // 23:55 in Moscow: the last tick of the day
      { job: 'daily', at: '2030-01-01T22:00:00.000Z', ok: true }, // 01:00 in Moscow
      { job: 'sweeper', at: '2030-01-02T20:55:00.000Z', ok: true },
      { job: 'daily', at: '2030-01-02T22:00:00.000Z', ok: true },
      { job: 'sweeper', at: '2030-01-03T10:00:00.000Z', ok: true },
    ];
    expect(body).toEqual({ now: expect.any(String), ran, drained: true });
    for (const [i, run] of runs.entries()) {
      expect(run.due).toBe(ran[i]!.at);
      expect(run.clockAt - ms(run.due)).toBeGreaterThanOrEqual(0);
      expect(run.clockAt - ms(run.due)).toBeLessThan(60_000);
    }
    // and the clock is left at the target, moving on from there
    expect(ms(body.now) - ms('2030-01-03T10:02:00Z')).toBeGreaterThanOrEqual(0);
    expect(ms(body.now) - ms('2030-01-03T10:02:00Z')).toBeLessThan(60_000);
    expect(ms((await request('GET')).body.now)).toBeGreaterThanOrEqual(ms(body.now));
  });

  it('goes to an instant, given with any offset', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    const { status, body } = await post({ at: '2030-01-01T13:30:00+03:00' }); // 10:30 UTC
    expect(status).toBe(200);
    expect(body.ran).toEqual([{ job: 'sweeper', at: '2030-01-01T10:30:00.000Z', ok: true }]);
    expect(ms(body.now) - ms('2030-01-01T10:30:00Z')).toBeLessThan(60_000);
  });

  it('says which runs failed and whether the queues drained, and still arrives', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    failing = new Set(['daily']);
    draining = false;
    const { status, body } = await post({ advance: 'PT16H' });
    expect(status).toBe(200);
    expect(body.ran).toEqual([
      { job: 'sweeper', at: '2030-01-01T20:55:00.000Z', ok: true },
      { job: 'daily', at: '2030-01-01T22:00:00.000Z', ok: false },
      { job: 'sweeper', at: '2030-01-02T02:00:00.000Z', ok: true },
    ]);
    expect(body.drained).toBe(false);
    expect(ms(body.now) - ms('2030-01-02T02:02:00Z')).toBeGreaterThanOrEqual(0);
  });

  it('holds the live schedules during a travel and reschedules them after', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    const before = { ...live };
    expect((await post({ advance: 'PT1H' })).status).toBe(200);
    expect({ paused: live.paused - before.paused, resumed: live.resumed - before.resumed }).toEqual({ paused: 1, resumed: 1 });
  });

  it('makes one travel at a time: the second starts where the first arrived', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    const [first, second] = await Promise.all([post({ advance: 'PT1H' }), post({ advance: 'PT1H' })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(mostAtOnce).toBe(1);
    const [earlier, later] = ms(first.body.now) < ms(second.body.now) ? [first, second] : [second, first];
    expect(later.body.ran.every((r: { at: string }) => ms(r.at) > ms(earlier.body.now))).toBe(true);
    expect(ms(later.body.now) - ms('2030-01-01T12:02:00Z')).toBeGreaterThanOrEqual(0);
    expect(ms(later.body.now) - ms('2030-01-01T12:02:00Z')).toBeLessThan(60_000);
  });

  it('moves forward only: a destination not after now is refused, and the clock stays', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    for (const [body, pointer] of [
      [{ at: '2030-01-01T10:00:00Z' }, '/at'],
      [{ at: '2029-06-01T00:00:00Z' }, '/at'],
      [{ advance: '-P1D' }, '/advance'],
      [{ advance: 'P0D' }, '/advance'],
      [{ advance: 'PT0S' }, '/advance'],
    ] as const) {
      const offset = clock.offsetMs();
      const answer = await post(body);
      expect({ body, status: answer.status, type: answer.type, code: answer.body.code, pointers: answer.body.errors.map((e: { pointer: string }) => e.pointer) }).toEqual({
        body,
        status: 422,
        type: 'application/problem+json',
        code: 'clock-backwards',
        pointers: [pointer],
      });
      expect(ms(answer.body.now) - ms('2030-01-01T10:02:00Z')).toBeLessThan(60_000);
      expect(clock.offsetMs()).toBe(offset);
    }
    expect(runs).toEqual([]);
  });

  it('refuses a travel that would run more jobs than it may at once, or leave the calendar', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    for (const body of [{ advance: 'P100Y' }, { advance: 'P1000000000Y' }, { at: '9999-12-31T23:59:59Z' }]) {
      const answer = await post(body);
      expect({ body, status: answer.status, code: answer.body.code, pointer: answer.body.errors[0].pointer }).toEqual({
        body,
        status: 422,
        code: 'travel-too-far',
        pointer: Object.keys(body)[0] === 'at' ? '/at' : '/advance',
      });
    }
    expect(MAX_RUNS_PER_TRAVEL).toBeGreaterThanOrEqual(3 * 366); // a year of three daily jobs at once
    expect(runs).toEqual([]);
  });

  it('answers a malformed request with the register\'s problem+json, naming the field at fault', async () => {
    clock.set(new Date('2030-01-01T10:02:00Z'));
    const cases: [string, string | Buffer, number, string, string[]][] = [
      ['no body', '', 400, 'malformed-json', []],
      ['not JSON', 'advance=P1D', 400, 'malformed-json', []],
      ['not UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, 'invalid-encoding', []],
      ['a key twice', '{"advance":"P1D","advance":"P2D"}', 400, 'duplicate-key', ['/advance']],
      ['too deep', '['.repeat(1000) + ']'.repeat(1000), 400, 'too-deeply-nested', []],
      ['not an object', '["P1D"]', 422, 'validation-failed', ['/']],
      ['neither field', '{}', 422, 'validation-failed', ['/at', '/advance']],
      ['both fields', '{"at":"2031-01-01T00:00:00Z","advance":"P1D"}', 422, 'validation-failed', ['/at', '/advance']],
      ['a field it does not know', '{"advanced":"P1D"}', 422, 'validation-failed', ['/advanced']],
      ['a number', '{"advance":31}', 422, 'validation-failed', ['/advance']],
      ['null', '{"at":null}', 422, 'validation-failed', ['/at']],
      ['a date without a time', '{"at":"2031-01-01"}', 422, 'validation-failed', ['/at']],
      ['a time without a zone', '{"at":"2031-01-01T00:00:00"}', 422, 'validation-failed', ['/at']],
      ['no such day', '{"at":"2031-02-30T00:00:00Z"}', 422, 'validation-failed', ['/at']],
      ['words', '{"advance":"31 days"}', 422, 'validation-failed', ['/advance']],
      ['no component', '{"advance":"PT"}', 422, 'validation-failed', ['/advance']],
      ['a negative component', '{"advance":"PT-1H"}', 422, 'validation-failed', ['/advance']],
      ['a control character', '{"advance":"P1D\\u0000"}', 422, 'validation-failed', ['/advance']],
    ];
    for (const [what, body, status, code, pointers] of cases) {
      const answer = await request('POST', body);
      expect({ what, status: answer.status, type: answer.type, code: answer.body.code, pointers: (answer.body.errors ?? []).map((e: { pointer: string }) => e.pointer) }).toEqual({
        what,
        status,
        type: 'application/problem+json',
        code,
        pointers,
      });
      expect(answer.body.type).toBe(`urn:oms-register:problem:${code}`);
    }
    const codes = async (body: string) => (await request('POST', body)).body.errors.map((e: { code: string }) => e.code);
    expect(await codes('{}')).toEqual(['one-required', 'one-required']);
    expect(await codes('{"at":"2031-01-01T00:00:00Z","advance":"P1D"}')).toEqual(['exclusive', 'exclusive']);
    expect(await codes('{"at":"2031-01-01"}')).toEqual(['not-an-instant']);
    expect(await codes('{"advance":"31 days"}')).toEqual(['not-a-duration']);
    expect(await codes('{"advanced":"P1D"}')).toEqual(['unknown-field']);
    expect(runs).toEqual([]);
  });

  it('answers bodies over the limits, and keeps serving', async () => {
    expect(await request('POST', `{"advance":"${'1'.repeat(70_000)}D"}`)).toMatchObject({ status: 413, body: { code: 'body-too-large' } });
    expect(await request('POST', Buffer.alloc(11 * 1024 * 1024, 0x20))).toMatchObject({ status: 413, body: { message: 'Request Entity Too Large' } });
    expect((await request('GET')).status).toBe(200);
  });
});

describe('the local routes', () => {
  it('answer other methods 405 and other paths as API Gateway answers an unknown route', async () => {
    const put = await request('PUT', '{}');
    expect({ status: put.status, code: put.body.code, allow: put.headers.get('allow') }).toEqual({ status: 405, code: 'method-not-allowed', allow: 'GET, POST' });
    for (const path of ['/_local/clocks', '/_local/', '/_local/clock/', '/_local/%63lock']) {
      expect(await request('GET', undefined, {}, path)).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    }
    expect((await request('GET')).status).toBe(200);
  });

  it('are never deployed: no declared route, nothing in the OpenAPI document, and no route may take their prefix', async () => {
    expect(routes.filter((r) => r.path.startsWith('/_local'))).toEqual([]);
    expect(Object.keys(openApiDocument('https://api.example.org').paths ?? {}).filter((p) => p.startsWith('/_local'))).toEqual([]);
    const clash = { ...routes[0]!, path: '/_local/clock' };
    await expect(startHttpServer({ routes: [clash], port: 0, verify: async () => undefined, invoke: async () => undefined })).rejects.toThrow(/_local/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurgeQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { queues } from '#shared/config/queues.ts';
import { schedules } from '#shared/config/schedules.ts';
import { isValidEnp } from '#shared/domain/enp.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { adultApplication, mfcOperator, viaMfc } from '../support/applications.ts';
import { killStarted, NODE, ROOT, START_SCRIPT, startRegister } from '../support/register-process.ts';

/**
 * Time travel on the whole local register: `POST /_local/clock` moves the clock every function
 * reads, runs the scheduled jobs that fell due on the way (the sweeper of stalled applications,
 * once per Moscow day crossed), lets the queues drain, and leaves tokens to real time.
 */
let runtime: LocalRuntime;
let sqs: SQSClient;
const [numberQueue] = queues;
const SWEEPER = 'requeue-stalled-applications';
const sweeper = schedules.find((s) => s.name === SWEEPER)!;
const DAY = 86_400_000;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0 });
  sqs = new SQSClient({ endpoint: runtime.resources.sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, useQueueUrlAsEndpoint: false });
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
  killStarted();
});

const operator = mfcOperator('77');
const tokenFor = (caller: Caller, options?: { expiresIn?: number }) => runtime.issuer.sign({ sub: caller.subject, roles: caller.roles, region: caller.region }, options);

async function call(method: string, path: string, options: { body?: string; token?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: options.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
/** As the README shows it: `curl -X POST <url>/_local/clock -d '{"advance":"P31D"}'` (no token; curl's form content type). */
const travel = (body: unknown) => call('POST', '/_local/clock', { body: JSON.stringify(body), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const moscowDay = (at: number | string) => DateTime.fromMillis(new Date(at).getTime(), { zone: sweeper.timeZone }).toISODate()!;

describe('a time travel on the local register', () => {
  let token: string;
  let applicationId: string;
  let filedAt: number;

  it('moves every function\'s clock: the sweeper runs once per day crossed, and a stalled application gets its number', async () => {
    token = await tokenFor(operator); // valid 12 hours, in real time
    // An application whose number request was lost: only the sweeper can get it its number.
    await runtime.consumers.pause();
    const filed = await call('POST', '/applications', { body: JSON.stringify(viaMfc(adultApplication(1))), token, headers: { 'content-type': 'application/json' } });
    expect(filed.status).toBe(201);
    applicationId = filed.body.application.id;
    filedAt = Date.now();
    await sqs.send(new PurgeQueueCommand({ QueueUrl: runtime.queueUrls[numberQueue.name] }));
    runtime.consumers.resume();

    const before = await call('GET', '/_local/clock');
    expect(before).toMatchObject({ status: 200, body: { offsetMs: 0 } });
    expect((await call('GET', `/applications/${applicationId}`, { token })).body.status).toBe('awaiting_number');

    const from = Date.parse(before.body.now);
    const moved = await travel({ advance: 'P2D' });
    expect(moved.status).toBe(200);
    expect(moved.body.drained).toBe(true);
    const now = Date.parse(moved.body.now);
    expect(now - (from + 2 * DAY)).toBeGreaterThanOrEqual(0);
    expect(now - (from + 2 * DAY)).toBeLessThan(5 * 60_000);

    const sweeps = (moved.body.ran as { job: string; at: string; ok: boolean }[]).filter((r) => r.job === SWEEPER);
    expect(moved.body.ran.filter((r: { ok: boolean }) => !r.ok)).toEqual([]); // every declared job, not only the sweeper
    const at = sweeps.map((r) => Date.parse(r.at));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // One run per Moscow day crossed: every day after the first (whose last tick may have been before the start), at its last tick.
    const days = sweeps.map((r) => moscowDay(r.at));
    expect(new Set(days).size).toBe(days.length);
    const crossed: string[] = [];
    for (let d = DateTime.fromMillis(from, { zone: sweeper.timeZone }).startOf('day'); d.toMillis() <= now; d = d.plus({ days: 1 })) crossed.push(d.toISODate()!);
    expect(crossed.length).toBeGreaterThanOrEqual(3);
    expect(days.filter((d) => d !== crossed[0])).toEqual(crossed.slice(1));
    for (const r of sweeps.slice(0, -1)) expect(DateTime.fromISO(r.at, { zone: sweeper.timeZone }).toFormat('HH:mm:ss')).toBe('23:55:00');

    // Drained: the number is there already, assigned at the register's time by the sweep that found it due.
    const done = await call('GET', `/applications/${applicationId}`, { token });
    expect(done.body.status).toBe('number_assigned');
    expect(isValidEnp(done.body.enp)).toBe(true);
    const assignedAt = Date.parse(done.body.numberAssignedAt);
    expect(assignedAt - filedAt).toBeGreaterThan(5 * 60_000); // past the grace period, in the register's time
    expect(at.some((t) => assignedAt >= t && assignedAt < t + 60_000)).toBe(true);

    // The live schedule runs on from the register's now.
    const next = runtime.schedules!.next(SWEEPER)!.getTime();
    const clock = Date.parse((await call('GET', '/_local/clock')).body.now);
    expect(next).toBeGreaterThan(clock);
    expect(next - clock).toBeLessThanOrEqual(5 * 60_000);
  });

  it('checks tokens against real time: one signed before still works 31 days later, one expired in real time does not', async () => {
    const expired = await tokenFor(operator, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const moved = await travel({ advance: 'P31D' });
    expect(moved.status).toBe(200);
    expect(moved.body.ran.filter((r: { job: string }) => r.job === SWEEPER).length).toBeGreaterThanOrEqual(31);
    expect(Date.parse(moved.body.now) - Date.now()).toBeGreaterThan(33 * DAY - DAY / 2);
    expect((await call('GET', `/applications/${applicationId}`, { token })).status).toBe(200);
    expect((await call('GET', `/applications/${applicationId}`, { token: await tokenFor(operator) })).status).toBe(200);
    expect((await call('GET', `/applications/${applicationId}`, { token: expired })).status).toBe(401);
  });

  it('says when the queues did not drain, and drains them on the next travel', async () => {
    await runtime.consumers.pause();
    await sqs.send(new SendMessageCommand({ QueueUrl: runtime.queueUrls[numberQueue.name], MessageBody: '{"applicationId":"01KAT8D4R0X1Z9E3JH2Q7M5V6B"}' }));
    const held = await travel({ advance: 'PT1H' });
    expect(held.status).toBe(200);
    expect(held.body.ran.length).toBeGreaterThan(0);
    expect(held.body.drained).toBe(false);
    runtime.consumers.resume();
    const next = await travel({ advance: 'PT1H' });
    expect(next.body.drained).toBe(true);
  });

  it('moves forward only, and says so in the register\'s problem format', async () => {
    const before = (await call('GET', '/_local/clock')).body;
    const back = await travel({ at: new Date().toISOString() }); // real time is a month behind the register now
    expect(back.status).toBe(422);
    expect(back.body).toMatchObject({ code: 'clock-backwards', errors: [{ pointer: '/at', code: 'not-after-now' }] });
    const after = (await call('GET', '/_local/clock')).body;
    expect(after.offsetMs).toBe(before.offsetMs);
  });
});

describe('npm start with its clock elsewhere', () => {
  it('starts at --now, says so in the banner with how to travel, and runs the schedules on that clock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'register-'));
    const started = await startRegister({ PORT: '0', REGISTER_DATA_DIR: dataDir }, ['npm', 'start', '--', '--now', '2030-01-01T00:00:00Z']);
    const output = started.output();
    expect(output).toMatch(/Clock +2030-01-01T00:0\d:\d\d\.\d{3}Z, not real time/);
    expect(output).toContain(`curl -X POST ${started.url}/_local/clock -d '{"advance":"P31D"}'`);
    const next = new RegExp(`Schedule +${SWEEPER} .* next (\\S+)`).exec(output)![1]!;
    expect(Date.parse(next) - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThan(0);
    expect(Date.parse(next) - Date.parse('2030-01-01T00:00:00Z')).toBeLessThanOrEqual(15 * 60_000);
    const clock = (await (await fetch(`${started.url}/_local/clock`)).json()) as { now: string };
    expect(Date.parse(clock.now) - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(clock.now) - Date.parse('2030-01-01T00:00:00Z')).toBeLessThan(15 * 60_000);
    // `npm run job` without --now runs at the register's time too
    const job = spawnSync(NODE, ['--import', 'tsx', 'infra/local/job.ts', SWEEPER], { cwd: ROOT, env: { ...process.env, REGISTER_DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(job.status).toBe(0);
    const ranAt = (JSON.parse(job.stdout.trim().split('\n').pop()!) as { now: string }).now;
    expect(Date.parse(ranAt) - Date.parse(clock.now)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ranAt) - Date.parse(clock.now)).toBeLessThan(15 * 60_000);
    started.child.kill('SIGTERM'); // npm, as in a terminal: it stops everything it started
    await started.exited;
  });

  it('refuses a --now or REGISTER_NOW that is not an instant, in one line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'register-'));
    const start = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(START_SCRIPT[0]!, [...START_SCRIPT.slice(1), ...args], { cwd: ROOT, env: { ...process.env, REGISTER_DATA_DIR: dataDir, PORT: '0', ...env }, encoding: 'utf8' });
    for (const [args, env, says] of [
      [['--now', 'tomorrow'], {}, '--now is not an ISO 8601 instant'],
      [['--now', '2030-01-01T00:00:00'], {}, '--now is not an ISO 8601 instant'],
      [['--now'], {}, "Option '--now <value>' argument missing"],
      [['--nwo', '2030-01-01T00:00:00Z'], {}, "Unknown option '--nwo'"],
      [[], { REGISTER_NOW: '2030-13-01T00:00:00Z' }, 'REGISTER_NOW is not an ISO 8601 instant'],
    ] as const) {
      const run = start([...args], env);
      expect({ args, status: run.status, says: run.stderr.includes(`Cannot start: ${says}`), lines: run.stderr.trim().split('\n').length }).toEqual({ args, status: 1, says: true, lines: 1 });
    }
  });
});

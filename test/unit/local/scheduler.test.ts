import { Cron } from 'croner';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schedules, type ScheduleDeclaration } from '#shared/config/schedules.ts';
import { RegisterClock } from '#infra/local/clock/register-clock.ts';
import { startSchedules, toCroner, type Schedules } from '#infra/local/scheduler.ts';

const next = (expression: string, from: string, zone = 'Europe/Moscow', count = 1) => {
  const { pattern, options } = toCroner(expression, zone);
  return new Cron(pattern, options).nextRuns(count, new Date(from)).map((d) => d.toISOString());
};

describe('AWS schedule expressions run locally by croner', () => {
  it('fires every five minutes for cron(0/5 * * * ? *)', () => {
    expect(next('cron(0/5 * * * ? *)', '2026-11-23T10:02:00Z', 'Europe/Moscow', 3)).toEqual([
      '2026-11-23T10:05:00.000Z',
      '2026-11-23T10:10:00.000Z',
      '2026-11-23T10:15:00.000Z',
    ]);
  });

  it('reads weekdays the AWS way (1 = Sunday) and in the schedule\'s time zone', () => {
    // 2 = Monday; 03:00 in Moscow is 00:00 UTC. From Monday 23 Nov noon the next is Monday 30 Nov.
    expect(next('cron(0 3 ? * 2 *)', '2026-11-23T10:00:00Z')).toEqual(['2026-11-30T00:00:00.000Z']);
    // 1 January at 00:00 in Vladivostok
    expect(next('cron(0 0 1 1 ? *)', '2026-11-23T10:00:00Z', 'Asia/Vladivostok')).toEqual(['2026-12-31T14:00:00.000Z']);
  });

  it('supports rate() expressions', () => {
    expect(next('rate(10 minutes)', '2026-11-23T10:02:00Z', 'UTC', 2)).toEqual(['2026-11-23T10:10:00.000Z', '2026-11-23T10:20:00.000Z']);
  });

  it('rejects what EventBridge Scheduler would reject', () => {
    expect(() => toCroner('cron(0 3 * * *)', 'UTC')).toThrow(/6 fields/);
    expect(() => toCroner('every day', 'UTC')).toThrow(/unsupported/);
  });

  it('can run every declared schedule', () => {
    for (const s of schedules) expect(next(s.expression, '2026-11-23T10:00:00Z', s.timeZone)).toHaveLength(1);
  });
});

describe('the live schedules, on the register\'s clock', () => {
  // Fake timers fake Date.now too: "real time" below is the test's, moved by advanceTimersByTimeAsync.
  const REAL = '2026-01-01T00:00:00Z';
  const everyFiveMinutes: ScheduleDeclaration = { name: 'sweep', handler: 'jobs/sweep', expression: 'cron(0/5 * * * ? *)', timeZone: 'Europe/Moscow', description: '', timeoutSeconds: 60 };
  const yearly: ScheduleDeclaration = { ...everyFiveMinutes, name: 'yearly', handler: 'jobs/yearly', expression: 'cron(0 0 1 1 ? *)' };
  let running: Schedules | undefined;
  afterEach(() => {
    running?.stop();
    vi.useRealTimers();
  });

  function start(declarations: ScheduleDeclaration[], clock: RegisterClock) {
    const calls: { handler: string; event: unknown; at: string }[] = [];
    running = startSchedules(declarations, async (handler, event) => void calls.push({ handler, event, at: clock.now().toISOString() }), clock);
    return { schedules: running, calls };
  }

  it('computes the next run from the register\'s now, and fires at it, not at the machine\'s tick', async () => {
    vi.useFakeTimers({ now: new Date(REAL) });
    const clock = RegisterClock.startingAt(new Date('2030-01-01T10:04:59Z')); // 1 s before its tick; the machine is 5 minutes before its own
    const { schedules: live, calls } = start([everyFiveMinutes], clock);
    expect(live.next('sweep')?.toISOString()).toBe('2030-01-01T10:05:00.000Z');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([{ handler: 'jobs/sweep', event: { schedule: 'sweep' }, at: '2030-01-01T10:05:00.000Z' }]);
    expect(live.next('sweep')?.toISOString()).toBe('2030-01-01T10:10:00.000Z');
    await vi.advanceTimersByTimeAsync(4 * 60_000); // the machine's 00:05 is the register's 10:09: nothing due
    expect(calls).toHaveLength(1);
  });

  it('holds while the clock moves, then runs on from where it stands', async () => {
    vi.useFakeTimers({ now: new Date(REAL) });
    const clock = RegisterClock.startingAt(new Date('2030-01-01T10:04:59Z'));
    const { schedules: live, calls } = start([everyFiveMinutes], clock);
    await live.pause();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toEqual([]); // held: a travel runs what falls due itself
    clock.set(new Date('2030-03-01T23:58:30Z'));
    live.resume();
    expect(live.next('sweep')?.toISOString()).toBe('2030-03-02T00:00:00.000Z');
    await vi.advanceTimersByTimeAsync(90_000);
    expect(calls.map((c) => c.at)).toEqual(['2030-03-02T00:00:00.000Z']);
  });

  it('waits out a run further away than a timer can wait, without firing early', async () => {
    vi.useFakeTimers({ now: new Date(REAL) });
    const clock = RegisterClock.startingAt(new Date('2030-02-01T00:00:00Z'));
    const { schedules: live, calls } = start([yearly], clock);
    expect(live.next('yearly')?.toISOString()).toBe('2030-12-31T21:00:00.000Z'); // 1 January, 00:00 in Moscow
    await vi.advanceTimersByTimeAsync(40 * 24 * 3600_000); // past setTimeout's 24.8-day limit
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(Date.parse('2030-12-31T21:00:00Z') - clock.now().getTime());
    expect(calls.map((c) => c.at)).toEqual(['2030-12-31T21:00:00.000Z']);
  });

  it('skips a tick while the previous run is still going, like croner\'s protect', async () => {
    vi.useFakeTimers({ now: new Date(REAL) });
    const clock = RegisterClock.startingAt(new Date('2030-01-01T10:04:59Z'));
    let release: () => void = () => undefined;
    let started = 0;
    running = startSchedules([everyFiveMinutes], () => {
      started++;
      return new Promise<void>((done) => (release = done));
    }, clock);
    await vi.advanceTimersByTimeAsync(1000 + 5 * 60_000); // two ticks; the first run still going
    expect(started).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(started).toBe(2);
  });
});

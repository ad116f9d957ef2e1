import { Cron } from 'croner';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { schedules, type ScheduleDeclaration } from '#shared/config/schedules.ts';
import { planTravel, type PlannedRun } from '#infra/local/clock/travel-plan.ts';
import { toCroner } from '#infra/local/scheduler.ts';

/**
 * Which jobs a travel of the register's clock runs, and when: each schedule's ticks in the
 * interval, at most one per calendar day of the schedule's zone (its last tick that day), in time
 * order. The planner is pure: these tests need no engine.
 */
const schedule = (name: string, expression: string, timeZone = 'Europe/Moscow'): ScheduleDeclaration => ({
  name,
  handler: `jobs/${name}`,
  expression,
  timeZone,
  description: name,
  timeoutSeconds: 60,
});
const sweeper = schedule('sweeper', 'cron(0/5 * * * ? *)');

function plan(declarations: readonly ScheduleDeclaration[], from: string, to: string, limit?: number): { job: string; at: string }[] {
  const planned = planTravel(declarations, new Date(from), new Date(to), limit);
  if ('tooMany' in planned) throw new Error('too many runs');
  return planned.runs.map((r: PlannedRun) => ({ job: r.job, at: r.at.toISOString() }));
}

describe('the runs of a travel', () => {
  it('collapses a five-minute job to its last tick of each day crossed, in its zone', () => {
    // 13:02 in Moscow on 23 November to 13:02 two days later: three Moscow days crossed.
    expect(plan([sweeper], '2026-11-23T10:02:00Z', '2026-11-25T10:02:00Z')).toEqual([
      { job: 'sweeper', at: '2026-11-23T20:55:00.000Z' }, // 23:55 in Moscow
      { job: 'sweeper', at: '2026-11-24T20:55:00.000Z' },
      { job: 'sweeper', at: '2026-11-25T10:00:00.000Z' }, // the last tick before the target
    ]);
  });

  it('counts days in the schedule\'s time zone, not in UTC', () => {
    // 23:52 to 00:03 in Moscow crosses midnight there, but not in UTC (20:52 to 21:03).
    expect(plan([sweeper], '2026-11-23T20:52:00Z', '2026-11-23T21:03:00Z')).toEqual([
      { job: 'sweeper', at: '2026-11-23T20:55:00.000Z' },
      { job: 'sweeper', at: '2026-11-23T21:00:00.000Z' },
    ]);
    expect(plan([{ ...sweeper, timeZone: 'UTC' }], '2026-11-23T20:52:00Z', '2026-11-23T21:03:00Z')).toEqual([{ job: 'sweeper', at: '2026-11-23T21:00:00.000Z' }]);
  });

  it('runs daily and weekly jobs on their own ticks, every schedule merged in time order', () => {
    const conversion = schedule('conversion', 'cron(0 1 * * ? *)'); // 01:00 in Moscow = 22:00 UTC the day before
    const deadlines = schedule('deadlines', 'cron(30 0 * * ? *)', 'Asia/Vladivostok'); // 00:30 there = 14:30 UTC the day before
    const weekly = schedule('weekly', 'cron(0 3 ? * 2 *)'); // Mondays 03:00 in Moscow = 00:00 UTC
    expect(plan([sweeper, conversion, deadlines, weekly], '2026-11-22T12:00:00Z', '2026-11-24T12:00:00Z')).toEqual([
      { job: 'deadlines', at: '2026-11-22T14:30:00.000Z' },
      { job: 'sweeper', at: '2026-11-22T20:55:00.000Z' },
      { job: 'conversion', at: '2026-11-22T22:00:00.000Z' },
      { job: 'weekly', at: '2026-11-23T00:00:00.000Z' },
      { job: 'deadlines', at: '2026-11-23T14:30:00.000Z' },
      { job: 'sweeper', at: '2026-11-23T20:55:00.000Z' },
      { job: 'conversion', at: '2026-11-23T22:00:00.000Z' },
      { job: 'sweeper', at: '2026-11-24T12:00:00.000Z' },
    ]);
  });

  it('keeps the declarations\' order for runs due at the same instant', () => {
    const midnight = schedule('a-midnight', 'cron(0 0 * * ? *)', 'UTC');
    const also = schedule('b-midnight', 'rate(1 day)', 'UTC');
    expect(plan([also, midnight], '2026-11-23T12:00:00Z', '2026-11-24T12:00:00Z').map((r) => r.job)).toEqual(['b-midnight', 'a-midnight']);
  });

  it('leaves out a tick at the start, where the clock already was, and takes one at the target', () => {
    const daily = schedule('daily', 'cron(0 9 * * ? *)', 'UTC');
    expect(plan([daily], '2026-11-23T09:00:00Z', '2026-11-24T09:00:00Z')).toEqual([{ job: 'daily', at: '2026-11-24T09:00:00.000Z' }]);
    expect(plan([daily], '2026-11-23T09:00:00.001Z', '2026-11-24T08:59:59.999Z')).toEqual([]);
  });

  it('refuses more runs than its limit, without computing them all', () => {
    // A century of days would take this test past its timeout.
    expect(planTravel([sweeper], new Date('2026-01-01T00:00:00Z'), new Date('2126-01-01T00:00:00Z'), 100)).toEqual({ tooMany: true, limit: 100 });
    expect(plan([sweeper], '2026-11-23T10:02:00Z', '2026-11-25T10:02:00Z', 3)).toHaveLength(3);
    expect(() => plan([sweeper], '2026-11-23T10:02:00Z', '2026-11-25T10:02:00Z', 2)).toThrow(/too many/);
  });

  it('plans every declared schedule, whatever it is', () => {
    const runs = plan(schedules, '2026-11-23T10:02:00Z', '2026-12-24T10:02:00Z');
    for (const s of schedules) expect(runs.filter((r) => r.job === s.name).length, s.name).toBeGreaterThan(0);
  });

  it('runs each tick that is the last of its day in the interval, and nothing else (any schedule, any zone)', () => {
    const expressions = ['cron(0/5 * * * ? *)', 'rate(2 hours)', 'cron(15 3 * * ? *)', 'cron(0 9 ? * 2 *)', 'cron(0 0 1 * ? *)', 'cron(0 2 * * ? *)'];
    const zones = ['Europe/Moscow', 'Asia/Vladivostok', 'Europe/Kaliningrad', 'UTC', 'America/New_York'];
    const startOf2026 = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...expressions), fc.constantFrom(...zones)), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 365 * 24 * 3600 }),
        fc.integer({ min: 1, max: 3 * 24 * 3600 }),
        (picked, startSecond, spanSeconds) => {
          const declarations = picked.map(([expression, zone], i) => schedule(`job-${i}`, expression, zone));
          const from = new Date(startOf2026 + startSecond * 1000 + 123);
          const to = new Date(from.getTime() + spanSeconds * 1000);
          const expected = declarations.flatMap((d) => {
            const { pattern, options } = toCroner(d.expression, d.timeZone);
            const cron = new Cron(pattern, options);
            const ticks: Date[] = [];
            for (let t = cron.nextRun(from); t && t <= to; t = cron.nextRun(t)) ticks.push(t);
            const dayOf = (t: Date) => DateTime.fromJSDate(t, { zone: d.timeZone }).toISODate();
            return ticks.filter((t, i) => i === ticks.length - 1 || dayOf(ticks[i + 1]!) !== dayOf(t)).map((at) => ({ job: d.name, at: at.toISOString() }));
          });
          const actual = plan(declarations, from.toISOString(), to.toISOString());
          expect(actual.map((r) => r.at)).toEqual([...actual.map((r) => r.at)].sort());
          expect([...actual].sort(byJobThenTime)).toEqual(expected.sort(byJobThenTime));
        },
      ),
      { numRuns: 30 },
    );
  });
});

const byJobThenTime = (a: { job: string; at: string }, b: { job: string; at: string }) => a.job.localeCompare(b.job) || a.at.localeCompare(b.at);

import { Cron } from 'croner';
import { DateTime } from 'luxon';
import type { ScheduleDeclaration } from '#shared/config/schedules.ts';
import { toCroner } from '../scheduler.ts';

/** One run of a scheduled job during a travel: the job, at the instant it fell due. */
export interface PlannedRun {
  job: string;
  handler: string;
  at: Date;
}

export type TravelPlan = { runs: PlannedRun[] } | { tooMany: true; limit: number };

/**
 * Which jobs run, and at which instants, when the register's clock moves from `from` to `to`:
 * every declared schedule's ticks in (from, to], collapsed to at most one per calendar day of the
 * schedule's own time zone — that day's last due tick. A job that fires every five minutes would
 * otherwise run 8,928 times for a month; once a day is what a tester needs to see its effect (the
 * sweeper of stalled applications, a daily conversion), and the last tick sees everything that fell
 * due that day. A daily or weekly job runs exactly on its ticks. Runs are in time order; runs due
 * at the same instant keep the order of the declarations.
 *
 * More than `limit` runs is refused rather than planned: each run is a real invocation, so a travel
 * of decades would hold the request for hours. The computation stops as soon as it knows.
 */
export function planTravel(declarations: readonly ScheduleDeclaration[], from: Date, to: Date, limit = Number.POSITIVE_INFINITY): TravelPlan {
  const runs: (PlannedRun & { order: number })[] = [];
  for (const [order, declaration] of declarations.entries()) {
    for (const at of dailyLastTicks(declaration, from, to, limit + 1 - runs.length)) runs.push({ job: declaration.name, handler: declaration.handler, at, order });
    if (runs.length > limit) return { tooMany: true, limit };
  }
  runs.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  return { runs: runs.map(({ job, handler, at }) => ({ job, handler, at })) };
}

/** The last tick of each day (in the schedule's zone) in (from, to]; at most `most` of them. */
function dailyLastTicks(declaration: ScheduleDeclaration, from: Date, to: Date, most: number): Date[] {
  const { pattern, options } = toCroner(declaration.expression, declaration.timeZone);
  const cron = new Cron(pattern, { ...options, paused: true });
  const ticks: Date[] = [];
  // croner's nextRun is strictly after its argument (to the second), as the interval wants.
  let tick = cron.nextRun(from);
  while (tick && tick <= to && ticks.length < most) {
    const endOfDay = DateTime.fromJSDate(tick, { zone: declaration.timeZone }).endOf('day').toJSDate();
    const until = endOfDay < to ? endOfDay : to;
    // previousRuns is strictly before its reference, to the second: one second past `until`'s second.
    const last = cron.previousRuns(1, new Date(Math.floor(until.getTime() / 1000) * 1000 + 1000))[0] ?? tick;
    ticks.push(last > tick ? last : tick);
    tick = cron.nextRun(endOfDay);
  }
  return ticks;
}

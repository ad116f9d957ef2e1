import { Cron } from 'croner';
import { scheduleInput, type ScheduleDeclaration } from '#shared/config/schedules.ts';
import { logger } from '#shared/observability/logger.ts';

/**
 * EventBridge Scheduler expressions for croner. AWS cron has six fields (no seconds, with year)
 * and numbers weekdays 1-7 from Sunday; croner wants seconds first and, with
 * `alternativeWeekdays`, reads weekdays the AWS way.
 */
export function toCroner(expression: string, timeZone: string): { pattern: string; options: ConstructorParameters<typeof Cron>[1] } {
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`AWS cron needs 6 fields: ${expression}`);
    // AWS's `?` ("no value") is croner's `*`; croner reads `?` as "the current time's value".
    return { pattern: `0 ${fields.map((f) => (f === '?' ? '*' : f)).join(' ')}`, options: { timezone: timeZone, alternativeWeekdays: true, sloppyRanges: true } };
  }
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.replace(/s$/, '');
    const pattern = unit === 'minute' ? `0 */${n} * * * *` : unit === 'hour' ? `0 0 */${n} * * *` : `0 0 0 */${n} * *`;
    return { pattern, options: { timezone: timeZone } };
  }
  throw new Error(`unsupported schedule expression: ${expression}`);
}

export interface Schedules {
  next(name: string): Date | null;
  stop(): void;
}

/** Runs each declared job on its schedule, with the event EventBridge Scheduler would send. */
export function startSchedules(declarations: readonly ScheduleDeclaration[], invoke: (handler: string, event: unknown) => Promise<unknown>): Schedules {
  const jobs = new Map<string, Cron<unknown>>();
  for (const s of declarations) {
    const { pattern, options } = toCroner(s.expression, s.timeZone);
    jobs.set(
      s.name,
      new Cron(pattern, { ...options, protect: true }, async () => {
        try {
          await invoke(s.handler, scheduleInput(s.name));
        } catch (error) {
          logger.error('scheduled job failed', { job: s.name, errorName: (error as { errorName?: string }).errorName ?? (error as Error).name });
        }
      }),
    );
  }
  return {
    next: (name) => jobs.get(name)?.nextRun() ?? null,
    stop: () => jobs.forEach((j) => j.stop()),
  };
}

import { Cron } from 'croner';
import { systemClock, type Clock } from '#shared/clock.ts';
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
  /** The next run of a job, in the register's time. */
  next(name: string): Date | null;
  /** Holds every schedule (the clock is about to move); resolves once no job they started is running. */
  pause(): Promise<void>;
  /** Computes every next run again from the register clock's now, and runs on from there. */
  resume(): void;
  stop(): void;
}

/**
 * setTimeout's longest wait (about 24.8 days): a longer one fires at once. A yearly job waits in
 * steps, and checks the clock at each.
 */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

interface Job {
  declaration: ScheduleDeclaration;
  cron: Cron<unknown>;
  next: Date | null;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/**
 * Runs each declared job on its schedule, with the event EventBridge Scheduler would send, in the
 * register's time: the next run is computed from the clock's now (croner's nextRun(from)) and
 * waited for in real time, so a register started with `--now` runs its jobs at its own midnight,
 * not the machine's. A travel pauses the schedules, runs what fell due itself, and resumes them:
 * every next run is computed again from where the clock then stands. As with croner's `protect`,
 * a tick that comes while the job's previous run is still going is skipped.
 */
export function startSchedules(
  declarations: readonly ScheduleDeclaration[],
  invoke: (handler: string, event: unknown) => Promise<unknown>,
  clock: Clock = systemClock,
): Schedules {
  let holding = false;
  let stopped = false;
  const jobs = new Map<string, Job>();
  for (const declaration of declarations) {
    const { pattern, options } = toCroner(declaration.expression, declaration.timeZone);
    // Croner only computes the instants here; the timers are ours, on the register's clock.
    jobs.set(declaration.name, { declaration, cron: new Cron(pattern, { ...options, paused: true }), next: null });
  }

  function arm(job: Job): void {
    clearTimeout(job.timer);
    job.timer = undefined;
    if (holding || stopped || !job.next) return;
    const wait = Math.min(Math.max(job.next.getTime() - clock.now().getTime(), 0), LONGEST_WAIT_MS);
    job.timer = setTimeout(() => due(job), wait);
  }

  function due(job: Job): void {
    job.timer = undefined;
    if (holding || stopped || !job.next) return;
    const now = clock.now();
    if (now < job.next) return arm(job); // a long wait's step, or a timer a little early
    if (!job.running) job.running = run(job.declaration).finally(() => (job.running = undefined));
    job.next = job.cron.nextRun(now);
    arm(job);
  }

  async function run(s: ScheduleDeclaration): Promise<void> {
    try {
      await invoke(s.handler, scheduleInput(s.name));
    } catch (error) {
      logger.error('scheduled job failed', { job: s.name, errorName: (error as { errorName?: string }).errorName ?? (error as Error).name });
    }
  }

  function resume(): void {
    holding = false;
    for (const job of jobs.values()) {
      job.next = job.cron.nextRun(clock.now());
      arm(job);
    }
  }

  resume();
  return {
    next: (name) => jobs.get(name)?.next ?? null,
    async pause() {
      holding = true;
      for (const job of jobs.values()) arm(job);
      await Promise.all([...jobs.values()].map((j) => j.running));
    },
    resume,
    stop() {
      stopped = true;
      for (const job of jobs.values()) arm(job);
    },
  };
}

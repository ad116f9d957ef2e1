import type { Duration } from 'luxon';
import type { ScheduleDeclaration } from '#shared/config/schedules.ts';
import { Problem } from '#shared/domain/problem.ts';
import { logger } from '#shared/observability/logger.ts';
import { plus } from './instants.ts';
import type { RegisterClock } from './register-clock.ts';
import { planTravel, type PlannedRun } from './travel-plan.ts';

/** Where a tester asks the clock to go: an instant, or a duration from where it stands. */
export type Destination = { at: Date } | { advance: Duration };

export interface TravelResult {
  now: string;
  ran: { job: string; at: string; ok: boolean }[];
  /** Whether the queues drained after every job (see `Consumers.drain`). */
  drained: boolean;
}

/**
 * Most job runs one travel may make. Each is a real invocation followed by a drain of the queues:
 * a few hundred milliseconds at most, so a travel answers within minutes. Three daily jobs reach
 * it after about 660 days; a longer travel is made in several steps.
 */
export const MAX_RUNS_PER_TRAVEL = 2000;

export interface TimeMachineParts {
  clock: RegisterClock;
  schedules: readonly ScheduleDeclaration[];
  /** Runs a job's function once (its sandbox reads the register's clock). */
  run(run: PlannedRun): Promise<unknown>;
  /** Waits for the queues to drain; false if they did not. */
  drain(): Promise<boolean>;
  /** The live schedules, held while the clock jumps (none in tests that turn them off). */
  live?: { pause(): Promise<void>; resume(): void };
}

/**
 * Moves the register's clock forward the way the cloud would have lived through the time between:
 * each scheduled job that fell due runs (once per day crossed, see `planTravel`) with the clock at
 * its due instant, and the queues drain before the next, so a job sees what the previous one
 * caused. Travels are serialized: where a travel goes is decided when its turn comes, from where
 * the previous one left the clock.
 */
export class TimeMachine {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly parts: TimeMachineParts) {}

  /** Refuses (a Problem) a destination not after the clock's now, or one too far to travel at once. */
  travel(to: Destination): Promise<TravelResult> {
    const turn = this.queue.then(() => this.go(to));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async go(to: Destination): Promise<TravelResult> {
    const { clock } = this.parts;
    const field = 'at' in to ? '/at' : '/advance';
    const from = clock.now();
    const target = 'at' in to ? to.at : plus(from, to.advance);
    if (!target) throw tooFar(field, 'The destination is past the last instant a date can hold.');
    if (target <= from) {
      throw new Problem({
        status: 422,
        code: 'clock-backwards',
        title: 'The clock only moves forward',
        detail: `The register's clock is at ${from.toISOString()}; it only moves forward.`,
        errors: [{ pointer: field, code: 'not-after-now', detail: `Give an instant after ${from.toISOString()}, or a positive duration.` }],
        extensions: { now: from.toISOString() },
      });
    }
    const plan = planTravel(this.parts.schedules, from, target, MAX_RUNS_PER_TRAVEL);
    if ('tooMany' in plan) throw tooFar(field, `More than ${plan.limit} job runs would fall due on the way: travel in several steps.`);

    const { live } = this.parts;
    await live?.pause();
    const ran: TravelResult['ran'] = [];
    let drained = true;
    try {
      for (const run of plan.runs) {
        // Never backwards: runs due close together may start after the previous one's due instant plus its run time.
        clock.set(latest(run.at, clock.now()));
        let ok = true;
        try {
          await this.parts.run(run);
        } catch (error) {
          ok = false;
          logger.error('scheduled job failed during a time travel', { job: run.job, at: run.at.toISOString(), errorName: (error as { errorName?: string }).errorName ?? (error as Error).name });
        }
        ran.push({ job: run.job, at: run.at.toISOString(), ok });
        if (!(await this.parts.drain())) drained = false;
      }
      clock.set(latest(target, clock.now()));
    } finally {
      live?.resume();
    }
    logger.info('register clock moved', { from: from.toISOString(), to: clock.now().toISOString(), runs: ran.length, failed: ran.filter((r) => !r.ok).length, drained });
    return { now: clock.now().toISOString(), ran, drained };
  }
}

const latest = (a: Date, b: Date) => (a > b ? a : b);

function tooFar(pointer: string, detail: string): Problem {
  return new Problem({ status: 422, code: 'travel-too-far', title: 'Travel too far', detail, errors: [{ pointer, code: 'too-far', detail }] });
}

import { Problem } from '../domain/problem.ts';
import { logger } from '../observability/logger.ts';
import type { Dependencies } from '../services/dependencies.ts';

/**
 * Fixed-window counters in the register table, for answers that could be used to guess. A limit
 * is counted and decided in one conditional write ("add one if fewer than max"): the count that
 * decides is the one the write returned, so N parallel requests get at most `max` through.
 */
export interface AttemptLimit {
  kind: string;
  max: number;
  windowSeconds: number;
}

/** A 409 tells that a SNILS or document is in the register: the answer may not become an oracle. */
export const DUPLICATE_PROBES_PER_CALLER: AttemptLimit = { kind: 'duplicate-caller', max: 10, windowSeconds: 3600 };
export const DUPLICATE_PROBES_PER_PERSON: AttemptLimit = { kind: 'duplicate-person', max: 5, windowSeconds: 3600 };
/** A clinic that keeps asking about numbers or documents that are not there is guessing. */
export const VERIFICATION_MISSES_PER_CLINIC: AttemptLimit = { kind: 'verification-miss', max: 20, windowSeconds: 3600 };
/** Nobody needs to check one person's policy more often than this: more is tracking, not care. */
export const VERIFICATIONS_PER_PERSON: AttemptLimit = { kind: 'verification-person', max: 30, windowSeconds: 3600 };

function windowOf(now: Date, limit: AttemptLimit) {
  const size = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start: new Date(start).toISOString(), end: start + size };
}

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/** 429: too many refusals in the window (wait for its end), too many about one subject, or too many attempts in flight at once (a moment). */
export function tooManyAttempts(now: Date, until: number, why: 'refused' | 'in-flight' | 'counted' = 'refused'): Problem {
  const retryAfter = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  return new Problem({
    status: 429,
    code: 'too-many-attempts',
    title: 'Too many attempts',
    detail:
      why === 'refused'
        ? `Too many refused attempts. Try again in ${seconds(retryAfter)}.`
        : why === 'counted'
          ? `Too many of these about the same person this hour, whoever asked. Try again in ${seconds(retryAfter)}.`
          : `Too many attempts at once, before their outcome is known. Try again in ${seconds(retryAfter)}.`,
    headers: { 'retry-after': String(retryAfter) },
  });
}

type LimiterDeps = Pick<Dependencies, 'store' | 'clock' | 'hasher'>;

/** An attempt taken before its outcome is known: it ends as a refusal, or is given back. */
export interface Attempt {
  /** It was refused (a 409, a miss): it stays counted. */
  refused(): Promise<void>;
  /** It was not: the slot is free again. */
  returned(): Promise<void>;
}

async function counter(deps: LimiterDeps, limit: AttemptLimit, key: string) {
  const now = deps.clock.now();
  const window = windowOf(now, limit);
  const hash = (await deps.hasher()).attemptKey(limit.kind, key);
  return { now, window, counter: { kind: limit.kind, hash, windowStart: window.start }, expiresAt: Math.ceil(window.end / 1000) };
}

/**
 * Takes one of the window's attempts before the outcome is known, or refuses (429). Refusals and
 * attempts still in flight share the `max` slots, so a burst learns no more than a sequence would:
 * at most `max` refusals, and never more answers pending than refusals left. When the slots are
 * held by attempts in flight rather than refusals, the wait is short.
 */
export async function takeAttempt(deps: LimiterDeps, limit: AttemptLimit, key: string): Promise<Attempt> {
  const { now, window, counter: c, expiresAt } = await counter(deps, limit, key);
  const taken = await deps.store.takeAttempt({ ...c, max: limit.max, expiresAt });
  if (!taken.ok) throw taken.refused >= limit.max ? tooManyAttempts(now, window.end) : tooManyAttempts(now, now.getTime() + 1000, 'in-flight');
  let settled = false;
  const settle = async (outcome: 'refused' | 'returned') => {
    if (settled) return;
    settled = true;
    try {
      await deps.store.settleAttempt(c, outcome);
    } catch (error) {
      // Left taken: the limit errs on the strict side until the window ends.
      logger.warn('attempt not settled', { kind: limit.kind, errorName: (error as Error).name });
    }
  };
  return { refused: () => settle('refused'), returned: () => settle('returned') };
}

/** Counts an attempt whose outcome is already known and decides in the same write: 429 once `max` are counted. */
export async function countAttempt(deps: LimiterDeps, limit: AttemptLimit, key: string): Promise<void> {
  const { now, window, counter: c, expiresAt } = await counter(deps, limit, key);
  const taken = await deps.store.takeAttempt({ ...c, max: limit.max, expiresAt, refused: true });
  if (!taken.ok) throw tooManyAttempts(now, window.end, 'counted');
}

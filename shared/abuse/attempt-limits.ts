import { Problem } from '../domain/problem.ts';
import type { Dependencies } from '../services/dependencies.ts';

/**
 * Fixed-window counters in the register table, for answers that could be used to guess: how
 * many times one caller, or callers about one person, may be refused in a window.
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
export const VERIFICATION_MISSES_PER_CALLER: AttemptLimit = { kind: 'verification-miss', max: 20, windowSeconds: 3600 };
/** Nobody needs to check one person's policy more often than this: more is tracking, not care. */
export const VERIFICATIONS_PER_PERSON: AttemptLimit = { kind: 'verification-person', max: 30, windowSeconds: 3600 };

function windowOf(now: Date, limit: AttemptLimit) {
  const size = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start: new Date(start).toISOString(), end: start + size };
}

function tooMany(now: Date, end: number): Problem {
  const retryAfter = Math.max(1, Math.ceil((end - now.getTime()) / 1000));
  return new Problem({
    status: 429,
    code: 'too-many-attempts',
    title: 'Too many attempts',
    detail: `Too many refused attempts. Try again in ${retryAfter} seconds.`,
    headers: { 'retry-after': String(retryAfter) },
  });
}

type LimiterDeps = Pick<Dependencies, 'store' | 'clock' | 'hasher'>;

/** Refuses (429) when the key has used up its attempts in the current window. */
export async function assertAttemptsLeft(deps: LimiterDeps, limit: AttemptLimit, key: string): Promise<void> {
  const now = deps.clock.now();
  const window = windowOf(now, limit);
  const hash = (await deps.hasher()).attemptKey(limit.kind, key);
  if ((await deps.store.peekAttempts(limit.kind, hash, window.start)) >= limit.max) throw tooMany(now, window.end);
}

/** Counts a refused attempt. */
export async function spendAttempt(deps: LimiterDeps, limit: AttemptLimit, key: string): Promise<number> {
  const now = deps.clock.now();
  const window = windowOf(now, limit);
  const hash = (await deps.hasher()).attemptKey(limit.kind, key);
  return deps.store.countAttempt(limit.kind, hash, window.start, Math.ceil(window.end / 1000));
}

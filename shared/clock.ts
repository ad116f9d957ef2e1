/** The register never reads the system time directly: tests and `npm run job -- --now` travel in time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`not a valid instant: ${String(at)}`);
  return { now: () => new Date(instant) };
}

/** A clock that starts at `at` and moves with real time, so that ordering by time still works. */
export function offsetClock(at: Date | string, base: Clock = systemClock): Clock {
  const offset = new Date(at).getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

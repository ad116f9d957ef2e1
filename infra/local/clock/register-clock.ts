import type { Clock } from '#shared/clock.ts';

/**
 * The local register's one clock (time travel for testers): an offset from real time, kept in
 * shared memory. The main process moves it (`npm start -- --now`, `POST /_local/clock`); every
 * function's sandbox (a worker thread with its own module instances) reads the very same memory,
 * so a move is seen by all of them at once, warm or cold, without restarting anything. With no
 * offset it reads real time, exactly as the functions did before.
 *
 * The offset is whole milliseconds in a BigInt64Array, read and written with Atomics: a
 * Float64Array cannot be used with Atomics, and a torn 64-bit read would be a wild jump in time.
 */
export class RegisterClock implements Clock {
  private readonly offset: BigInt64Array;

  /** `buffer`: the memory of a clock made elsewhere (a sandbox reads the main process's clock). */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT)) {
    this.offset = new BigInt64Array(buffer, 0, 1);
  }

  /** A clock at `at` (real time without it), moving on with real time. */
  static startingAt(at?: Date): RegisterClock {
    const clock = new RegisterClock();
    if (at) clock.set(at);
    return clock;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs());
  }

  /** How far the register's time is from real time, in ms (0: real time). */
  offsetMs(): number {
    return Number(Atomics.load(this.offset, 0));
  }

  /** Puts the clock at `at`; from there it moves on with real time. */
  set(at: Date): void {
    const ms = at.getTime();
    if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
    Atomics.store(this.offset, 0, BigInt(ms - Date.now()));
  }
}

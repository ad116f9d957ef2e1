import type { ChoicesRecord, PersonRecord, PinRecord, PolicyRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';

/** Rounds of read, decide, write when another change lands in between. */
const ROUNDS = 4;

export interface CurrentRecords {
  person?: PersonRecord;
  policy?: PolicyRecord;
  choices?: ChoicesRecord;
  /** The person's PIN, from the same read (a change with the PIN checks it). */
  pin?: PinRecord;
}

/** The person and their current (newest) policy, read strongly consistent: a change is decided on the latest version. */
export async function currentRecords(deps: Pick<Dependencies, 'store'>, personId: string): Promise<CurrentRecords> {
  const { person, policies, choices, pin } = await deps.store.getPersonRecords(personId, 0, true);
  return { person, policy: policies[0], choices, pin };
}

/**
 * Decides and writes on the person's latest records: `step` answers undefined when its conditional
 * write found the person at another version (a change landed in between), and is given the new
 * records to decide again, a few times at most; then `exhausted` is thrown.
 */
export async function onLatest<T>(deps: Pick<Dependencies, 'store'>, personId: string, step: (records: CurrentRecords) => Promise<T | undefined>, exhausted: () => Error): Promise<T> {
  for (let round = 0; round < ROUNDS; round++) {
    const done = await step(await currentRecords(deps, personId));
    if (done !== undefined) return done;
  }
  throw exhausted();
}

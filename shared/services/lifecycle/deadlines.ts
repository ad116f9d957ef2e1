import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/dates.ts';
import { nextDeadline } from '../../domain/lifecycle/deadlines.ts';
import { effectiveStatus } from '../../domain/lifecycle/policy-status.ts';
import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import { WORK_SHARDS } from '../../store/keys.ts';
import type { PersonRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';
import { currentRecords } from './current-records.ts';
import { writeChange } from './policy-changes.ts';
import { eachDue } from './shards.ts';

export const DEADLINES_PER_SHARD = 100;
const ROUNDS = 4;

export interface DeadlinesResult {
  expired: number;
  resumed: number;
  /** Deadlines that no longer held (resumed by hand meanwhile): moved to the next one, if any. */
  moved: number;
}

type Outcome = keyof DeadlinesResult;

/**
 * Applies the deadlines due (through the sparse work index): a bounded policy past its last day is
 * marked expired, with its history entry (readers already treat it as expired); a suspension whose
 * end date has come is resumed (R025). Each through the same rule and conditional write as a
 * caller's change, so a job racing a person's own change never applies on top of it.
 */
export async function applyPolicyDeadlines(deps: Dependencies): Promise<DeadlinesResult> {
  const now = deps.clock.now();
  const result = await eachDue<PersonRecord, keyof DeadlinesResult>(
    WORK_SHARDS,
    'deadlines',
    (shard) => deps.store.listDueDeadlines(shard, now.toISOString(), DEADLINES_PER_SHARD),
    (person) => applyOne(deps, person.personId),
    { expired: 0, resumed: 0, moved: 0 },
  );
  if (result.expired + result.resumed + result.moved > 0) logger.info('policy deadlines applied', { ...result });
  metric.deadlines(result.expired, result.resumed);
  return result;
}

async function applyOne(deps: Dependencies, personId: string): Promise<Outcome | undefined> {
  for (let round = 0; round < ROUNDS; round++) {
    const { person, policy } = await currentRecords(deps, personId);
    if (!person || !policy) return undefined;
    const today = localDate(deps.clock.now(), getRegion(person.region).timeZone);
    const status = effectiveStatus(policy, today);
    if (status === 'expired' && policy.status !== 'expired') {
      if (await writeChange(deps, person, policy, { kind: 'expire' }, undefined, 'expirePolicy')) return 'expired';
    } else if (status === 'suspended' && policy.suspension?.endsOn !== undefined && policy.suspension.endsOn <= today) {
      if (await writeChange(deps, person, policy, { kind: 'resume' }, undefined, 'resumePolicy')) return 'resumed';
    } else if ((await moveDeadline(deps, person, nextDeadline(policy, getRegion(person.region).timeZone))) === 'applied') {
      return 'moved';
    }
  }
  throw new Error(`deadline of person ${personId} kept meeting concurrent changes`);
}

/** A deadline that no longer holds moves to the next one (or goes). */
function moveDeadline(deps: Dependencies, person: PersonRecord, next: string | undefined) {
  return deps.store.setNextDeadline(person.personId, person.version ?? 0, next);
}

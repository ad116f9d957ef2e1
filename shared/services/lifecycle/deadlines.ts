import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/dates.ts';
import { nextDeadline } from '../../domain/lifecycle/deadlines.ts';
import { effectiveStatus } from '../../domain/lifecycle/policy-status.ts';
import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import { WORK_SHARDS } from '../../store/keys.ts';
import type { PersonRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';
import { onLatest } from './current-records.ts';
import { writeChange } from './policy-changes.ts';
import { eachDue } from './shards.ts';

export const DEADLINES_PER_SHARD = 100;

export interface DeadlinesResult {
  expired: number;
  resumed: number;
  /** Deadlines that no longer held (resumed by hand meanwhile): moved to the next one, if any. */
  moved: number;
}

/** Null: nothing to do (the person or the policy is gone). */
type Outcome = keyof DeadlinesResult | null;

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
    async (person) => (await applyOne(deps, person.personId)) ?? undefined,
    { expired: 0, resumed: 0, moved: 0 },
  );
  if (result.expired + result.resumed + result.moved > 0) logger.info('policy deadlines applied', { ...result });
  metric.deadlines(result.expired, result.resumed);
  return result;
}

function applyOne(deps: Dependencies, personId: string): Promise<Outcome> {
  return onLatest(
    deps,
    personId,
    async ({ person, policy }): Promise<Outcome | undefined> => {
      if (!person || !policy) return null;
      const zone = getRegion(person.region).timeZone;
      const today = localDate(deps.clock.now(), zone);
      const status = effectiveStatus(policy, today);
      if (status === 'expired' && policy.status !== 'expired') {
        return (await writeChange(deps, person, policy, { kind: 'expire' }, undefined, 'expirePolicy')) && 'expired';
      }
      if (status === 'suspended' && policy.suspension?.endsOn !== undefined && policy.suspension.endsOn <= today) {
        return (await writeChange(deps, person, policy, { kind: 'resume' }, undefined, 'resumePolicy')) && 'resumed';
      }
      // A deadline that no longer holds moves to the next one (or goes).
      const moved = await deps.store.setNextDeadline(person.personId, person.version ?? 0, nextDeadline(policy, zone));
      return moved === 'applied' ? 'moved' : undefined;
    },
    () => new Error(`deadline of person ${personId} kept meeting concurrent changes`),
  );
}

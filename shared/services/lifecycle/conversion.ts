import { getRegion } from '../../catalogues/regions.ts';
import { addDays, localDate, startOfLocalDay } from '../../domain/dates.ts';
import { withNextDeadline } from '../../domain/lifecycle/deadlines.ts';
import { REGISTER_CODES } from '../../domain/lifecycle/history-codes.ts';
import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import type { PersonRecord, PolicyRecord } from '../../store/records.ts';
import { WORK_SHARDS } from '../../store/keys.ts';
import type { Dependencies } from '../dependencies.ts';
import { eachDue } from './shards.ts';
import { historyEntry } from './history-entry.ts';
import { onLatest } from './current-records.ts';

/** Most temporary policies one run converts from one shard: bounds a run's time; the rest waits for the next run. */
export const CONVERSIONS_PER_SHARD = 50;

export interface ConversionResult {
  converted: number;
  /** Due, but the person still has no number: reported, and looked at again the next day. */
  withoutNumber: number;
  /** Converted by another run meanwhile, or no longer running. */
  skipped: number;
}

type Outcome = keyof ConversionResult;

/**
 * Replaces each temporary policy due (through the sparse work index, never a Scan) with the
 * permanent e-policy, in one transaction per person: the e-policy, the temporary policy closed, the
 * П060 entry, the application completed and the right to a PIN. Two runs at once, or a run repeated,
 * convert each policy once (the temporary policy must still be running); one missed for a night is
 * still due the next. A person still without a number is reported and looked at again tomorrow.
 */
export async function convertTemporaryPolicies(deps: Dependencies): Promise<ConversionResult> {
  const now = deps.clock.now();
  const result = await eachDue<PolicyRecord, keyof ConversionResult>(
    WORK_SHARDS,
    'conversion',
    (shard) => deps.store.listDueConversions(shard, now.toISOString(), CONVERSIONS_PER_SHARD),
    (temporary) => convertOne(deps, temporary),
    { converted: 0, withoutNumber: 0, skipped: 0 },
  );
  if (result.converted + result.withoutNumber > 0) logger.info('temporary policies converted', { ...result });
  metric.conversions(result.converted, result.withoutNumber);
  return result;
}

function convertOne(deps: Dependencies, due: PolicyRecord): Promise<Outcome> {
  return onLatest(
    deps,
    due.personId,
    async ({ person, policy }): Promise<Outcome | undefined> => {
      if (!person || !policy || policy.policyId !== due.policyId) return 'skipped';
      if (!person.enp) return postpone(deps, person, due);
      const outcome = await deps.store.convertPolicy({ ...conversion(deps, person, policy), applicationId: policy.applicationId });
      if (outcome === 'version-conflict') return undefined;
      return outcome === 'converted' ? 'converted' : 'skipped';
    },
    () => new Error(`conversion of policy ${due.policyId} kept meeting concurrent changes`),
  );
}

/** The person has no number when the e-policy is due: an incident (the number is due within a working day). */
async function postpone(deps: Dependencies, person: PersonRecord, due: PolicyRecord): Promise<Outcome> {
  logger.error('conversion due but the person has no number yet', { personId: person.personId, policyId: due.policyId, applicationId: due.applicationId });
  const zone = getRegion(person.region).timeZone;
  const tomorrow = addDays(localDate(deps.clock.now(), zone), 1);
  await deps.store.postponeConversion(due, startOfLocalDay(tomorrow, zone).toISOString());
  return 'withoutNumber';
}

function conversion(deps: Dependencies, person: PersonRecord, temporary: PolicyRecord) {
  const now = deps.clock.now();
  const zone = getRegion(temporary.region).timeZone;
  const today = localDate(now, zone);
  const at = now.toISOString();
  const permanent: PolicyRecord = {
    policyId: deps.newId(),
    personId: person.personId,
    form: 'Э',
    // A suspension goes on: the person resumes it when they choose, or on its end date.
    status: temporary.status,
    validFrom: today,
    // Unlimited for citizens and permanent residents; to the end of the right for everyone else.
    validTo: person.coverageEnd,
    insurerId: temporary.insurerId,
    region: temporary.region,
    applicationId: temporary.applicationId,
    issuedAt: at,
    ...(temporary.suspension ? { suspension: temporary.suspension } : {}),
  };
  const { suspension: _carried, ...closed } = temporary;
  const replaced: PolicyRecord = { ...closed, status: 'replaced', replacedBy: permanent.policyId, replacedAt: at };
  return {
    person: withNextDeadline(person, permanent, getRegion(person.region).timeZone),
    expectedVersion: person.version ?? 0,
    policy: permanent,
    temporary: replaced,
    event: historyEntry(deps, person.personId, {
      kind: 'permanent_issued',
      registerCode: REGISTER_CODES.permanentIssued,
      policyId: permanent.policyId,
      applicationId: temporary.applicationId,
      changes: { form: { from: 'В', to: 'Э' }, validTo: { from: temporary.validTo, to: permanent.validTo } },
    }),
    pin: { personId: person.personId, pinId: deps.newId(), issuedAt: at, issuedBy: 'e-policy' as const },
  };
}

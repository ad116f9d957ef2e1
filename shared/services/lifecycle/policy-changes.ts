import { grantFor } from '../../auth/access.ts';
import { hasRole, type Caller } from '../../auth/caller.ts';
import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/dates.ts';
import { withNextDeadline } from '../../domain/lifecycle/deadlines.ts';
import { decideChange, type StatusChange } from '../../domain/lifecycle/status-changes.ts';
import { Problem } from '../../domain/problem.ts';
import type { PolicyView } from '../../schemas/policy.ts';
import type { PersonRecord, PolicyRecord } from '../../store/records.ts';
import { auditEntry } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { policyView } from '../policy-facts.ts';
import { onLatest } from './current-records.ts';
import { historyEntry } from './history-entry.ts';

/**
 * A change to a person's insurance asked for by a caller: a suspension, a resumption, a
 * termination, a move to another region. The rule is decided by the domain on the latest version of
 * the record and written on the condition that the version is still that one, with its history and
 * audit entries, all or nothing. When another change lands in between, it is decided again on
 * the new version, so two changes racing never both apply unless each is valid after the other
 * (twenty identical suspensions: one applies, the others are refused as already suspended).
 */
export async function changePolicy(deps: Dependencies, caller: Caller, personId: string, change: StatusChange, operation: string): Promise<PolicyView> {
  return onLatest(
    deps,
    personId,
    async ({ person, policy }) => {
      if (!person || !(await mayChange(deps, caller, person, change))) throw Problem.notFound('The person');
      if (!policy) throw Problem.notFound('The policy');
      return writeChange(deps, person, policy, change, caller, operation);
    },
    () => new Problem({ status: 409, code: 'concurrent-change', title: 'Changed meanwhile', detail: 'The record kept changing while this change was decided. Read it and try again.' }),
  );
}

/** Whoever may see the person may ask; and an MFC of the region a person moves to may move them there. */
async function mayChange(deps: Dependencies, caller: Caller, person: PersonRecord, change: StatusChange): Promise<boolean> {
  if (await grantFor(deps, caller, person)) return true;
  return change.kind === 'change-region' && hasRole(caller, 'operator') && caller.region !== undefined && caller.region === change.region;
}

/** Decides and writes one change; undefined when the person changed in between (decide again). */
export async function writeChange(
  deps: Dependencies,
  person: PersonRecord,
  policy: PolicyRecord,
  change: StatusChange,
  caller: Caller | undefined,
  operation: string,
  source: 'system' | 'registry' = 'system',
): Promise<PolicyView | undefined> {
  const now = deps.clock.now();
  const today = localDate(now, getRegion(person.region).timeZone);
  const destination = change.kind === 'change-region' ? { insurers: await deps.catalogues.insurers(change.region), assignment: deps.settings.choices.assignment } : undefined;
  const decided = decideChange(person, policy, change, today, destination);
  const changedPerson = withNextDeadline({ ...person, ...decided.person }, decided.policy, getRegion(decided.person.region).timeZone);
  const outcome = await deps.store.applyPolicyChange({
    person: changedPerson,
    expectedVersion: person.version ?? 0,
    policy: decided.policy,
    event: historyEntry(deps, person.personId, { ...decided.event, policyId: policy.policyId }, caller, source),
    ...(caller ? { audit: auditEntry(deps, caller, person.personId, 'update', operation) } : {}),
  });
  if (outcome === 'version-conflict') return undefined;
  return policyView(changedPerson, decided.policy, now, await deps.catalogues.insurer(decided.policy.region, decided.policy.insurerId));
}

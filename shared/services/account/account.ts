import { grantFor } from '../../auth/access.ts';
import { hasRole, type Caller } from '../../auth/caller.ts';
import { insurerContacts } from '../../catalogues/insurers.ts';
import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/local-date.ts';
import { effectiveStatus } from '../../domain/lifecycle/policy-status.ts';
import { Problem } from '../../domain/problem.ts';
import type { AccountView } from '../../schemas/account.ts';
import { auditRead } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { personPage, type PageRequest } from '../person-pages.ts';
import type { EventRecord } from '../../store/records.ts';
import { choicesView } from '../choices/choices-view.ts';
import { historyView } from './history-view.ts';

/** History entries the account shows; the rest is a page of `GET /persons/{id}/history` away. */
export const ACCOUNT_HISTORY_ENTRIES = 10;

/**
 * The personal account: number, current policy, insurer with contacts, region, clinic and doctor,
 * suspension, the PIN's state and the latest history, from one Query over the person's partition
 * (policies, PIN, person and the newest history entries sort together; the audit trail does not).
 */
export async function personalAccount(deps: Dependencies, caller: Caller, personId: string): Promise<AccountView> {
  // A citizen's own links are read once: they say whether the record is theirs, and list their children.
  const [{ person, policies, pin, choices, events }, links] = await Promise.all([
    deps.store.getPersonRecords(personId, ACCOUNT_HISTORY_ENTRIES),
    hasRole(caller, 'citizen') ? deps.store.accountLinks(caller.subject) : undefined,
  ]);
  const grant = person && (await grantFor(deps, caller, person, links));
  if (!person || !grant) throw Problem.notFound('The person');
  await auditRead(deps, caller, personId, 'getPersonAccount', grant === 'self');
  const policy = policies[0];
  const region = getRegion(policy?.region ?? person.region);
  const insurerId = policy?.insurerId ?? person.insurerId;
  const insurer = await deps.catalogues.insurer(region.code, insurerId);
  const today = localDate(deps.clock.now(), region.timeZone);
  return {
    personId,
    enp: person.enp ?? null,
    policy: policy ? { form: policy.form, status: effectiveStatus(policy, today), validFrom: policy.validFrom, validTo: policy.validTo } : null,
    insurer: insurerContacts(insurer, insurerId),
    region: { code: region.code, name: region.name },
    ...choicesView(deps, region.code, choices),
    suspension: policy?.status === 'suspended' && policy.suspension ? policy.suspension : null,
    pin: pin ? { issuedAt: pin.issuedAt, shown: pin.hash !== undefined } : null,
    history: events.map((e) => historyView(e, caller)) as AccountView['history'],
    ...(grant === 'self' && links ? { children: links.children } : {}),
  };
}

/** The person's whole history, newest first, a page at a time, each entry as the caller may see it. */
export function personHistory(deps: Dependencies, caller: Caller, personId: string, page: PageRequest) {
  return personPage(deps, caller, personId, page, {
    name: 'history',
    operation: 'getPersonHistory',
    read: (limit, after) => deps.store.listHistory(personId, limit, after),
    view: (e: EventRecord) => historyView(e, caller),
  });
}

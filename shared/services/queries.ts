import { grantFor, type PersonScope } from '../auth/access.ts';
import type { Caller } from '../auth/caller.ts';
import { Problem } from '../domain/problem.ts';
import type { ApplicationView } from '../schemas/application.ts';
import type { PersonView } from '../schemas/person.ts';
import type { PolicyView } from '../schemas/policy.ts';
import type { AuditRecord, PersonRecord } from '../store/records.ts';
import { auditRead } from './audit.ts';
import type { Dependencies } from './dependencies.ts';
import { personPage, type PageRequest } from './person-pages.ts';
import { personView } from './person-view.ts';
import { policyView } from './policy-facts.ts';

/** The caller's grant on a person, or 404: a record the caller may not see does not exist for it. */
async function granted(deps: Dependencies, caller: Caller, scope: PersonScope | undefined, what: string) {
  const grant = scope && (await grantFor(deps, caller, scope));
  if (!scope || !grant) throw Problem.notFound(what);
  return grant;
}

/** Lets the caller see a person it may see, after the audit entry of the read is written. */
export async function readable(deps: Dependencies, caller: Caller, person: PersonRecord | undefined, operation: string): Promise<PersonRecord> {
  const grant = await granted(deps, caller, person, 'The person');
  await auditRead(deps, caller, person!.personId, operation, grant === 'self');
  return person!;
}

export async function applicationStatus(deps: Dependencies, caller: Caller, applicationId: string): Promise<ApplicationView> {
  const a = await deps.store.getApplication(applicationId);
  const grant = await granted(deps, caller, a, 'The application');
  await auditRead(deps, caller, a!.personId, 'getApplication', grant === 'self');
  return {
    id: a!.applicationId,
    personId: a!.personId,
    channel: a!.channel,
    region: a!.region,
    status: a!.status,
    submittedAt: a!.submittedAt,
    numberDueAt: a!.numberDueAt,
    numberAssignedAt: a!.numberAssignedAt,
    enp: a!.enp,
    completedAt: a!.completedAt,
  };
}

export async function currentPolicy(deps: Dependencies, caller: Caller, personId: string): Promise<PolicyView> {
  const found = await deps.store.getPersonAndPolicy(personId);
  const person = await readable(deps, caller, found.person, 'getPersonPolicy');
  const policy = found.policy;
  if (!policy) throw Problem.notFound('The policy');
  return policyView(person, policy, deps.clock.now(), await deps.catalogues.insurer(policy.region, policy.insurerId));
}

export async function personRecord(deps: Dependencies, caller: Caller, personId: string): Promise<Partial<PersonView>> {
  return personView(await readable(deps, caller, await deps.store.getPerson(personId), 'getPerson'), caller);
}

export function auditTrail(deps: Dependencies, caller: Caller, personId: string, page: PageRequest) {
  return personPage(deps, caller, personId, page, {
    name: 'audit',
    operation: 'getPersonAudit',
    read: (limit, after) => deps.store.listAudit(personId, limit, after),
    view: ({ at, action, operation, actor }: AuditRecord) => ({ at, action, operation, actor }),
  });
}

import type { InsurerEntry } from '../catalogues/catalogue-documents.ts';
import { insurerContacts } from '../catalogues/insurers.ts';
import { getRegion } from '../catalogues/regions.ts';
import { localDate } from '../domain/local-date.ts';
import { effectiveStatus } from '../domain/lifecycle/policy-status.ts';
import type { PolicyView } from '../schemas/policy.ts';
import type { PolicyFacts } from '../schemas/verification.ts';
import type { PersonRecord, PolicyRecord } from '../store/records.ts';

/** What a policy says on `now`, as the API shows it: number, form, status, validity, insurer (as the region's catalogue lists it) and region. */
export function policyFacts(person: Pick<PersonRecord, 'enp'>, policy: PolicyRecord, now: Date, insurer: InsurerEntry | undefined): PolicyFacts {
  const region = getRegion(policy.region);
  return {
    enp: person.enp ?? null,
    form: policy.form,
    status: effectiveStatus(policy, localDate(now, region.timeZone)),
    validFrom: policy.validFrom,
    validTo: policy.validTo,
    insurer: insurerContacts(insurer, policy.insurerId),
    region: { code: region.code, name: region.name },
  };
}

/** A person's policy as `GET /persons/{id}/policy` shows it, with its suspension or termination. */
export function policyView(person: Pick<PersonRecord, 'personId' | 'enp'>, policy: PolicyRecord, now: Date, insurer: InsurerEntry | undefined): PolicyView {
  return {
    personId: person.personId,
    ...policyFacts(person, policy, now, insurer),
    ...(policy.suspension ? { suspension: policy.suspension } : {}),
    ...(policy.termination ? { termination: policy.termination } : {}),
  };
}

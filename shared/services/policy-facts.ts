import { findInsurer } from '../catalogues/insurers.ts';
import { getRegion } from '../catalogues/regions.ts';
import type { Verification } from '../schemas/verification.ts';
import type { PersonRecord, PolicyRecord } from '../store/records.ts';

/** What a policy says, as the API shows it: number, form, status, validity, insurer and region. */
export function policyFacts(person: Pick<PersonRecord, 'enp'>, policy: PolicyRecord): Verification {
  const insurer = findInsurer(policy.insurerId);
  const region = getRegion(policy.region);
  return {
    enp: person.enp ?? null,
    form: policy.form,
    status: policy.status,
    validFrom: policy.validFrom,
    validTo: policy.validTo,
    insurer: { id: policy.insurerId, name: insurer?.name ?? policy.insurerId, phone: insurer?.phone ?? '' },
    region: { code: region.code, name: region.name },
  };
}

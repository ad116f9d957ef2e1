import { insurerContacts } from '../../catalogues/insurers.ts';
import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/local-date.ts';
import type { ExtractFacts } from '../../extract/extract-pdf.ts';
import type { ShownPolicy } from './shown-policy.ts';

/** What the register's extract says of a shown policy, made at `now`. */
export function extractFacts({ person, policy, status, insurer }: ShownPolicy, now: Date): ExtractFacts {
  const region = getRegion(policy.region);
  const contacts = insurerContacts(insurer, policy.insurerId);
  return {
    name: { lastName: person.lastName, firstName: person.firstName, ...(person.middleName ? { middleName: person.middleName } : {}) },
    birthDate: person.birthDate,
    sex: person.sex,
    enp: person.enp,
    form: policy.form,
    status,
    validFrom: policy.validFrom,
    validTo: policy.validTo,
    insurer: { name: contacts.name, phone: contacts.phone, ...(contacts.site ? { site: contacts.site } : {}), ...(contacts.address ? { address: contacts.address } : {}) },
    region: { code: region.code, name: region.name },
    issuedOn: localDate(new Date(policy.issuedAt), region.timeZone),
    madeAt: now.toISOString(),
  };
}

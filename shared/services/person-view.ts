import type { Caller } from '../auth/caller.ts';
import { PERSON_FIELDS, redact } from '../auth/field-visibility.ts';
import type { PersonView } from '../schemas/person.ts';
import type { PersonRecord } from '../store/records.ts';

/** A person as `caller` may see them (`GET /persons/{personId}`, and the answer to a change of them). */
export function personView(p: PersonRecord, caller: Caller): Partial<PersonView> {
  const view: PersonView = {
    personId: p.personId,
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: p.birthDate,
    sex: p.sex,
    snils: p.snils,
    documents: p.documents,
    representative: p.representative,
    contact: p.contact,
    address: p.address,
    category: p.category,
    region: p.region,
    insurerId: p.insurerId,
    enp: p.enp ?? null,
    coverageEnd: p.coverageEnd,
  };
  return redact(view, caller, PERSON_FIELDS);
}

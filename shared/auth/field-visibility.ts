import type { Role } from '../config/routes.ts';
import type { PersonView } from '../schemas/person.ts';
import type { Caller } from './caller.ts';

export type FieldRules<V> = { [K in keyof V]-?: readonly Role[] | 'any' };

/** Keeps the fields at least one of the caller's roles needs; the rest are left out. */
export function redact<V extends object>(view: V, caller: Caller, rules: FieldRules<V>): Partial<V> {
  const out: Partial<V> = {};
  for (const key of Object.keys(view) as (keyof V)[]) {
    const allowed = rules[key];
    if (allowed === 'any' || caller.roles.some((r) => allowed.includes(r))) out[key] = view[key];
  }
  return out;
}

const IDENTITY: readonly Role[] = ['citizen', 'operator', 'insurer'];
const DOCUMENTS: readonly Role[] = ['citizen', 'operator'];
const INSURANCE: readonly Role[] = ['citizen', 'operator', 'insurer', 'fund_admin'];

/**
 * Who needs which field of a person: names and birth date identify the insured to their insurer;
 * SNILS, documents and the address only the person and the office acting for them; the fund administers
 * insurance, not people, so it sees no names. Clinics verify through their own minimal view.
 */
export const PERSON_FIELDS: FieldRules<PersonView> = {
  personId: 'any',
  lastName: IDENTITY,
  firstName: IDENTITY,
  middleName: IDENTITY,
  birthDate: IDENTITY,
  sex: IDENTITY,
  snils: DOCUMENTS,
  documents: DOCUMENTS,
  representative: DOCUMENTS,
  contact: IDENTITY,
  address: DOCUMENTS,
  category: INSURANCE,
  region: INSURANCE,
  insurerId: INSURANCE,
  enp: INSURANCE,
  coverageEnd: INSURANCE,
};

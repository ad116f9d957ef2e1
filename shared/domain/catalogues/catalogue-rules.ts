import type { FieldError } from '../problem.ts';
import { isValidOgrn } from './ogrn.ts';
import type { CatalogueData } from '../../catalogues/catalogue-documents.ts';

/**
 * The rules of a catalogue document beyond its shape (which its zod schema checks): ids and codes
 * listed once, a region's codes beginning with its two digits, ОГРН check digits. Each broken rule
 * is a field error with a stable code and the JSON pointer of the field at fault.
 */
export function duplicates<T>(items: readonly T[], key: (item: T) => string, pointer: (index: number) => string, what: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) errors.push({ pointer: pointer(i), code: 'duplicate', detail: `This ${what} is listed already: each is listed once.` });
    seen.add(k);
  });
  return errors;
}

const inRegion = (code: string, region: string, pointer: string, what: string): FieldError[] =>
  code.startsWith(region) ? [] : [{ pointer, code: 'other-region', detail: `A ${what} of region ${region} begins with its two digits (${region}).` }];

export function insurerRules(region: string, { insurers }: CatalogueData['insurers']): FieldError[] {
  return [
    ...insurers.flatMap((insurer, i) => [
      ...inRegion(insurer.code, region, `/insurers/${i}/code`, 'code (F002 smocod)'),
      ...(isValidOgrn(insurer.ogrn) ? [] : [{ pointer: `/insurers/${i}/ogrn`, code: 'ogrn-checksum', detail: "The ОГРН's check digit does not match its first twelve digits." }]),
    ]),
    ...duplicates(insurers, (x) => x.id, (i) => `/insurers/${i}/id`, 'insurer id'),
    ...duplicates(insurers, (x) => x.code, (i) => `/insurers/${i}/code`, 'code'),
    ...duplicates(insurers, (x) => x.ogrn, (i) => `/insurers/${i}/ogrn`, 'ОГРН'),
  ];
}

export function clinicRules(region: string, { clinics }: CatalogueData['clinics']): FieldError[] {
  return [
    ...clinics.flatMap((clinic, i) => [
      ...inRegion(clinic.code, region, `/clinics/${i}/code`, 'clinic code (F003 mcod)'),
      ...duplicates(clinic.attaches, (kind) => kind, (j) => `/clinics/${i}/attaches/${j}`, 'kind of doctor'),
    ]),
    ...duplicates(clinics, (x) => x.code, (i) => `/clinics/${i}/code`, 'clinic code'),
  ];
}

export function doctorRules({ doctors }: CatalogueData['doctors']): FieldError[] {
  return duplicates(doctors, (x) => x.code, (i) => `/doctors/${i}/code`, 'doctor code');
}

export function freeCareRules({ care }: CatalogueData['free-care']): FieldError[] {
  return duplicates(care, (x) => x, (i) => `/care/${i}`, 'kind of care');
}

export function regionalCareRules({ add, remove }: CatalogueData['regional-care']): FieldError[] {
  const removed = new Set(remove);
  return [
    ...duplicates(add, (x) => x, (i) => `/add/${i}`, 'kind of care'),
    ...duplicates(remove, (x) => x, (i) => `/remove/${i}`, 'kind of care'),
    ...add.flatMap((care, i) => (removed.has(care) ? [{ pointer: `/add/${i}`, code: 'added-and-removed', detail: 'A kind of care is either added or removed, not both.' }] : [])),
  ];
}

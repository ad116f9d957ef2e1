import type { CatalogueData, CatalogueKind } from '../../catalogues/catalogue-documents.ts';
import { calendarYearRules } from '../../domain/catalogues/calendar-rules.ts';
import { clinicRules, doctorRules, freeCareRules, insurerRules, regionalCareRules } from '../../domain/catalogues/catalogue-rules.ts';
import type { FieldError } from '../../domain/problem.ts';

/** Each kind's rules beyond its shape, for the document of the scope it is written to (`shared/domain/catalogues/`). */
const RULES: { [K in CatalogueKind]: (scope: string, data: CatalogueData[K]) => FieldError[] } = {
  insurers: insurerRules,
  clinics: clinicRules,
  doctors: (_clinic, data) => doctorRules(data),
  'free-care': (_country, data) => freeCareRules(data),
  'regional-care': (_region, data) => regionalCareRules(data),
  calendar: (year, data) => [
    ...(String(data.year) === year ? [] : [{ pointer: '/year', code: 'year-mismatch', detail: `This is the calendar of ${year}: its year is ${year}.` }]),
    ...calendarYearRules(data),
  ],
};

export function catalogueRules<K extends CatalogueKind>(kind: K, scope: string, data: CatalogueData[K]): FieldError[] {
  return RULES[kind](scope, data);
}

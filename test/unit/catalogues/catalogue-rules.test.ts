import { describe, expect, it } from 'vitest';
import { safeParse, type $ZodType } from 'zod/v4/core';
import type { CatalogueData, CatalogueKind } from '#shared/catalogues/catalogue-documents.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { calendarYearRules } from '#shared/domain/catalogues/calendar-rules.ts';
import { clinicRules, insurerRules, regionalCareRules } from '#shared/domain/catalogues/catalogue-rules.ts';
import { attachedKindRules } from '#shared/domain/catalogues/doctor-rules.ts';
import { isValidOgrn } from '#shared/domain/catalogues/ogrn.ts';
import { calendarYearSchema } from '#shared/schemas/calendar-year.ts';
import { clinicsBodySchema, doctorsBodySchema, freeCareBodySchema, insurersBodySchema, regionalCareBodySchema } from '#shared/schemas/catalogues/catalogue-bodies.ts';
import { catalogueRules } from '#shared/services/catalogues/catalogue-rules.ts';

const insurer = (over: Record<string, unknown> = {}) => ({
  id: 'sogaz-med',
  code: '77001',
  name: 'АО «СК «СОГАЗ-Мед»',
  shortName: 'СОГАЗ-Мед',
  ogrn: '1027739008440',
  phone: '8-800-100-07-02',
  address: 'г. Москва',
  contractEnd: null,
  insured: 1000,
  ...over,
});

describe('ОГРН', () => {
  it('checks the thirteenth digit against the first twelve (mod 11, then mod 10)', () => {
    expect(isValidOgrn('1027739008440')).toBe(true);
    expect(isValidOgrn('1027739008441')).toBe(false);
    expect(isValidOgrn('1037739872939')).toBe(true);
    // 102773900844 mod 11 is 10: the check digit is 0.
    expect(Number(102773900844n % 11n)).toBe(10);
    expect(isValidOgrn('102773900844')).toBe(false);
    expect(isValidOgrn('10277390084400')).toBe(false);
  });
});

describe("a catalogue's rules, with the pointer of the field at fault", () => {
  it('insurers: codes of the region, ОГРН check digits, each id, code and ОГРН once', () => {
    const data = {
      insurers: [insurer(), insurer({ id: 'sogaz-med', code: '50001', ogrn: '1027739008441' }), insurer({ id: 'reso-med', code: '77001', ogrn: '1027739008440' })],
    };
    expect(insurerRules('77', data)).toEqual([
      expect.objectContaining({ pointer: '/insurers/1/code', code: 'other-region' }),
      expect.objectContaining({ pointer: '/insurers/1/ogrn', code: 'ogrn-checksum' }),
      expect.objectContaining({ pointer: '/insurers/1/id', code: 'duplicate' }),
      expect.objectContaining({ pointer: '/insurers/2/code', code: 'duplicate' }),
      expect.objectContaining({ pointer: '/insurers/2/ogrn', code: 'duplicate' }),
    ]);
  });

  it("clinics: codes of the region, each once, each kind of doctor once; a clinic's doctors of the kinds it attaches", () => {
    const clinic = { code: '770101', name: 'ГП № 2', shortName: 'ГП № 2', address: 'г. Москва', attaches: ['therapist' as const, 'therapist' as const] };
    expect(clinicRules('77', { clinics: [clinic, { ...clinic, code: '500101', attaches: [] }, clinic] })).toEqual([
      expect.objectContaining({ pointer: '/clinics/0/attaches/1', code: 'duplicate' }),
      expect.objectContaining({ pointer: '/clinics/1/code', code: 'other-region' }),
      expect.objectContaining({ pointer: '/clinics/2/attaches/1', code: 'duplicate' }),
      expect.objectContaining({ pointer: '/clinics/2/code', code: 'duplicate' }),
    ]);
    const doctors = { doctors: [{ code: 'd1', name: 'Иванова А. С.', specialty: 'therapist' as const }, { code: 'd2', name: 'Петров И. В.', specialty: 'pediatrician' as const }] };
    expect(attachedKindRules({ ...clinic, attaches: ['therapist'] }, doctors)).toEqual([expect.objectContaining({ pointer: '/doctors/1/specialty', code: 'not-attached' })]);
    expect(catalogueRules('doctors', '770101', { doctors: [doctors.doctors[0]!, doctors.doctors[0]!] })).toEqual([expect.objectContaining({ pointer: '/doctors/1/code', code: 'duplicate' })]);
  });

  it('free care: each kind once; a region neither adds and removes the same', () => {
    expect(catalogueRules('free-care', 'RU', { care: ['a', 'b', 'a'] })).toEqual([expect.objectContaining({ pointer: '/care/2', code: 'duplicate' })]);
    expect(regionalCareRules({ add: ['a', 'b'], remove: ['b'] })).toEqual([expect.objectContaining({ pointer: '/add/1', code: 'added-and-removed' })]);
  });

  it('a calendar year: its own days, each once, working days on weekends only, none both off and working, the year of its path', () => {
    const year = { year: 2027, nonWorkingDays: ['2027-01-01', '2028-01-01', '2027-01-01', '2027-05-08'], workingWeekendDays: ['2027-05-04', '2027-05-08'] };
    expect(calendarYearRules(year)).toEqual([
      expect.objectContaining({ pointer: '/nonWorkingDays/1', code: 'other-year' }),
      expect.objectContaining({ pointer: '/nonWorkingDays/2', code: 'duplicate' }),
      // 4 May 2027 is a Tuesday; 8 May a Saturday, listed as a day off too.
      expect.objectContaining({ pointer: '/workingWeekendDays/0', code: 'not-a-weekend' }),
      expect.objectContaining({ pointer: '/workingWeekendDays/1', code: 'conflicting-day' }),
    ]);
    expect(catalogueRules('calendar', '2028', { year: 2027, nonWorkingDays: [], workingWeekendDays: [] })).toEqual([expect.objectContaining({ pointer: '/year', code: 'year-mismatch' })]);
  });
});

describe('the seed', () => {
  const BODY: Record<CatalogueKind, $ZodType> = {
    insurers: insurersBodySchema,
    clinics: clinicsBodySchema,
    doctors: doctorsBodySchema,
    'free-care': freeCareBodySchema,
    'regional-care': regionalCareBodySchema,
    calendar: calendarYearSchema,
  };

  it('passes every check a change by the fund passes: the seed could be written by PUT, and a PUT of it reads the same', () => {
    const documents = seedDocuments();
    expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(Object.keys(BODY)));
    for (const doc of documents) {
      const parsed = safeParse(BODY[doc.kind], doc.data);
      expect(parsed.success, `${doc.kind} ${doc.scope}: ${JSON.stringify(parsed.error)}`).toBe(true);
      expect(parsed.data, `${doc.kind} ${doc.scope}`).toEqual(doc.data);
      expect(catalogueRules(doc.kind, doc.scope, doc.data), `${doc.kind} ${doc.scope}`).toEqual([]);
    }
    const clinics = documents.flatMap((d) => (d.kind === 'clinics' ? (d.data as CatalogueData['clinics']).clinics : []));
    for (const doc of documents.filter((d) => d.kind === 'doctors')) {
      const clinic = clinics.find((c) => c.code === doc.scope);
      expect(clinic, `doctors of ${doc.scope}: no such clinic`).toBeDefined();
      expect(attachedKindRules(clinic!, doc.data as CatalogueData['doctors']), doc.scope).toEqual([]);
    }
  });
});

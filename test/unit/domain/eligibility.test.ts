import { describe, expect, it } from 'vitest';
import { checkDocumentMasks, normalizeDocument, type IdentityDocument } from '#shared/domain/documents.ts';
import { birthCertificateAccepted, coverageEnd, DEFAULT_ELIGIBILITY, documentErrors, eligibilityRefusal, type Applicant } from '#shared/domain/eligibility.ts';

const passport: IdentityDocument = { type: 14, series: '4512', number: '123456' };
const birthCertificate: IdentityDocument = { type: 3, series: 'IV-МЮ', number: '123456' };
const foreignPassport: IdentityDocument = { type: 9, series: 'AB', number: '1234567' };
const today = '2026-11-23';

const applicant = (over: Partial<Applicant>): Applicant => ({
  category: 'citizen',
  birthDate: '1990-05-14',
  snils: '11223344595',
  documents: [passport],
  hasRepresentative: false,
  ...over,
});
const codes = (a: Applicant) => documentErrors(a, today).map((e) => e.code);

describe('documents by category and age', () => {
  it('an adult citizen: passport and SNILS', () => {
    expect(codes(applicant({}))).toEqual([]);
    expect(codes(applicant({ snils: undefined }))).toEqual(['snils-required']);
    expect(codes(applicant({ documents: [] }))).toEqual(['document-required']);
  });

  it('a citizen of 14 to 18: passport, SNILS and a representative', () => {
    const teen = applicant({ birthDate: '2010-01-01' });
    expect(codes(teen)).toEqual(['representative-required']);
    expect(codes({ ...teen, hasRepresentative: true })).toEqual([]);
  });

  it('a child under 14: birth certificate and a representative, SNILS optional', () => {
    const child = applicant({ birthDate: '2020-03-01', documents: [birthCertificate], snils: undefined, hasRepresentative: true });
    expect(codes(child)).toEqual([]);
    expect(codes({ ...child, documents: [passport] })).toEqual(['document-not-accepted', 'document-required']);
  });

  it('a birth certificate still identifies a citizen for 30 days after the 14th birthday', () => {
    expect(birthCertificateAccepted('2012-11-01', '2026-12-01')).toBe(true);
    expect(birthCertificateAccepted('2012-11-01', '2026-12-02')).toBe(false);
    const justFourteen = applicant({ birthDate: '2012-11-01', documents: [birthCertificate], hasRepresentative: true });
    expect(codes(justFourteen)).toEqual([]);
    expect(documentErrors(justFourteen, '2026-12-15').map((e) => e.code)).toEqual(['document-not-accepted', 'document-required']);
  });

  it('foreigners: passport and the permit of their category', () => {
    const permanent = applicant({ category: 'foreign_permanent', snils: undefined, documents: [foreignPassport, { type: 11, number: '1234567' }] });
    expect(codes(permanent)).toEqual([]);
    expect(codes({ ...permanent, documents: [foreignPassport] })).toEqual(['document-required']);
    const temporary = applicant({ category: 'foreign_temporary', snils: undefined, documents: [foreignPassport, { type: 23, number: '123' }], stayUntil: '2027-06-30' });
    expect(codes(temporary)).toEqual([]);
    expect(codes({ ...temporary, stayUntil: undefined })).toEqual(['stay-until-required']);
  });

  it('refugees: a refugee certificate or a temporary asylum certificate, not both', () => {
    const refugee = applicant({ category: 'refugee', snils: undefined, documents: [{ type: 12, number: '12345' }], stayUntil: '2027-01-01' });
    expect(codes(refugee)).toEqual([]);
    expect(codes({ ...refugee, documents: [{ type: 25, series: 'АБ', number: '1234567' }] })).toEqual([]);
    expect(codes({ ...refugee, documents: [{ type: 12, number: '1' }, { type: 25, series: 'АБ', number: '1234567' }] })).toEqual(['document-ambiguous']);
  });

  it('one document of a type only', () => {
    expect(codes(applicant({ documents: [passport, passport] }))).toEqual(['document-repeated']);
  });
});

describe('eligibility', () => {
  it('excludes family members of highly qualified specialists by default, configurably', () => {
    const family = applicant({ category: 'highly_qualified_specialist_family', stayUntil: '2027-01-01' });
    expect(eligibilityRefusal(family, today, DEFAULT_ELIGIBILITY)?.code).toBe('category-excluded');
    expect(eligibilityRefusal(family, today, { excluded: [] })).toBeUndefined();
    const specialist = applicant({ category: 'highly_qualified_specialist', stayUntil: '2027-01-01' });
    expect(eligibilityRefusal(specialist, today, { excluded: ['highly_qualified_specialist', 'highly_qualified_specialist_family'] })?.code).toBe('category-excluded');
  });

  it('refuses a right to stay that has already ended', () => {
    expect(eligibilityRefusal(applicant({ category: 'foreign_temporary', stayUntil: '2026-11-22' }), today, DEFAULT_ELIGIBILITY)?.code).toBe('stay-ended');
    expect(eligibilityRefusal(applicant({ category: 'foreign_temporary', stayUntil: today }), today, DEFAULT_ELIGIBILITY)).toBeUndefined();
  });

  it('covers citizens and permanent residents without end, others to the end of their stay', () => {
    expect(coverageEnd({ category: 'citizen' })).toBeNull();
    expect(coverageEnd({ category: 'foreign_permanent' })).toBeNull();
    expect(coverageEnd({ category: 'foreign_temporary', stayUntil: '2027-03-01' })).toBe('2027-03-01');
    expect(coverageEnd({ category: 'refugee', stayUntil: '2027-05-01' })).toBe('2027-05-01');
    expect(coverageEnd({ category: 'eaeu_worker', stayUntil: '2027-02-01' })).toBe('2027-02-01');
  });

  it('asks an EAEU worker for the end of the labour contract: no silent 31 December', () => {
    const worker = applicant({ category: 'eaeu_worker', snils: undefined, documents: [foreignPassport], stayUntil: '2027-02-01' });
    expect(codes(worker)).toEqual([]);
    expect(codes({ ...worker, stayUntil: undefined })).toEqual(['stay-until-required']);
    expect(documentErrors({ ...worker, stayUntil: undefined }, today)[0]?.detail).toMatch(/labour contract/);
  });
});

describe('document masks', () => {
  it('normalizes a passport series with a space and checks the masks', () => {
    const doc = normalizeDocument({ type: 14, series: '45 12', number: ' 123456 ' });
    expect(doc).toMatchObject({ series: '4512', number: '123456' });
    expect(checkDocumentMasks(doc, '/documents/0')).toEqual([]);
    expect(checkDocumentMasks({ type: 14, series: '451', number: '12345' }, '/documents/0').map((e) => e.pointer)).toEqual([
      '/documents/0/series',
      '/documents/0/number',
    ]);
  });

  it('checks a birth certificate series in Roman numerals and Cyrillic letters', () => {
    expect(checkDocumentMasks(normalizeDocument({ type: 3, series: 'iv-мю', number: '123456' }), '/d')).toEqual([]);
    expect(checkDocumentMasks({ type: 3, series: '4-МЮ', number: '123456' }, '/d').map((e) => e.code)).toEqual(['document-series-format']);
  });

  it('checks a temporary asylum certificate', () => {
    expect(checkDocumentMasks({ type: 25, series: 'АБ', number: '1234567' }, '/d')).toEqual([]);
    expect(checkDocumentMasks({ type: 25, series: 'AB', number: '123456' }, '/d')).toHaveLength(2);
  });
});

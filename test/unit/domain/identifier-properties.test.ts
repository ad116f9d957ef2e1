import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionCodes } from '#shared/catalogues/regions.ts';
import { composeEnp, decodeEnp, MAX_SERIAL } from '#shared/domain/enp.ts';
import { DOCUMENT_TYPES, documentTypeCodes, normalizeDocument, type DocumentType, type IdentityDocument } from '#shared/domain/documents.ts';
import { hasForbiddenCharacter, normalizeText } from '#shared/domain/text.ts';
import { parseJsonBody } from '#shared/http/request.ts';
import { LookupHasher } from '#shared/privacy/lookup-hasher.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { httpEvent } from '../../support/events.ts';

/** Properties of the identifiers the register keys and compares people by. */
const birthDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('ЕНП', () => {
  it('decodes to exactly what it was composed of, for every territory, birth date 1900-2030, sex and serial', () => {
    fc.assert(
      fc.property(
        fc.record({ territory: fc.constantFrom(...regionCodes), birthDate, sex: fc.constantFrom('male' as const, 'female' as const), serial: fc.integer({ min: 0, max: MAX_SERIAL }) }),
        (parts) => {
          expect(decodeEnp(composeEnp(parts))).toEqual(parts);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('document lookups', () => {
  const hasher = new LookupHasher('k'.repeat(64));
  const field = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('AB', 'AB|411', '411|298', '298', '|', '', '4512', '45 12', 'IV-МЮ'));
  const document = fc.record({ type: fc.constantFrom(...documentTypeCodes), series: field, number: field });
  const key = (d: IdentityDocument) => JSON.stringify([d.type, d.series ?? '', d.number]);

  it('never share a hash between two different documents, however their fields are split', () => {
    fc.assert(
      fc.property(document, document, (a, b) => {
        const [na, nb] = [normalizeDocument(a), normalizeDocument(b)];
        expect(hasher.document(na) === hasher.document(nb)).toBe(key(na) === key(nb));
      }),
      { numRuns: 3000 },
    );
    expect(hasher.document({ type: 13, series: 'AB|411', number: '298' })).not.toBe(hasher.document({ type: 13, series: 'AB', number: '411|298' }));
  });

  it('take only letters, digits, spaces and hyphens in the fields the classifier leaves free', () => {
    fc.assert(
      fc.property(fc.constantFrom(...documentTypeCodes), fc.string({ maxLength: 20 }), (type: DocumentType, value) => {
        const { series, number } = DOCUMENT_TYPES[type];
        if (series.test(value)) expect(value).toMatch(/^[0-9A-ZА-ЯЁIVXLC -]*$/);
        if (number.test(value)) expect(value).toMatch(/^[0-9A-ZА-ЯЁ-]+$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('names', () => {
  const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
  const cyrillicName = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 20 });

  it('are one name in every Unicode normalization form: the register reads NFD, NFKC and NFC alike', () => {
    fc.assert(
      fc.property(cyrillicName, cyrillicName, fc.constantFrom('NFD', 'NFKD', 'NFKC'), (last, first, form) => {
        const request = (lastName: string, firstName: string) =>
          parseJsonBody(httpEvent({ method: 'POST', path: '/applications', body: { ...exampleApplication, person: { ...exampleApplication.person, lastName, firstName } } }), applicationRequestSchema);
        expect(request(last.normalize(form), first.normalize(form))).toEqual(request(last.normalize('NFC'), first.normalize('NFC')));
      }),
      { numRuns: 500 },
    );
  });

  it('never keep a character the register refuses after normalization', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        if (!hasForbiddenCharacter(s)) expect(hasForbiddenCharacter(normalizeText(s))).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

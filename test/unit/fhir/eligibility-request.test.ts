import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Problem } from '#shared/domain/problem.ts';
import { parseEligibilityRequest } from '#shared/fhir/eligibility-request.ts';
import { SYSTEMS } from '#shared/fhir/systems.ts';
import { r4Validator } from '../../support/fhir-r4-schema.ts';

const validate = r4Validator('CoverageEligibilityRequest');

const ENP = '7851000840000199';
const enp = (value = ENP) => ({ system: SYSTEMS.enp, value });
const document = (code: string, value: string) => ({ system: SYSTEMS.identityDocument, type: { coding: [{ system: SYSTEMS.documentType, code }] }, value });

type Request = Record<string, unknown> & { contained: Record<string, unknown>[]; insurance?: Record<string, unknown>[] };

/** A request as a clinic's system would send it: the ЕНП on a contained Coverage. */
const base = (): Request => ({
  resourceType: 'CoverageEligibilityRequest',
  id: 'q17',
  identifier: [{ system: 'urn:oid:1.2.643.5.1.13.13.12.2.78.8575', value: 'Q-17' }],
  status: 'active',
  purpose: ['validation'],
  created: '2026-11-24T09:14:00+03:00',
  contained: [
    { resourceType: 'Patient', id: 'p' },
    { resourceType: 'Coverage', id: 'c', identifier: [enp()], status: 'active', beneficiary: { reference: '#p' }, payor: [{ display: 'АО «СОГАЗ-Мед»' }] },
  ],
  patient: { reference: '#p' },
  insurer: { display: 'АО «СОГАЗ-Мед»' },
  insurance: [{ coverage: { reference: '#c' } }],
});
const request = (change: (r: Request) => void = () => {}) => {
  const r = base();
  change(r);
  return r;
};
const withPatientIdentifiers = (...identifier: object[]) => request((r) => {
  r.contained[0]!.identifier = identifier;
  r.contained.pop();
  delete r.insurance;
});

/** The 422 a body gets: its codes by pointer. */
function refusal(body: unknown): Record<string, string> {
  try {
    parseEligibilityRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    const problem = error as Problem;
    expect([problem.status, problem.code]).toEqual([422, 'validation-failed']);
    return Object.fromEntries(problem.errors.map((e) => [e.pointer, e.code]));
  }
  throw new Error('accepted');
}

describe('requests the register answers', () => {
  it('the examples here are R4 (and the schema check refuses what is not)', () => {
    for (const r of [base(), withPatientIdentifiers(enp()), withPatientIdentifiers(document('14', '4512 123456'))]) expect(validate(r)).toEqual([]);
    const { patient: _patient, ...noPatient } = base();
    expect(validate(noPatient)).not.toEqual([]);
    expect(validate({ ...base(), purpose: ['check'] })).not.toEqual([]);
  });

  it('the ЕНП on a contained Coverage, with what the answer echoes', () => {
    expect(parseEligibilityRequest(base())).toEqual({ verification: { enp: ENP }, request: { id: 'q17', identifier: { system: 'urn:oid:1.2.643.5.1.13.13.12.2.78.8575', value: 'Q-17' } } });
  });

  it('the ЕНП on a contained Patient, or on a logical reference to the patient or the coverage', () => {
    expect(parseEligibilityRequest(withPatientIdentifiers(enp())).verification).toEqual({ enp: ENP });
    const logicalPatient = request((r) => {
      r.patient = { identifier: enp() };
      r.contained = [];
      delete r.insurance;
    });
    expect(validate(logicalPatient)).toEqual([]);
    expect(parseEligibilityRequest(logicalPatient).verification).toEqual({ enp: ENP });
    const logicalCoverage = request((r) => {
      r.insurance = [{ coverage: { identifier: enp() } }];
      r.contained.pop();
    });
    expect(validate(logicalCoverage)).toEqual([]);
    expect(parseEligibilityRequest(logicalCoverage).verification).toEqual({ enp: ENP });
  });

  it('the same ЕНП twice is one ЕНП; the ЕНП wins over a document; other identifiers and fields are passed over', () => {
    const all = request((r) => {
      r.contained[0]!.identifier = [{ system: 'https://fhir.ru/ig/core/systems/snils', value: '112-233-445 95' }, enp(), document('14', '4512 123456')];
      r.contained[0]!.name = [{ family: 'Алпатова' }];
      r.insurance!.push({ coverage: { reference: 'Coverage/external' }, focal: true });
      r.extension = [{ url: 'urn:example:scanner', valueString: 'PDF417' }];
    });
    expect(validate(all)).toEqual([]);
    expect(parseEligibilityRequest(all)).toMatchObject({ verification: { enp: ENP } });
  });

  it.each([
    ['14', '4512 123456', { type: 14, series: '4512', number: '123456' }],
    ['14', ' 45 12  123456 ', { type: 14, series: '4512', number: '123456' }],
    ['3', 'IV-мю 654321', { type: 3, series: 'IV-МЮ', number: '654321' }],
    ['9', '753123456', { type: 9, number: '753123456' }],
  ])('a document without the ЕНП: F011 type %s, "%s"', (code, value, expected) => {
    expect(parseEligibilityRequest(withPatientIdentifiers(document(code, value))).verification).toEqual({ document: expected });
  });

  it('echoes no more than it was given', () => {
    const bare = request((r) => {
      delete r.id;
      delete r.identifier;
    });
    expect(parseEligibilityRequest(bare).request).toEqual({});
  });
});

describe('requests it refuses, naming the field', () => {
  it.each<[string, (r: Request) => void, Record<string, string>]>([
    ['another resource', (r) => void (r.resourceType = 'Coverage'), { '/resourceType': 'invalid' }],
    ['a request not active', (r) => void (r.status = 'cancelled'), { '/status': 'invalid' }],
    ['no status', (r) => void delete r.status, { '/status': 'required' }],
    ['no validation among the purposes', (r) => void (r.purpose = ['benefits']), { '/purpose': 'invalid' }],
    ['a purpose R4 does not have', (r) => void (r.purpose = ['validation', 'check']), { '/purpose/1': 'invalid' }],
    ['no patient', (r) => void delete r.patient, { '/patient': 'required' }],
    ['an id FHIR does not allow', (r) => void (r.id = 'q 17'), { '/id': 'invalid' }],
    ['an ЕНП of 15 digits', (r) => void (r.contained[1]!.identifier = [enp('785100084000019')]), { '/contained/1/identifier/0/value': 'invalid' }],
    ['an ЕНП whose check digit fails', (r) => void (r.contained[1]!.identifier = [enp('7851000840000198')]), { '/contained/1/identifier/0/value': 'invalid' }],
    ['two contained resources with one id', (r) => void (r.contained[1]!.id = r.contained[0]!.id), { '/contained/1/id': 'duplicate-id', '/insurance/0/coverage/reference': 'unresolved-reference' }],
    ['an ЕНП without a value', (r) => void (r.contained[1]!.identifier = [{ system: SYSTEMS.enp }]), { '/contained/1/identifier/0/value': 'invalid' }],
    ['two different ЕНП', (r) => void (r.contained[0]!.identifier = [enp('8451999122899990')]), { '/contained/0/identifier/0/value': 'ambiguous-identifier' }],
    ['a coverage that is not in the body', (r) => void (r.insurance![0]!.coverage = { reference: '#nowhere' }), { '/insurance/0/coverage/reference': 'unresolved-reference' }],
    ['a patient reference to the Coverage', (r) => void (r.patient = { reference: '#c' }), { '/patient/reference': 'unresolved-reference' }],
    ['nothing to look for', (r) => void (r.contained[1]!.identifier = [{ system: 'urn:example', value: '1' }]), { '/patient': 'identifier-required' }],
  ])('%s', (_case, change, errors) => {
    expect(refusal(request(change))).toEqual(errors);
  });

  it.each<[string, object[], Record<string, string>]>([
    ['a document without its type', [{ system: SYSTEMS.identityDocument, value: '4512 123456' }], { '/contained/0/identifier/0/type': 'required' }],
    ['a type F011 lacks', [document('99', '4512 123456')], { '/contained/0/identifier/0/type': 'invalid' }],
    ['a passport that cannot exist', [document('14', '45 123456')], { '/contained/0/identifier/0/value': 'document-series-format' }],
    ['a document without a number', [document('14', ' ')], { '/contained/0/identifier/0/value': 'required' }],
    ['a series too long', [document('9', 'ABCDEFGHIJKLM 1')], { '/contained/0/identifier/0/value': 'invalid' }],
    ['two documents', [document('14', '4512 123456'), document('3', 'IV-МЮ 654321')], { '/contained/0/identifier/1': 'ambiguous-identifier' }],
  ])('%s', (_case, identifiers, errors) => {
    expect(refusal(withPatientIdentifiers(...identifiers))).toEqual(errors);
  });

  it.each([null, 'CoverageEligibilityRequest', 17, [], {}])('a body that is no resource (%j)', (body) => {
    expect(Object.keys(refusal(body)).length).toBeGreaterThan(0);
  });

  it('never anything but a 422, whatever the body', () => {
    // Bodies shaped like the request, with anything in its fields, as well as anything at all.
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        { resourceType: fc.constant('CoverageEligibilityRequest'), status: fc.constant('active'), purpose: fc.constant(['validation']), patient: fc.anything(), contained: fc.anything(), insurance: fc.anything(), id: fc.anything(), identifier: fc.anything() },
        { requiredKeys: ['resourceType', 'status', 'purpose'] },
      ),
    );
    fc.assert(
      fc.property(body, (b) => {
        try {
          parseEligibilityRequest(b);
        } catch (error) {
          expect(error).toBeInstanceOf(Problem);
          expect((error as Problem).status).toBe(422);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

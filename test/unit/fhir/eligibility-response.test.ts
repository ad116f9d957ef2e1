import { describe, expect, it } from 'vitest';
import { parseEligibilityRequest } from '#shared/fhir/eligibility-request.ts';
import { eligibilityResponse, type EligibilityCheck, type EligibilityState } from '#shared/fhir/eligibility-response.ts';
import { SYSTEMS } from '#shared/fhir/systems.ts';
import type { Coverage, CoverageEligibilityResponse, Patient } from '#shared/fhir/types.ts';
import { r4Validator } from '../../support/fhir-r4-schema.ts';

const validate = r4Validator('CoverageEligibilityResponse');

const ENP = '7851000840000199';
const insurer = { id: 'sogaz-med', name: 'АО «СОГАЗ-Мед»', ogrn: '1027739008440', phone: '8-800-100-07-02' };
const policy: NonNullable<EligibilityCheck['policy']> = {
  enp: ENP,
  form: 'Э',
  validFrom: '2026-11-23',
  validTo: null,
  insurer,
  region: { code: '78', name: 'Санкт-Петербург' },
};
const check = (over: Partial<EligibilityCheck> = {}): EligibilityCheck => ({
  id: '01KAT8D4R0X1Z9E3JH2Q7M5V6B',
  checkedAt: '2026-11-24T09:15:00.000Z',
  state: 'active',
  careToday: true,
  policy,
  ...over,
});

const coverageOf = (r: CoverageEligibilityResponse) => r.contained?.find((c): c is Coverage => c.resourceType === 'Coverage');
const patientOf = (r: CoverageEligibilityResponse) => r.contained?.find((c): c is Patient => c.resourceType === 'Patient');

/**
 * What R4 requires that its JSON schema does not carry: the schema makes only request, patient and
 * insurer required, knows no value set of Coverage.status, and cannot see that every contained
 * resource is referenced (dom-3).
 */
function r4Rules(r: CoverageEligibilityResponse): string[] {
  const broken: string[] = [];
  if (r.status !== 'active') broken.push('status');
  if (!r.purpose?.length) broken.push('purpose');
  if (!r.created) broken.push('created');
  if (!['queued', 'complete', 'error', 'partial'].includes(r.outcome)) broken.push('outcome');
  for (const c of r.contained ?? []) {
    if (!JSON.stringify(r).includes(`"#${c.id}"`)) broken.push(`contained ${c.id} is referenced`);
    if (c.resourceType === 'Coverage' && !['active', 'cancelled', 'draft', 'entered-in-error'].includes(c.status)) broken.push('Coverage.status');
  }
  return broken;
}

const valid = (r: CoverageEligibilityResponse) => {
  expect(validate(r)).toEqual([]);
  expect(r4Rules(r)).toEqual([]);
  return r;
};

describe('the schema check', () => {
  // Were the validator to accept anything (a definition it did not find, the oneOf skipped), every test below would pass for nothing.
  it('refuses what R4 refuses', () => {
    const good = eligibilityResponse(check());
    expect(validate(good)).toEqual([]);
    const { insurer: _insurer, ...noInsurer } = good;
    expect(validate(noInsurer)).not.toEqual([]);
    expect(validate({ ...good, resourceType: 'CoverageEligibilityRequest' })).not.toEqual([]);
    expect(validate({ ...good, outcome: 'unknown' })).not.toEqual([]);
    expect(validate({ ...good, purpose: ['check'] })).not.toEqual([]);
    expect(validate({ ...good, created: '24.11.2026' })).not.toEqual([]);
    expect(validate({ ...good, enp: ENP })).not.toEqual([]);
    expect(validate({ ...good, insurance: [{ inforce: true }] })).not.toEqual([]);
    // Inside the contained resources too: a Coverage without its payor, a resource R4 does not have.
    const { payor: _payor, ...noPayor } = coverageOf(good)!;
    expect(validate({ ...good, contained: [patientOf(good), noPayor] })).not.toEqual([]);
    expect(validate({ ...good, contained: [{ resourceType: 'Bot', id: 'patient' }] })).not.toEqual([]);
  });
});

/** The table the README gives: state → Coverage.status, inforce, outcome. */
const TABLE: [EligibilityState, boolean, Coverage['status']][] = [
  ['active', true, 'active'],
  ['temporary', true, 'active'],
  ['suspended', false, 'active'],
  ['terminated', false, 'cancelled'],
  ['expired', false, 'cancelled'],
];

describe('each state', () => {
  it.each(TABLE)('%s: inforce %s, Coverage %s, outcome complete', (state, careToday, status) => {
    const r = valid(eligibilityResponse(check({ state, careToday })));
    expect(r.outcome).toBe('complete');
    expect(r.insurance).toEqual([{ coverage: { reference: '#coverage', type: 'Coverage' }, inforce: careToday }]);
    expect(coverageOf(r)?.status).toBe(status);
    expect(r.error).toBeUndefined();
  });

  it('inforce is what the register decided about today, whatever the state', () => {
    // e.g. an active policy whose first day is tomorrow
    expect(valid(eligibilityResponse(check({ careToday: false }))).insurance?.[0]?.inforce).toBe(false);
  });

  it('unknown: outcome error with the register\'s code, no coverage, no one named', () => {
    const r = valid(eligibilityResponse(check({ state: 'unknown', careToday: false, policy: undefined })));
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual([{ code: { coding: [{ system: SYSTEMS.problem, code: 'policy-not-found', display: 'No policy found' }] } }]);
    expect(r.insurance).toBeUndefined();
    expect(r.contained).toBeUndefined();
    const unknown = { extension: [{ url: SYSTEMS.dataAbsentReason, valueCode: 'unknown' }] };
    expect(r.patient).toEqual(unknown);
    expect(r.insurer).toEqual(unknown);
    expect(r.disposition).toBe('Полис ОМС в регистре не найден.');
  });

  it('a known state without its policy is a mistake of the caller, not an answer', () => {
    expect(() => eligibilityResponse(check({ policy: undefined }))).toThrow(TypeError);
  });
});

describe('the answer', () => {
  it('is the check: id, identifier, created, purpose, status', () => {
    const r = valid(eligibilityResponse(check()));
    expect(r).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
      id: '01KAT8D4R0X1Z9E3JH2Q7M5V6B',
      identifier: [{ system: SYSTEMS.verification, value: '01KAT8D4R0X1Z9E3JH2Q7M5V6B' }],
      status: 'active',
      purpose: ['validation'],
      created: '2026-11-24T09:15:00.000Z',
    });
  });

  it('names the patient by the ЕНП alone, on a contained Patient the Coverage shares', () => {
    const r = valid(eligibilityResponse(check()));
    expect(r.patient).toEqual({ reference: '#patient', type: 'Patient' });
    expect(patientOf(r)).toEqual({ resourceType: 'Patient', id: 'patient', identifier: [{ system: SYSTEMS.enp, value: ENP }] });
    expect(coverageOf(r)).toEqual({
      resourceType: 'Coverage',
      id: 'coverage',
      identifier: [{ system: SYSTEMS.enp, value: ENP }],
      status: 'active',
      type: { coding: [{ system: SYSTEMS.policyForm, code: 'Э', display: 'электронный полис' }], text: 'ОМС' },
      beneficiary: { reference: '#patient', type: 'Patient' },
      period: { start: '2026-11-23' },
      payor: [{ type: 'Organization', identifier: { system: SYSTEMS.ogrn, value: insurer.ogrn }, display: insurer.name }],
    });
  });

  it('a policy with a last day: the period ends on it', () => {
    const r = valid(eligibilityResponse(check({ state: 'temporary', policy: { ...policy, form: 'В', validTo: '2027-01-06' } })));
    expect(coverageOf(r)?.period).toEqual({ start: '2026-11-23', end: '2027-01-06' });
    expect(coverageOf(r)?.type?.coding?.[0]?.code).toBe('В');
  });

  it('a policy whose number is not assigned yet: no Patient, a patient said to be unknown', () => {
    const r = valid(eligibilityResponse(check({ state: 'temporary', policy: { ...policy, enp: null, form: 'В' } })));
    const unknown = { extension: [{ url: SYSTEMS.dataAbsentReason, valueCode: 'unknown' }] };
    expect(patientOf(r)).toBeUndefined();
    expect(r.patient).toEqual(unknown);
    expect(coverageOf(r)?.beneficiary).toEqual(unknown);
    expect(coverageOf(r)?.identifier).toBeUndefined();
  });

  it('the insurer by its ОГРН, or by the register\'s id when the catalogue has none', () => {
    expect(valid(eligibilityResponse(check())).insurer).toEqual({ type: 'Organization', identifier: { system: SYSTEMS.ogrn, value: '1027739008440' }, display: insurer.name });
    const noOgrn = { ...policy, insurer: { id: 'sogaz-med', name: insurer.name } };
    expect(valid(eligibilityResponse(check({ policy: noOgrn }))).insurer).toEqual({ type: 'Organization', identifier: { system: SYSTEMS.insurer, value: 'sogaz-med' }, display: insurer.name });
  });

  it('answers the request by its identifier, its id, or else the check\'s id', () => {
    const byIdentifier = valid(eligibilityResponse(check({ request: { identifier: { system: 'urn:oid:1.2.643.5.1.13.13.12.2.78.8575', value: 'Q-17' } } })));
    expect(byIdentifier.request).toEqual({ type: 'CoverageEligibilityRequest', identifier: { system: 'urn:oid:1.2.643.5.1.13.13.12.2.78.8575', value: 'Q-17' } });
    const byId = valid(eligibilityResponse(check({ request: { id: 'q17' } })));
    expect(byId.request).toEqual({ type: 'CoverageEligibilityRequest', reference: 'CoverageEligibilityRequest/q17' });
    const both = valid(eligibilityResponse(check({ request: { id: 'q17', identifier: { value: 'Q-17' } } })));
    expect(both.request).toEqual({ type: 'CoverageEligibilityRequest', reference: 'CoverageEligibilityRequest/q17', identifier: { value: 'Q-17' } });
    const plain = valid(eligibilityResponse(check()));
    expect(plain.request).toEqual({ type: 'CoverageEligibilityRequest', identifier: { system: SYSTEMS.verification, value: '01KAT8D4R0X1Z9E3JH2Q7M5V6B' } });
  });

  it('the disposition: the register\'s reason, or a word per state', () => {
    expect(eligibilityResponse(check({ state: 'suspended', careToday: false })).disposition).toBe('Страхование по ОМС приостановлено.');
    expect(eligibilityResponse(check({ state: 'expired', careToday: false, reason: 'Right to stay ended on 2026-11-01.' })).disposition).toBe('Right to stay ended on 2026-11-01.');
  });
});

describe('personal data', () => {
  // A clinic's system sends the Patient as it keeps it; the answer carries the ЕНП and nothing else of the person.
  const name = { family: 'Алпатова', given: ['Валентина', 'Александровна'] };
  const passport = { system: SYSTEMS.identityDocument, type: { coding: [{ system: SYSTEMS.documentType, code: '14' }] }, value: '4512 654321' };
  const asked = {
    resourceType: 'CoverageEligibilityRequest',
    id: 'q17',
    status: 'active',
    purpose: ['validation'],
    created: '2026-11-24T09:14:00+03:00',
    contained: [
      { resourceType: 'Patient', id: 'p', identifier: [{ system: SYSTEMS.enp, value: ENP }, passport, { system: 'https://fhir.ru/ig/core/systems/snils', value: '112-233-445 95' }], name: [name], birthDate: '1999-08-09', gender: 'female' },
    ],
    patient: { reference: '#p' },
    insurer: { display: 'АО «СОГАЗ-Мед»' },
  };
  const personal = ['Алпатова', 'Валентина', 'Александровна', '1999-08-09', 'female', '4512', '654321', '112-233-445 95', '"name"', '"birthDate"', '"gender"', '"address"', '"telecom"'];

  it.each<[string, Partial<EligibilityCheck>]>([
    ['found', {}],
    ['found, number not assigned', { state: 'temporary', policy: { ...policy, enp: null, form: 'В' } }],
    ['not found', { state: 'unknown', careToday: false, policy: undefined }],
  ])('%s: none of it is in the answer', (_case, over) => {
    const { verification, request } = parseEligibilityRequest(structuredClone(asked));
    expect(verification).toEqual({ enp: ENP });
    const text = JSON.stringify(valid(eligibilityResponse(check({ request, ...over }))));
    for (const value of personal) expect(text).not.toContain(value);
    const identifiers = [...text.matchAll(/"system":"([^"]+)","value":"([^"]+)"/g)].map((m) => m[1]);
    expect(identifiers.filter((s) => s !== SYSTEMS.enp && s !== SYSTEMS.ogrn && s !== SYSTEMS.verification)).toEqual([]);
  });
});

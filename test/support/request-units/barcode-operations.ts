import { handler as rotateSigningKeys } from '#functions/signing/rotate-signing-keys.ts';
import { fixedClock } from '#shared/clock.ts';
import type { HttpResult } from '#shared/http/responses.ts';
import { shownPolicy, signedPayloadOf } from '#shared/services/barcodes/shown-policy.ts';
import type { RotationOutcome } from '#shared/services/signing/rotation.ts';
import { citizenFor, clinic, mfcOperator } from '../applications.ts';
import { context } from '../events.ts';
import { legacyPayload } from '../legacy-payload.ts';
import type { MeteredOperation, Register } from './operations.ts';

/**
 * The policy shown (barcode, extract), checked by its scanned barcode or in FHIR, and the signing
 * keys. The ring is read through its own client, kept a minute (see `measureOperations`), except by
 * the key set's route and the rotation, metered at their dearest (`signing: 'metered'`: every read
 * reaches the table).
 */
const mfc = mfcOperator('77');

async function ok(result: Promise<HttpResult>, status: number): Promise<HttpResult> {
  const r = await result;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r;
}

/** A numbered person and the 130 bytes of their policy's barcode, signed by the register (not metered). */
async function registerBarcode(r: Register, seed: number): Promise<{ enp: string; bytes: Uint8Array }> {
  const { personId, enp } = await r.numbered(seed);
  const { bytes } = await signedPayloadOf(r.deps, await shownPolicy(r.deps, mfc, personId, 'getPolicyBarcode'));
  return { enp, bytes };
}

const verify = (r: Register, body: unknown, status: number, headers?: Record<string, string>) => ok(r.http('verifyPolicy', { method: 'POST', path: '/verifications', body, headers, caller: clinic }), status);

/** A clinic's request as FHIR R4 sends it (test/e2e/policy-barcode.test.ts). */
const eligibilityRequest = (enp: string) => ({
  resourceType: 'CoverageEligibilityRequest',
  id: 'req-1',
  status: 'active',
  purpose: ['validation'],
  contained: [
    { resourceType: 'Coverage', id: 'c', status: 'active', identifier: [{ system: 'https://fhir.ru/ig/core/systems/oms', value: enp }], beneficiary: { reference: '#p' }, payor: [{ display: 'ОМС' }] },
    { resourceType: 'Patient', id: 'p' },
  ],
  patient: { reference: '#p' },
  created: '2026-11-23',
  insurer: { display: 'ОМС' },
  insurance: [{ coverage: { reference: '#c' } }],
});

/** 91 days after the first key was made (at the harness's NOW): the next one is due (90 days by default). */
const ROTATION_DUE = '2027-02-22T09:00:00Z';

const rotation = (expected: boolean) => async () => {
  const outcome = (await rotateSigningKeys({}, context)) as RotationOutcome;
  if (outcome.rotated !== expected) throw new Error(`rotated: ${outcome.rotated}`);
};

export const BARCODE_OPERATIONS: MeteredOperation[] = [
  {
    name: 'show the policy barcode, PDF417 PNG (operator)',
    of: 'getPolicyBarcode',
    budget: { readUnits: 0.5, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.numbered(50);
      return () => ok(r.http('getPolicyBarcode', { path: `/persons/${personId}/policy/barcode`, pathParameters: { personId }, queryStringParameters: { type: 'pdf417', format: 'png' }, caller: mfc }), 200);
    },
  },
  {
    name: 'show the policy barcode (its citizen)',
    of: 'getPolicyBarcode',
    budget: { readUnits: 1, writeUnits: 0 },
    prepare: async (r) => {
      const { personId } = await r.own(51);
      return () => ok(r.http('getPolicyBarcode', { path: `/persons/${personId}/policy/barcode`, pathParameters: { personId }, queryStringParameters: { type: 'qr', format: 'svg' }, caller: citizenFor(51) }), 200);
    },
  },
  {
    name: 'make the register extract (operator)',
    of: 'getPolicyExtract',
    budget: { readUnits: 0.5, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.numbered(52);
      return () => ok(r.http('getPolicyExtract', { path: `/persons/${personId}/extract.pdf`, pathParameters: { personId }, caller: mfc }), 200);
    },
  },
  {
    name: "verify by the register's barcode (clinic)",
    of: 'verifyPolicy',
    budget: { readUnits: 1, writeUnits: 4 },
    prepare: async (r) => {
      const { bytes } = await registerBarcode(r, 53);
      return () => verify(r, { barcode: Buffer.from(bytes).toString('base64') }, 200);
    },
  },
  {
    name: "verify by a paper policy's barcode (clinic)",
    of: 'verifyPolicy',
    budget: { readUnits: 1, writeUnits: 4 },
    prepare: async (r) => {
      const { personId, enp } = await r.numbered(54);
      const person = (await r.deps.store.getPerson(personId))!;
      const upper = (s: string | undefined) => s?.toUpperCase();
      const paper = legacyPayload({
        enp,
        lastName: person.lastName.toUpperCase(),
        firstName: person.firstName.toUpperCase(),
        middleName: upper(person.middleName),
        sex: person.sex,
        birthDate: person.birthDate,
        validTo: null,
        ogrn: '1027739008440',
        okato: '45000',
      });
      return () => verify(r, { barcode: Buffer.from(paper).toString('hex') }, 200);
    },
  },
  {
    name: 'verify an altered barcode (refused)',
    of: 'verifyPolicy',
    budget: { readUnits: 0, writeUnits: 2 },
    prepare: async (r) => {
      const { bytes } = await registerBarcode(r, 55);
      const altered = Uint8Array.from(bytes);
      altered[20]! ^= 0x04;
      return async () => {
        const refused = await verify(r, { barcode: Buffer.from(altered).toString('hex') }, 422);
        if (!refused.body?.includes('barcode-tampered')) throw new Error(`not refused as tampered: ${refused.body}`);
      };
    },
  },
  {
    name: 'verify a policy in FHIR (clinic)',
    of: 'verifyPolicy',
    budget: { readUnits: 1, writeUnits: 4 },
    prepare: async (r) => {
      const { enp } = await r.numbered(56);
      return () => verify(r, eligibilityRequest(enp), 200, { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' });
    },
  },
  {
    name: 'read the signing keys (JWKS)',
    of: 'getSigningKeys',
    budget: { readUnits: 0.5, writeUnits: 0 },
    signing: 'metered',
    prepare: async (r) => () => ok(r.http('getSigningKeys', { path: '/.well-known/jwks.json' }), 200),
  },
  {
    name: 'rotate the signing keys (none due)',
    of: 'signing/rotate-signing-keys',
    budget: { readUnits: 1, writeUnits: 0 },
    signing: 'metered',
    prepare: async () => rotation(false),
  },
  {
    name: 'rotate the signing keys (one due)',
    of: 'signing/rotate-signing-keys',
    budget: { readUnits: 1, writeUnits: 1 },
    signing: 'metered',
    prepare: async (r) => {
      r.deps.clock = fixedClock(ROTATION_DUE);
      return rotation(true);
    },
  },
];

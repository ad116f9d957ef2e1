import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { decodePolicyPayload } from '#shared/barcode/index.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { adultApplication, citizenFor, clinic, fundAdmin, insurer, mfcOperator, viaMfc } from '../support/applications.ts';
import { r4Validator } from '../support/fhir-r4-schema.ts';
import { scanBarcode } from '../support/scanner.ts';

/**
 * The barcode and the extract as a phone, a printer and a reception meet them, over HTTP on the
 * local register: every image read back by an independent scanner (ZXing) and compared with the
 * person; the extract drawn by poppler and its barcode read off the page; the signature checked
 * with the published key by node:crypto alone; the verification's FHIR answer against the R4 schema.
 */
let runtime: LocalRuntime;
const dir = mkdtempSync(join(tmpdir(), 'barcode-e2e-'));
beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, schedules: false });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const token = (c: Caller) => runtime.issuer.sign({ sub: c.subject, roles: c.roles, region: c.region, insurerId: c.insurerId, clinicId: c.clinicId, snils: c.snils });
async function call(path: string, as?: Caller, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${runtime.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(as ? { authorization: `Bearer ${await token(as)}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
const json = (r: { bytes: Buffer }) => JSON.parse(r.bytes.toString('utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const mfc = mfcOperator('77');
async function numberedPerson(seed: number) {
  const filed = json(await call('/applications', mfc, { method: 'POST', body: { ...viaMfc(adultApplication(seed)), insurerId: 'sogaz-med' } }));
  const personId = filed.application.personId as string;
  let enp: string | null = null;
  for (let i = 0; i < 200 && !enp; i++) {
    enp = json(await call(`/persons/${personId}/policy`, mfc)).enp;
    if (!enp) await new Promise((r) => setTimeout(r, 50));
  }
  return { personId, enp: enp!, person: json(await call(`/persons/${personId}`, mfc)) };
}

/** The signature over bytes 1-65, checked with the published key: nothing of the register's code. */
async function signedByPublishedKey(bytes: Uint8Array): Promise<boolean> {
  const { keys } = json(await call('/.well-known/jwks.json'));
  const key = keys.find((k: { kid: string }) => k.kid === String(bytes[65]));
  return Boolean(key) && verify(null, bytes.subarray(0, 65), createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' }), bytes.subarray(66));
}

describe('the policy barcode', () => {
  it('renders PDF417, QR and Code 128 as SVG and PNG; each reads back to the signed payload of the person (or the ЕНП)', async () => {
    const { personId, enp, person } = await numberedPerson(1);
    for (const type of ['pdf417', 'qr', 'code128'] as const) {
      for (const format of ['svg', 'png'] as const) {
        const image = await call(`/persons/${personId}/policy/barcode?type=${type}&format=${format}`, mfc);
        expect(image.status, `${type} ${format}`).toBe(200);
        expect(image.headers.get('content-type')).toBe(format === 'svg' ? 'image/svg+xml' : 'image/png');
        const [scanned] = await scanBarcode(format === 'svg' ? image.bytes.toString('utf8') : image.bytes, { svgZoom: 3 });
        expect(scanned, `${type} ${format} read by ZXing`).toBeDefined();
        if (type === 'code128') {
          expect(scanned!.text).toBe(enp);
          continue;
        }
        expect(scanned!.bytes).toHaveLength(130);
        expect(decodePolicyPayload(scanned!.bytes)).toMatchObject({
          structure: 2,
          enp,
          lastName: person.lastName.toUpperCase(),
          firstName: person.firstName.toUpperCase(),
          middleName: person.middleName.toUpperCase(),
          sex: person.sex,
          birthDate: person.birthDate,
          validTo: json(await call(`/persons/${personId}/policy`, mfc)).validTo,
        });
        expect(await signedByPublishedKey(scanned!.bytes)).toBe(true);
      }
    }
  }, 120_000);

  it('answers 304 to a caller holding the image, and only to the citizen, operators and insurers in scope', async () => {
    const { personId } = await numberedPerson(2);
    const path = `/persons/${personId}/policy/barcode?type=qr&format=png`;
    const first = await call(path, mfc);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect((await call(path, mfc, { headers: { 'if-none-match': first.headers.get('etag')! } })).status).toBe(304);
    expect((await call(path, insurer('sogaz-med'))).status).toBe(200);
    expect((await call(path, insurer('reso-med'))).status).toBe(404);
    expect((await call(path, citizenFor(99))).status).toBe(404);
    expect((await call(path, clinic)).status).toBe(403);
    expect((await call(path, fundAdmin)).status).toBe(403);
    expect((await call(`/persons/${personId}/policy/barcode?type=ean13`, mfc)).status).toBe(422);
  });

  it('is not given for a terminated policy, which a reception sees ended that day', async () => {
    const { personId, enp } = await numberedPerson(3);
    expect((await call(`/persons/${personId}/policy/termination`, fundAdmin, { method: 'POST', body: { reason: 'death' } })).status).toBe(200);
    const refused = await call(`/persons/${personId}/policy/barcode`, mfc);
    expect([refused.status, json(refused).code]).toEqual([409, 'policy-terminated']);
    expect((await call(`/persons/${personId}/extract.pdf`, mfc)).status).toBe(409);
    const checked = json(await call('/verifications', clinic, { method: 'POST', body: { enp } }));
    expect(checked).toMatchObject({ state: 'terminated', careToday: false, terminatedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const fhir = json(await call('/verifications', clinic, { method: 'POST', body: { enp }, headers: { accept: 'application/fhir+json' } }));
    const coverage = fhir.contained.find((r: { resourceType: string }) => r.resourceType === 'Coverage');
    expect(coverage).toMatchObject({ status: 'cancelled', period: { end: checked.terminatedOn } });
    expect(fhir.insurance[0].inforce).toBe(false);
  });
});

describe('the register extract', () => {
  it('is a PDF with the person, the policy and the insurer in Cyrillic, and the PDF417 that reads off the page', async () => {
    const { personId, enp, person } = await numberedPerson(4);
    const extract = await call(`/persons/${personId}/extract.pdf`, mfc);
    expect(extract.status).toBe(200);
    expect(extract.headers.get('content-type')).toBe('application/pdf');
    const file = join(dir, 'extract.pdf');
    writeFileSync(file, extract.bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [person.lastName, person.firstName, person.middleName, enp, 'СОГАЗ-Мед', 'г. Москва']) expect(text).toContain(expected);
    execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', file, file]);
    const [scanned] = await scanBarcode(readFileSync(`${file}.png`));
    expect(scanned?.format).toBe('PDF417');
    expect(decodePolicyPayload(scanned!.bytes)).toMatchObject({ enp, lastName: person.lastName.toUpperCase() });
    expect(await signedByPublishedKey(scanned!.bytes)).toBe(true);
    expect((await call(`/persons/${personId}/extract.pdf`, mfc, { headers: { 'if-none-match': extract.headers.get('etag')! } })).status).toBe(304);
  }, 60_000);
});

describe('verification of a scanned barcode', () => {
  const validateResponse = r4Validator('CoverageEligibilityResponse');

  it('takes the payload as read by a scanner, and answers FHIR R4 when asked', async () => {
    const { personId, enp } = await numberedPerson(5);
    const [scanned] = await scanBarcode((await call(`/persons/${personId}/policy/barcode?type=pdf417&format=png`, mfc)).bytes);
    const barcode = Buffer.from(scanned!.bytes).toString('base64');
    const plain = await call('/verifications', clinic, { method: 'POST', body: { barcode } });
    expect(json(plain)).toMatchObject({ enp, state: 'temporary', careToday: true, barcode: { structure: 2, signedBy: 'register' } });

    const fhir = await call('/verifications', clinic, { method: 'POST', body: { barcode }, headers: { accept: 'application/fhir+json' } });
    expect(fhir.headers.get('content-type')).toBe('application/fhir+json');
    const response = json(fhir);
    expect(validateResponse(response)).toEqual([]);
    expect(response).toMatchObject({ resourceType: 'CoverageEligibilityResponse', outcome: 'complete', insurance: [{ inforce: true }] });

    const altered = Buffer.from(scanned!.bytes);
    altered[20]! ^= 0x04;
    const refused = await call('/verifications', clinic, { method: 'POST', body: { barcode: altered.toString('hex') } });
    expect([refused.status, json(refused).code]).toEqual([422, 'barcode-tampered']);
  });

  it('takes a FHIR CoverageEligibilityRequest, and says in FHIR that no policy was found', async () => {
    const { enp } = await numberedPerson(6);
    const request = (number: string) => ({
      resourceType: 'CoverageEligibilityRequest',
      id: 'req-1',
      status: 'active',
      purpose: ['validation'],
      contained: [{ resourceType: 'Coverage', id: 'c', status: 'active', identifier: [{ system: 'https://fhir.ru/ig/core/systems/oms', value: number }], beneficiary: { reference: '#p' }, payor: [{ display: 'ОМС' }] }, { resourceType: 'Patient', id: 'p' }],
      patient: { reference: '#p' },
      created: '2026-11-24',
      insurer: { display: 'ОМС' },
      insurance: [{ coverage: { reference: '#c' } }],
    });
    const fhir = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };
    const found = json(await call('/verifications', clinic, { method: 'POST', body: request(enp), headers: fhir }));
    expect(validateResponse(found)).toEqual([]);
    expect(found).toMatchObject({ outcome: 'complete', request: { reference: 'CoverageEligibilityRequest/req-1' } });
    const missing = await call('/verifications', clinic, { method: 'POST', body: request('7851000840000199'), headers: fhir });
    expect(missing.status).toBe(200);
    expect(validateResponse(json(missing))).toEqual([]);
    expect(json(missing)).toMatchObject({ outcome: 'error' });
  });
});

describe('the published keys', () => {
  it('are a JSON Web Key Set for anyone, cacheable a minute', async () => {
    const keys = await call('/.well-known/jwks.json');
    expect(keys.status).toBe(200);
    expect(keys.headers.get('cache-control')).toBe('public, max-age=60');
    expect(json(keys).keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: '1', use: 'sig', alg: 'EdDSA' })]);
    expect((await call('/.well-known/jwks.json', undefined, { headers: { 'if-none-match': keys.headers.get('etag')! } })).status).toBe(304);
  });
});

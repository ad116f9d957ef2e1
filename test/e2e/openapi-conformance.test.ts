import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { routes, type OperationId } from '#shared/config/routes.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { keys } from '#shared/store/keys.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { adultApplication, citizenFor, clinic, fundAdmin, mfcOperator, viaMfc } from '../support/applications.ts';
import { declaredResponses, headersOf, undeclared } from '../support/openapi-conformance.ts';

/**
 * Every answer each route gives over HTTP, success and refusal alike (the gateway's own answers
 * included), is declared in the OpenAPI document with its media type and headers; and every
 * status the document declares for a route is one it really gives (500 aside, shown in unit tests).
 */
let mainRuntime: LocalRuntime;
let filed: { applicationId: string; personId: string; enp?: string };
const observed = new Map<OperationId, Set<number>>();
const problems: string[] = [];


interface Call {
  method?: string;
  path: string;
  body?: string | object;
  headers?: Record<string, string>;
  as?: Caller | 'none' | 'no-subject';
  /** Another running register (one started at a given time). */
  on?: LocalRuntime;
}

async function call(operationId: OperationId, c: Call): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const runtime = c.on ?? mainRuntime;
  const tokenOf = (caller: Caller) => runtime.issuer.sign({ sub: caller.subject, roles: caller.roles, region: caller.region, insurerId: caller.insurerId, clinicId: caller.clinicId, snils: caller.snils });
  const auth: Record<string, string> =
    c.as === 'none' ? {} : c.as === 'no-subject' ? { authorization: `Bearer ${await runtime.issuer.sign({ sub: '', roles: ['fund_admin'] })}` } : { authorization: `Bearer ${await tokenOf(c.as ?? fundAdmin)}` };
  const res = await fetch(`${runtime.url}${c.path}`, {
    method: c.method ?? 'GET',
    headers: { ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth, ...c.headers },
    body: c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
  });
  const text = await res.text();
  (observed.get(operationId) ?? observed.set(operationId, new Set()).get(operationId)!).add(res.status);
  for (const p of undeclared(operationId, { status: res.status, headers: headersOf(res.headers) })) problems.push(`${operationId} ${c.method ?? 'GET'} ${c.path}: ${p}`);
  // Images and PDFs are answers too: only JSON is read.
  const isJson = /json/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, body: text && isJson ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

beforeAll(async () => {
  mainRuntime = await startLocalRuntime({ port: 0, schedules: false });
  const created = await call('submitApplication', { method: 'POST', path: '/applications', body: viaMfc(adultApplication(1)), as: mfcOperator('77') });
  const application = created.body.application as { id: string; personId: string };
  filed = { applicationId: application.id, personId: application.personId };
  for (let i = 0; i < 100 && !filed.enp; i++) {
    filed.enp = (await call('getApplication', { path: `/applications/${application.id}` })).body.enp as string | undefined;
    if (!filed.enp) await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);
afterAll(() => mainRuntime?.stop());

const huge = 'x'.repeat(65 * 1024);

/** A path with its record id replaced by invalid percent-encoding. */
const badPath = (path: string) => path.replace(/[0-9A-Z]{26}/, '%E0%A4%A');

/** A citizen's own record, filed on the portal and numbered. */
async function own(seed: number) {
  const filed = await call('submitApplication', { method: 'POST', path: '/applications', body: adultApplication(seed), as: citizenFor(seed) });
  const { id, personId } = filed.body.application as { id: string; personId: string };
  for (let i = 0; i < 100 && !(await call('getApplication', { path: `/applications/${id}` })).body.enp; i++) await new Promise((r) => setTimeout(r, 100));
  return { personId, citizen: citizenFor(seed), base: `/persons/${personId}`, document: adultApplication(seed).documents[0]! };
}

describe('the OpenAPI document against the answers', () => {
  it('declares every answer of POST /applications', async () => {
    const op = 'submitApplication';
    const post = (c: Omit<Call, 'method' | 'path'>) => call(op, { method: 'POST', path: '/applications', ...c });
    const first = await post({ body: viaMfc(adultApplication(2)), as: mfcOperator('77'), headers: { 'idempotency-key': 'c-2' } });
    expect(first.status).toBe(201);
    expect((await post({ body: viaMfc(adultApplication(2)), as: mfcOperator('77'), headers: { 'idempotency-key': 'c-2' } })).status).toBe(201);
    expect((await post({ body: '{"channel":', as: mfcOperator('77') })).status).toBe(400);
    expect((await post({ body: '{"channel":"mfc","channel":"mfc"}', as: mfcOperator('77') })).status).toBe(400);
    expect((await post({ body: exampleApplication, as: mfcOperator('77'), headers: { 'content-type': 'application/json; charset=utf-16' } })).status).toBe(400);
    expect((await post({ body: exampleApplication, as: mfcOperator('77'), headers: { 'idempotency-key': 'a key with spaces' } })).status).toBe(400);
    expect((await post({ body: exampleApplication, as: 'none' })).status).toBe(401);
    expect((await post({ body: exampleApplication, as: 'no-subject' })).status).toBe(401);
    expect((await post({ body: exampleApplication, as: clinic })).status).toBe(403);
    expect((await post({ body: exampleApplication, as: { subject: 'op', roles: ['operator'] } })).status).toBe(403);
    expect((await post({ body: viaMfc(adultApplication(1)), as: mfcOperator('77', 'another') })).status).toBe(409);
    expect((await post({ body: huge, as: mfcOperator('77') })).status).toBe(413);
    expect((await post({ body: exampleApplication, as: mfcOperator('77'), headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await post({ body: { channel: 'mfc' }, as: mfcOperator('77') })).status).toBe(422);
    // Refusals about one person, from several operators, until the register waits.
    let last = 0;
    for (let i = 0; i < 6 && last !== 429; i++) last = (await post({ body: viaMfc(adultApplication(1)), as: mfcOperator('77', `prober-${i}`) })).status;
    expect(last).toBe(429);
  });

  it('declares every answer of the reads', async () => {
    const stranger = citizenFor(99);
    for (const [op, path] of [
      ['getApplication', `/applications/${filed.applicationId}`],
      ['getPerson', `/persons/${filed.personId}`],
      ['getPersonPolicy', `/persons/${filed.personId}/policy`],
      ['getPersonAudit', `/persons/${filed.personId}/audit`],
    ] as const) {
      expect((await call(op, { path })).status, op).toBe(200);
      expect((await call(op, { path: path.replace(/[0-9A-Z]{26}/, '%E0%A4%A') })).status, op).toBe(400);
      expect((await call(op, { path, as: 'none' })).status, op).toBe(401);
      expect((await call(op, { path, as: 'no-subject' })).status, op).toBe(401);
      expect((await call(op, { path, as: clinic })).status, op).toBe(403);
      expect((await call(op, { path, as: stranger })).status, op).toBe(404);
    }
    const audit = `/persons/${filed.personId}/audit`;
    expect((await call('getPersonAudit', { path: `${audit}?cursor=AUDIT%23x` })).status).toBe(400);
    expect((await call('getPersonAudit', { path: `${audit}?limit=500` })).status).toBe(422);
  });

  it('declares every answer of the care history: a report, a day\'s file, the reads', async () => {
    const created = await call('submitApplication', { method: 'POST', path: '/applications', body: { ...viaMfc(adultApplication(30)), insurerId: 'sogaz-med' }, as: mfcOperator('77') });
    const personId = (created.body.application as { personId: string }).personId;
    const base = `/persons/${personId}`;
    const sogaz: Caller = { subject: 'insurer-sogaz-med', roles: ['insurer'], insurerId: 'sogaz-med' };
    const facts = { date: '2025-01-15', clinicCode: '770101', kind: 'primary', diagnosisGroup: 'J00-J06' };
    const report = (c: Omit<Call, 'method' | 'path'> & { path?: string }) => call('recordCareEvent', { method: 'POST', path: `${base}/care-events`, body: { eventId: 'C-1', ...facts }, as: sogaz, ...c });
    expect((await report({})).status).toBe(201);
    expect((await report({})).status).toBe(200);
    expect((await report({ body: { eventId: 'C-1', ...facts, kind: 'dentistry' } })).status).toBe(409);
    expect((await report({ body: '{"eventId":' })).status).toBe(400);
    expect((await report({ path: `${base.replace(/[0-9A-Z]{26}/, '%E0%A4%A')}/care-events` })).status).toBe(400);
    expect((await report({ as: 'none' })).status).toBe(401);
    expect((await report({ as: fundAdmin })).status).toBe(403);
    expect((await report({ as: { ...sogaz, subject: 'insurer-reso-med', insurerId: 'reso-med' } })).status).toBe(404);
    expect((await report({ body: huge })).status).toBe(413);
    expect((await report({ headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await report({ body: { eventId: 'C-2', ...facts, diagnosisGroup: 'простуда' } })).body).toMatchObject({ status: 422, errors: [{ pointer: '/diagnosisGroup' }] });

    const file = (c: Omit<Call, 'method' | 'path'>) => call('recordCareEvents', { method: 'POST', path: '/care-events', body: { events: [{ personId, eventId: 'C-3', ...facts }, { personId, eventId: 'C-1', ...facts }] }, as: sogaz, ...c });
    expect((await file({})).body).toMatchObject({ created: 1, replayed: 1, refused: 0 });
    expect((await file({ body: '{"events":' })).status).toBe(400);
    expect((await file({ as: 'none' })).status).toBe(401);
    expect((await file({ as: citizenFor(30) })).status).toBe(403);
    expect((await file({ body: huge })).status).toBe(413);
    expect((await file({ headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await file({ body: { events: [] } })).status).toBe(422);

    const history = `${base}/care-history`;
    const read = (c: Omit<Call, 'path'> & { path?: string }) => call('getPersonCareHistory', { path: history, as: sogaz, ...c });
    expect((await read({})).body).toMatchObject({ items: [{ insurerEventId: 'C-3' }, { insurerEventId: 'C-1' }] });
    expect((await read({ path: history.replace(/[0-9A-Z]{26}/, '%E0%A4%A') })).status).toBe(400);
    expect((await read({ path: `${history}?cursor=CARE%23x` })).status).toBe(400);
    expect((await read({ as: 'none' })).status).toBe(401);
    expect((await read({ as: mfcOperator('77') })).status).toBe(403);
    expect((await read({ as: citizenFor(99) })).status).toBe(404);
    expect((await read({ path: `${history}?limit=500` })).status).toBe(422);
  });

  it('declares every answer of POST /verifications', async () => {
    const op = 'verifyPolicy';
    const verify = (c: Omit<Call, 'method' | 'path'>) => call(op, { method: 'POST', path: '/verifications', as: clinic, ...c });
    expect((await verify({ body: { enp: filed.enp } })).status).toBe(200);
    expect((await verify({ body: { enp: filed.enp }, headers: { accept: 'application/fhir+json' } })).body).toMatchObject({ resourceType: 'CoverageEligibilityResponse' });
    expect((await verify({ body: { barcode: 'AAAA' } })).body).toMatchObject({ status: 422, errors: [{ pointer: '/barcode', code: 'wrong-length' }] });
    expect((await verify({ body: '{"enp":' })).status).toBe(400);
    expect((await verify({ body: { enp: filed.enp }, as: 'none' })).status).toBe(401);
    expect((await verify({ body: { enp: filed.enp }, as: 'no-subject' })).status).toBe(401);
    expect((await verify({ body: { enp: filed.enp }, as: fundAdmin })).status).toBe(403);
    expect((await verify({ body: huge })).status).toBe(413);
    expect((await verify({ body: { enp: filed.enp }, headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await verify({ body: { enp: '123' } })).status).toBe(422);
    const guesser: Caller = { ...clinic, subject: 'guesser', clinicId: 'clinic-guessing' };
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await verify({ body: { enp: '7851000840000199' }, as: guesser })).status;
    expect(last).toBe(429);
    expect(observed.get(op)).toContain(404);
  });

  it('declares every answer of the policy\'s life: account, history, changes, the PIN', async () => {
    const mfc = mfcOperator('77');
    const [a, b, c, d] = [await own(40), await own(41), await own(42), await own(43)];
    const stranger = citizenFor(99);

    const reads = [
      ['getPersonAccount', `${a.base}/account`],
      ['getPersonHistory', `${a.base}/history`],
    ] as const;
    for (const [op, path] of reads) {
      expect((await call(op, { path, as: a.citizen })).status, op).toBe(200);
      expect((await call(op, { path: badPath(path), as: a.citizen })).status, op).toBe(400);
      expect((await call(op, { path, as: 'none' })).status, op).toBe(401);
      expect((await call(op, { path, as: clinic })).status, op).toBe(403);
      expect((await call(op, { path, as: stranger })).status, op).toBe(404);
    }
    expect((await call('getPersonHistory', { path: `${a.base}/history?cursor=EVENT%23x`, as: a.citizen })).status).toBe(400);
    expect((await call('getPersonHistory', { path: `${a.base}/history?limit=500`, as: a.citizen })).status).toBe(422);

    // The bodies of the changes: each answer of the body itself, then the rules.
    const withBody = [
      ['suspendPolicy', `${b.base}/policy/suspension`, { reason: 'military_service' }],
      ['terminatePolicy', `${c.base}/policy/termination`, { reason: 'citizenship_lost' }],
      ['changeRegion', `${d.base}/region`, { region: '78' }],
    ] as const;
    for (const [op, path, body] of withBody) {
      const as = op === 'terminatePolicy' ? mfc : citizenFor(41);
      expect((await call(op, { method: 'POST', path, body: '{"reason":', as })).status, op).toBe(400);
      expect((await call(op, { method: 'POST', path: badPath(path), body, as })).status, op).toBe(400);
      expect((await call(op, { method: 'POST', path, body, as: 'none' })).status, op).toBe(401);
      expect((await call(op, { method: 'POST', path, body, as: clinic })).status, op).toBe(403);
      expect((await call(op, { method: 'POST', path, body, as: op === 'terminatePolicy' ? mfcOperator('50') : stranger })).status, op).toBe(404);
      expect((await call(op, { method: 'POST', path, body: huge, as })).status, op).toBe(413);
      expect((await call(op, { method: 'POST', path, body, as, headers: { 'content-type': 'text/plain' } })).status, op).toBe(415);
      expect((await call(op, { method: 'POST', path, body: { reason: 'boredom', region: '00' }, as })).status, op).toBe(422);
    }
    const suspend = (body: object) => call('suspendPolicy', { method: 'POST', path: `${b.base}/policy/suspension`, body, as: b.citizen });
    expect((await suspend({ reason: 'military_service', endsOn: '2020-01-01' })).status).toBe(422);
    expect((await suspend({ reason: 'military_service' })).status).toBe(200);
    expect((await suspend({ reason: 'military_service' })).status).toBe(409);
    expect((await call('changeRegion', { method: 'POST', path: `${b.base}/region`, body: { region: '78' }, as: b.citizen })).status).toBe(409);
    expect((await call('changeRegion', { method: 'POST', path: `${d.base}/region`, body: { region: '77' }, as: d.citizen })).status).toBe(422);
    expect((await call('changeRegion', { method: 'POST', path: `${d.base}/region`, body: { region: '78' }, as: d.citizen })).status).toBe(200);
    const terminate = () => call('terminatePolicy', { method: 'POST', path: `${c.base}/policy/termination`, body: { reason: 'death' }, as: mfc });
    expect((await terminate()).status).toBe(200);
    expect((await terminate()).status).toBe(409);

    const resume = (path: string, as: Call['as']) => call('resumePolicy', { method: 'DELETE', path, as });
    const suspended = `${b.base}/policy/suspension`;
    expect((await resume(badPath(suspended), b.citizen)).status).toBe(400);
    expect((await resume(suspended, 'none')).status).toBe(401);
    expect((await resume(suspended, clinic)).status).toBe(403);
    expect((await resume(suspended, stranger)).status).toBe(404);
    expect((await resume(suspended, b.citizen)).status).toBe(200);
    expect((await resume(suspended, b.citizen)).status).toBe(409);

    // The PIN: before the e-policy there is none; the conversion job, run as on the conversion day, brings it.
    const pin = (op: 'issuePin' | 'showPin' | 'checkPin', path: string, as: Call['as'], body?: object | string) => call(op, { method: 'POST', path, as, body: body ?? (op === 'issuePin' ? { document: a.document } : undefined) });
    expect((await pin('issuePin', `${a.base}/pin`, mfc)).status).toBe(409);
    expect((await pin('showPin', `${a.base}/pin/reveal`, a.citizen)).status).toBe(404);
    await mainRuntime.runJob('convert-temporary-policies', { now: new Date(Date.now() + 31 * 86_400_000) });
    expect((await pin('checkPin', `${a.base}/pin/check`, a.citizen, { pin: '000000' })).status).toBe(409);
    for (const op of ['issuePin', 'showPin'] as const) {
      const path = op === 'issuePin' ? `${a.base}/pin` : `${a.base}/pin/reveal`;
      expect((await pin(op, badPath(path), mfc)).status, op).toBe(400);
      expect((await pin(op, path, 'none')).status, op).toBe(401);
      expect((await pin(op, path, clinic)).status, op).toBe(403);
      expect((await pin(op, path, mfcOperator('50'))).status, op).toBe(404);
    }
    const shown = await pin('showPin', `${a.base}/pin/reveal`, a.citizen);
    expect(shown.status).toBe(200);
    expect((await pin('showPin', `${a.base}/pin/reveal`, a.citizen)).status).toBe(410);
        const check = (body: object | string, as: Call['as'] = a.citizen, headers?: Record<string, string>) => call('checkPin', { method: 'POST', path: `${a.base}/pin/check`, as, body, headers });
    const issue = (body: object | string, headers?: Record<string, string>) => call('issuePin', { method: 'POST', path: `${a.base}/pin`, as: mfc, body, headers });
    expect((await issue('{"document":')).status).toBe(400);
    expect((await issue(huge)).status).toBe(413);
    expect((await issue({ document: a.document }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await issue({ document: { type: 14 } })).status).toBe(422);
    expect((await issue({ document: b.document })).status).toBe(422);
    const issued = await pin('issuePin', `${a.base}/pin`, mfc);
    expect((await check({ pin: issued.body.pin as string })).status).toBe(200);
    expect((await check('{"pin":')).status).toBe(400);
    expect((await call('checkPin', { method: 'POST', path: badPath(`${a.base}/pin/check`), as: a.citizen, body: { pin: '1' } })).status).toBe(400);
    expect((await check({ pin: '1' }, 'none')).status).toBe(401);
    expect((await check({ pin: '1' }, mfc)).status).toBe(403);
    expect((await check({ pin: '1' }, stranger)).status).toBe(404);
    expect((await check(huge)).status).toBe(413);
    expect((await check({ pin: '1' }, a.citizen, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await check({ pin: 1 })).status).toBe(422);
    let last = 0;
    for (let i = 0; i < 6 && last !== 423; i++) last = (await check({ pin: 'wrong' })).status;
    expect(last).toBe(423);
  }, 120_000);

  it('declares every answer of the choices of insurer, clinic and doctor', async () => {
    // A register whose clock starts in March, when a change of insurer at will is still taken this year.
    const on = await startLocalRuntime({ port: 0, schedules: false, now: new Date('2027-03-01T09:00:00Z') });
    try {
      const mfc = mfcOperator('77');
      const person = async (seed: number) => {
        const created = await call('submitApplication', { on, method: 'POST', path: '/applications', body: { ...viaMfc(adultApplication(seed)), insurerId: 'sogaz-med' }, as: mfc });
        return `/persons/${(created.body.application as { personId: string }).personId}`;
      };
      const [x, y] = [await person(60), await person(61)];
      const stranger = citizenFor(99);
      const bodies = { chooseInsurer: ['insurer', { insurerId: 'reso-med' }], chooseClinic: ['clinic', { clinicCode: '770101' }], chooseDoctor: ['doctor', { doctorCode: '770101-01' }] } as const;
      for (const [op, [leaf, body]] of Object.entries(bodies) as [keyof typeof bodies, (typeof bodies)[keyof typeof bodies]][]) {
        const path = `${x}/${leaf}`;
        const send = (c: Omit<Call, 'path' | 'on'> & { path?: string }) => call(op, { on, method: 'POST', path, body, as: mfc, ...c });
        expect((await send({ body: '{"x":' })).status, op).toBe(400);
        expect((await send({ path: path.replace(/[0-9A-Z]{26}/, '%E0%A4%A') })).status, op).toBe(400);
        expect((await send({ as: 'none' })).status, op).toBe(401);
        expect((await send({ as: clinic })).status, op).toBe(403);
        expect((await send({ as: stranger })).status, op).toBe(404);
        expect((await send({ body: huge })).status, op).toBe(413);
        expect((await send({ headers: { 'content-type': 'text/plain' } })).status, op).toBe(415);
      }
      const choose = (op: keyof typeof bodies, base: string, body: object) => call(op, { on, method: 'POST', path: `${base}/${bodies[op][0]}`, body, as: mfc });
      expect((await choose('chooseInsurer', x, { insurerId: 'no-such-insurer' })).status).toBe(422);
      expect((await choose('chooseInsurer', x, { insurerId: 'reso-med' })).status).toBe(200);
      expect((await choose('chooseInsurer', x, { insurerId: 'kapital-ms' })).status).toBe(409);
      expect((await choose('chooseDoctor', x, { doctorCode: '770101-01' })).status).toBe(409);
      expect((await choose('chooseClinic', x, { clinicCode: '770102' })).status).toBe(422);
      expect((await choose('chooseClinic', x, { clinicCode: '770101' })).status).toBe(200);
      expect((await choose('chooseClinic', x, { clinicCode: '770101' })).status).toBe(409);
      expect((await choose('chooseDoctor', x, { doctorCode: '770102-01' })).status).toBe(422);
      expect((await choose('chooseDoctor', x, { doctorCode: '770101-01' })).status).toBe(200);
      expect((await choose('chooseDoctor', y, { doctorCode: '770101-01' })).status).toBe(409);
      const account = await call('getPersonAccount', { on, path: `${x}/account`, as: mfc });
      expect(account.body).toMatchObject({ insurer: { id: 'reso-med' }, clinic: { code: '770101' }, doctor: { code: '770101-01' }, limits: { year: 2027, insurer: { used: 1, left: 0 } } });
    } finally {
      await on.stop();
    }
  }, 120_000);
  it('declares every answer of the catalogues and the calendar: reads, conditional reads, changes and their refusals', async () => {
    const noScope: Caller = { subject: 'clinic-x', roles: ['clinic'] };
    const reads: [OperationId, string, string][] = [
      ['getInsurers', '/catalogues/insurers?region=77', '/catalogues/insurers?region=77&version=999'],
      ['getClinics', '/catalogues/clinics?region=77', '/catalogues/clinics?region=01'],
      ['getClinicDoctors', '/catalogues/clinics/770101/doctors', '/catalogues/clinics/010101/doctors'],
      ['getFreeCare', '/catalogues/free-care?region=77', '/catalogues/free-care?version=999'],
      ['getRegionalCare', '/catalogues/regional-care?region=77', '/catalogues/regional-care?region=50'],
      ['getCalendarYear', '/calendar/2026', '/calendar/2031'],
    ];
    for (const [op, path, missing] of reads) {
      const read = await call(op, { path, as: citizenFor(5) });
      expect(read.status, op).toBe(200);
      const etag = read.headers.get('etag')!;
      expect((await call(op, { path, headers: { 'if-none-match': etag } })).status, op).toBe(304);
      expect((await call(op, { path, as: 'none' })).status, op).toBe(401);
      expect((await call(op, { path, as: 'no-subject' })).status, op).toBe(401);
      expect((await call(op, { path, as: noScope })).status, op).toBe(403);
      expect((await call(op, { path: missing })).status, op).toBe(404);
      const invalid = path.includes('?') ? path.replace(/region=77|$/, 'region=99') : `${path}?version=x`;
      expect((await call(op, { path: invalid })).status, `${op} ${invalid}`).toBe(422);
    }
    expect((await call('getFreeCare', { path: '/catalogues/free-care?regionalVersion=1' })).status).toBe(422);
    for (const [op, path] of [['getClinicDoctors', '/catalogues/clinics/%E0%A4%A/doctors'], ['getCalendarYear', '/calendar/%E0%A4%A']] as const) expect((await call(op, { path })).status, op).toBe(400);

    // Changes. A catalogue with no version yet answers its first with 201: a region the seed has no
    // clinics or changes of its own for, a year without a file, the doctors of a clinic just added;
    // and (their seed version taken out of the table here) a region's insurers and the federal list.
    const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: mainRuntime.resources.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
    for (const [kind, scope] of [['insurers', '01'], ['free-care', 'RU']]) {
      await table.send(new DeleteCommand({ TableName: mainRuntime.resources.tableName, Key: keys.catalogueVersion(kind!, scope!, 1) }));
    }
    const seeded = (kind: string, scope: string) => seedDocuments().find((d) => d.kind === kind && d.scope === scope)!.data;
    const clinics01 = { clinics: [{ code: '010101', name: 'ГБУЗ РА «Майкопская городская поликлиника № 1»', shortName: 'МГП № 1', address: 'г. Майкоп', attaches: ['therapist'] }] };
    const changes: { op: OperationId; path: string; body: object; first: string; bad: object; bigger: number; missing?: string }[] = [
      { op: 'putInsurers', path: '/catalogues/insurers?region=77', body: seeded('insurers', '77'), first: '/catalogues/insurers?region=01', bad: { insurers: [] }, bigger: 200 },
      { op: 'putClinics', path: '/catalogues/clinics?region=77', body: seeded('clinics', '77'), first: '/catalogues/clinics?region=01', bad: { clinics: [{ code: '500101' }] }, bigger: 200 },
      { op: 'putClinicDoctors', path: '/catalogues/clinics/770101/doctors', body: seeded('doctors', '770101'), first: '/catalogues/clinics/010101/doctors', bad: { doctors: [{ code: 'x', name: 'Иванова Анна', specialty: 'dentist' }] }, bigger: 200, missing: '/catalogues/clinics/779999/doctors' },
      { op: 'putFreeCare', path: '/catalogues/free-care', body: seeded('free-care', 'RU'), first: '/catalogues/free-care', bad: { care: ['a', 'a'] }, bigger: 200 },
      { op: 'putRegionalCare', path: '/catalogues/regional-care?region=77', body: seeded('regional-care', '77'), first: '/catalogues/regional-care?region=50', bad: { add: [], remove: [''] }, bigger: 200 },
      { op: 'putCalendarYear', path: '/calendar/2026', body: seeded('calendar', '2026'), first: '/calendar/2028', bad: { year: 2025, nonWorkingDays: [] }, bigger: 64, missing: '/calendar/1999' },
    ];
    for (const c of changes) {
      const put = (over: Partial<Call> = {}) => call(c.op, { method: 'PUT', path: c.path, body: c.body, ...over });
      const firstBody =
        {
          putClinics: clinics01,
          putClinicDoctors: { doctors: [{ code: '010101-01', name: 'Хуажева Саида Аслановна', specialty: 'therapist' }] },
          putCalendarYear: { year: 2028, nonWorkingDays: ['2028-01-03'] },
          putInsurers: seeded('insurers', '01'),
        }[c.op as string] ?? c.body;
      expect((await put({ path: c.first, body: firstBody })).status, c.op).toBe(201);
      const written = await put();
      expect(written.status, c.op).toBe(200);
      expect((await put({ headers: { 'if-match': `"${written.body.version}"` } })).status, c.op).toBe(200);
      expect((await put({ headers: { 'if-match': `"${written.body.version}"` } })).status, c.op).toBe(412);
      expect((await put({ body: '{"data":' })).status, c.op).toBe(400);
      expect((await put({ as: 'none' })).status, c.op).toBe(401);
      expect((await put({ as: 'no-subject' })).status, c.op).toBe(401);
      expect((await put({ as: clinic })).status, c.op).toBe(403);
      expect((await put({ body: 'x'.repeat(c.bigger * 1024 + 1) })).status, c.op).toBe(413);
      expect((await put({ headers: { 'content-type': 'text/plain' } })).status, c.op).toBe(415);
      expect((await put({ body: c.bad })).status, c.op).toBe(422);
      if (c.missing) {
        expect((await put({ path: c.missing })).status, c.op).toBe(404);
        expect((await put({ path: c.path.replace(/770101|2026/, '%E0%A4%A') })).status, c.op).toBe(400);
      }
      // Changes racing each other without If-Match: each writes a version of its own, or is told to read again.
      let statuses: number[] = [];
      for (let burst = 0; burst < 5 && !statuses.includes(409); burst++) statuses = (await Promise.all(Array.from({ length: 20 }, () => put()))).map((r) => r.status);
      expect(new Set(statuses), c.op).toEqual(new Set([200, 409]));
    }
  }, 180_000);

  it('declares every answer of the barcode, the extract and the published keys', async () => {
    // First with no signing key at all (the deploy step not yet run): the ring taken out of the table.
    const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: mainRuntime.resources.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
    const { Items = [] } = await table.send(new QueryCommand({ TableName: mainRuntime.resources.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.signingKeys } }));
    for (const item of Items) await table.send(new DeleteCommand({ TableName: mainRuntime.resources.tableName, Key: { pk: item.pk, sk: item.sk } }));
    const mfc = mfcOperator('77');
    const shown = [
      ['getPolicyBarcode', `/persons/${filed.personId}/policy/barcode`],
      ['getPolicyExtract', `/persons/${filed.personId}/extract.pdf`],
    ] as const;
    for (const [op, path] of shown) expect((await call(op, { path, as: mfc })).status, op).toBe(503);
    await mainRuntime.runJob('rotate-signing-keys');
    for (const [op, path] of shown) {
      const first = await call(op, { path, as: mfc });
      expect(first.status, op).toBe(200);
      expect((await call(op, { path, as: mfc, headers: { 'if-none-match': first.headers.get('etag')! } })).status, op).toBe(304);
      expect((await call(op, { path: path.replace(/[0-9A-Z]{26}/, '%E0%A4%A'), as: mfc })).status, op).toBe(400);
      expect((await call(op, { path, as: 'none' })).status, op).toBe(401);
      expect((await call(op, { path, as: clinic })).status, op).toBe(403);
      expect((await call(op, { path, as: citizenFor(98) })).status, op).toBe(404);
    }
    expect((await call('getPolicyBarcode', { path: `${shown[0][1]}?type=ean13`, as: mfc })).status).toBe(422);
    expect((await call('getPolicyBarcode', { path: `${shown[0][1]}?format=png&type=code128`, as: mfc })).status).toBe(200);
    // Nothing to show once the policy is terminated.
    const terminated = `/persons/${filed.personId}`;
    expect((await call('terminatePolicy', { method: 'POST', path: `${terminated}/policy/termination`, body: { reason: 'death' } })).status).toBe(200);
    for (const [op, path] of shown) expect((await call(op, { path, as: mfc })).status, op).toBe(409);

    const keysRead = await call('getSigningKeys', { path: '/.well-known/jwks.json', as: 'none' });
    expect(keysRead.status).toBe(200);
    expect((await call('getSigningKeys', { path: '/.well-known/jwks.json', as: 'none', headers: { 'if-none-match': keysRead.headers.get('etag')! } })).status).toBe(304);
  });

  it('declares every answer of the unmatched civil-registry events', async () => {
    const path = '/registry/unmatched';
    expect((await call('getUnmatchedRegistryEvents', { path })).status).toBe(200);
    expect((await call('getUnmatchedRegistryEvents', { path: `${path}?cursor=not-a-cursor` })).status).toBe(400);
    expect((await call('getUnmatchedRegistryEvents', { path, as: 'none' })).status).toBe(401);
    expect((await call('getUnmatchedRegistryEvents', { path, as: clinic })).status).toBe(403);
    expect((await call('getUnmatchedRegistryEvents', { path: `${path}?limit=0` })).status).toBe(422);

    // An event naming two people (one's ЕНП, the other's SNILS), kept for the fund at once through the queue.
    const [a, b] = [await own(80), await own(81)];
    const enp = (await call('getPerson', { path: a.base })).body.enp as string;
    const sqs = new SQSClient({ endpoint: mainRuntime.resources.sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const kept = { eventId: 'CONF-1', kind: 'personal-data-changed', registeredOn: '2025-12-29', person: { enp, snils: adultApplication(81).person.snils }, lastName: 'Сидорова' };
    await sqs.send(new SendMessageCommand({ QueueUrl: mainRuntime.resources.queueUrls['registry-events'], MessageBody: JSON.stringify(kept) }));
    sqs.destroy();
    for (let i = 0; i < 100 && !((await call('getUnmatchedRegistryEvents', { path })).body.items as unknown[]).length; i++) await new Promise((r) => setTimeout(r, 100));
    const resolve = (body: object | string, c: Omit<Call, 'method' | 'path' | 'body'> = {}, eventId = 'CONF-1') =>
      call('resolveUnmatchedRegistryEvent', { method: 'POST', path: `/registry/unmatched/${eventId}/resolution`, body, ...c });
    const dead = (await call('submitApplication', { method: 'POST', path: '/applications', body: viaMfc(adultApplication(82)), as: mfcOperator('77') })).body.application as { personId: string };
    expect((await call('terminatePolicy', { method: 'POST', path: `/persons/${dead.personId}/policy/termination`, body: { reason: 'death' } })).status).toBe(200);
    expect((await resolve({ action: 'apply', personId: dead.personId })).body).toMatchObject({ status: 409, code: 'policy-terminated' });
    expect((await resolve({ action: 'apply', personId: '01KAT8D4R0X1Z9E3JH2Q7M5V6B' })).body).toMatchObject({ status: 422, errors: [{ pointer: '/personId', code: 'unknown-person' }] });
    expect((await resolve('{"action":')).status).toBe(400);
    expect((await resolve({ action: 'dismiss', reason: 'duplicate' }, { as: 'none' })).status).toBe(401);
    expect((await resolve({ action: 'dismiss', reason: 'duplicate' }, { as: clinic })).status).toBe(403);
    expect((await resolve({ action: 'dismiss', reason: 'duplicate' }, {}, 'NO-SUCH')).status).toBe(404);
    expect((await resolve(huge)).status).toBe(413);
    expect((await resolve({ action: 'dismiss', reason: 'duplicate' }, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await resolve({ action: 'apply', personId: b.personId })).body).toMatchObject({ eventId: 'CONF-1', outcome: 'applied', personId: b.personId });
    expect((await call('getPerson', { path: b.base, as: b.citizen })).body.lastName).toBe('Сидорова');
  });
  it('declares every answer of PATCH /persons/{personId}', async () => {
    const mfc = mfcOperator('77');
    const [a, b] = [await own(70), await own(71)];
    const patch = (body: object | string, as: Call['as'] = a.citizen, headers?: Record<string, string>, path = a.base) => call('changePerson', { method: 'PATCH', path, body, as, headers });
    const address = { address: { region: '77', locality: 'Москва', street: 'Тверская', house: '7' } };
    // Before the e-policy the person has no PIN to confirm a change with.
    expect((await patch({ pin: '000000', ...address })).status).toBe(404);
    await mainRuntime.runJob('convert-temporary-policies', { now: new Date(Date.now() + 31 * 86_400_000) });
    const pin = (await call('showPin', { method: 'POST', path: `${a.base}/pin/reveal`, as: a.citizen })).body.pin as string;

    expect((await patch({ pin, ...address }, a.citizen, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    expect((await patch({ lastName: 'Петров', nameChangeBasis: { kind: 'marriage', series: 'II-МЮ', number: '123456', issuedOn: '2026-01-10' } }, mfc)).body).toMatchObject({ lastName: 'Петров' });
    expect((await patch('{"pin":')).status).toBe(400);
    expect((await patch(address, a.citizen, undefined, badPath(a.base))).status).toBe(400);
    expect((await patch(address, 'none')).status).toBe(401);
    expect((await patch(address, clinic)).status).toBe(403);
    expect((await patch({ pin, birthDate: '1990-01-01' })).body).toMatchObject({ status: 403, code: 'office-only' });
    expect((await patch({ pin, ...address }, citizenFor(99))).status).toBe(404);
    expect((await patch(huge)).status).toBe(413);
    expect((await patch({ pin, ...address }, a.citizen, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await patch({ pin, nickname: 'x' })).body).toMatchObject({ status: 422, errors: [{ pointer: '/nickname', code: 'unknown-field' }] });
    // Another person's passport: refused, and counted, until the register waits.
    const theirs = { document: adultApplication(71).documents[0] };
    expect((await patch(theirs, mfc)).body).toMatchObject({ status: 409, code: 'document-registered' });
    let last = 0;
    for (let i = 0; i < 6 && last !== 429; i++) last = (await patch(theirs, mfcOperator('77', `prober-${i}`))).status;
    expect(last).toBe(429);
    // Wrong PINs lock the PIN, a right one too.
    for (let i = 0; i < 6 && last !== 423; i++) last = (await patch({ pin: pin === '000000' ? '000001' : '000000', ...address })).status;
    expect(last).toBe(423);
    expect((await patch({ pin, contact: null })).status).toBe(423);
    expect((await patch({ pin, ...address }, b.citizen, undefined, b.base)).status).toBe(409);
  }, 120_000);
  it('declares every answer of the complaints: filing, the lists, the insurer\'s changes and the fund\'s counts', async () => {
    const mfc = mfcOperator('77');
    const owner = citizenFor(60);
    const created = await call('submitApplication', { method: 'POST', path: '/applications', body: adultApplication(60), as: owner });
    const { personId } = created.body.application as { personId: string };
    const base = `/persons/${personId}/complaints`;
    const insurerId = (await call('getPerson', { path: `/persons/${personId}` })).body.insurerId as string;
    const theInsurer: Caller = { subject: `insurer-${insurerId}`, roles: ['insurer'], insurerId };
    const body = { kind: 'charged_for_free_care', clinicCode: '770101', incidentOn: '2026-01-15', text: 'Взяли плату за анализы по полису ОМС.' };
    const file = (c: Omit<Call, 'method' | 'path'>, path = base) => call('fileComplaint', { method: 'POST', path, as: owner, ...c, headers: { 'idempotency-key': 'conf-1', ...c.headers } });
    const first = await file({ body });
    expect(first.status).toBe(201);
    expect((await file({ body })).headers.get('idempotent-replayed')).toBe('true');
    expect((await file({ body: '{"kind":' })).status).toBe(400);
    expect((await file({ body, headers: { 'idempotency-key': 'a key with spaces' } })).status).toBe(400);
    expect((await file({ body }, base.replace(/[0-9A-Z]{26}/, '%E0%A4%A'))).status).toBe(400);
    expect((await file({ body, as: 'none' })).status).toBe(401);
    expect((await file({ body, as: theInsurer })).status).toBe(403);
    expect((await file({ body, as: citizenFor(99) })).status).toBe(404);
    expect((await file({ body: huge })).status).toBe(413);
    expect((await file({ body, headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await file({ body: { ...body, incidentOn: '2099-01-01' }, headers: { 'idempotency-key': 'conf-2' } })).body).toMatchObject({ status: 422, errors: [{ pointer: '/incidentOn', code: 'in-future' }] });
    expect((await file({ body: { ...body, kind: 'other' } })).body).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    const ended = await call('submitApplication', { method: 'POST', path: '/applications', body: viaMfc(adultApplication(61)), as: mfc });
    const endedId = (ended.body.application as { personId: string }).personId;
    expect((await call('terminatePolicy', { method: 'POST', path: `/persons/${endedId}/policy/termination`, body: { reason: 'death' }, as: mfc })).status).toBe(200);
    expect((await file({ body, as: mfc }, `/persons/${endedId}/complaints`)).body).toMatchObject({ status: 409, code: 'policy-terminated' });

    for (const path of [base, `${base}?limit=1`]) expect((await call('listPersonComplaints', { path, as: owner })).status).toBe(200);
    expect((await call('listPersonComplaints', { path: `${base}?cursor=COMPLAINT%23x`, as: owner })).status).toBe(400);
    expect((await call('listPersonComplaints', { path: base, as: 'none' })).status).toBe(401);
    expect((await call('listPersonComplaints', { path: base, as: mfc })).status).toBe(403);
    expect((await call('listPersonComplaints', { path: base, as: citizenFor(99) })).status).toBe(404);
    expect((await call('listPersonComplaints', { path: `${base}?limit=500`, as: owner })).status).toBe(422);

    const one = `${base}/${first.body.complaintId as string}`;
    const change = (c: Omit<Call, 'method' | 'path'>, path = one) => call('changeComplaint', { method: 'PATCH', path, as: theInsurer, ...c });
    expect((await change({ body: { status: 'in_progress' } })).body).toMatchObject({ status: 'in_progress', version: 2 });
    expect((await change({ body: { status: 'in_progress' } })).body).toMatchObject({ status: 409, code: 'complaint-in-progress' });
    expect((await change({ body: '{"status":' })).status).toBe(400);
    expect((await change({ body: { status: 'in_progress' } }, one.replace(/[0-9A-Z]{26}$/, '%E0%A4%A'))).status).toBe(400);
    expect((await change({ body: { status: 'in_progress' }, as: 'none' })).status).toBe(401);
    expect((await change({ body: { status: 'in_progress' }, as: owner })).status).toBe(403);
    expect((await change({ body: { status: 'in_progress' }, as: { subject: 'other-insurer', roles: ['insurer'], insurerId: 'no-such-insurer' } })).status).toBe(404);
    expect((await change({ body: huge })).status).toBe(413);
    expect((await change({ body: { status: 'in_progress' }, headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await change({ body: { status: 'answered' } })).status).toBe(422);

    const open = await call('listOpenComplaints', { path: '/complaints?status=open&limit=1', as: theInsurer });
    expect(open.status).toBe(200);
    expect((await call('listOpenComplaints', { path: '/complaints?cursor=x', as: theInsurer })).status).toBe(400);
    expect((await call('listOpenComplaints', { path: '/complaints', as: 'none' })).status).toBe(401);
    expect((await call('listOpenComplaints', { path: '/complaints', as: fundAdmin })).status).toBe(403);
    expect((await call('listOpenComplaints', { path: '/complaints?status=closed', as: theInsurer })).status).toBe(422);
    expect((await change({ body: { status: 'forwarded', forwardedTo: 'territorial_fund', answer: 'Передано в ТФОМС.' } })).body).toMatchObject({ status: 'forwarded' });

    const counts = await call('getComplaintCounts', { path: '/complaints/overdue' });
    expect(counts.body).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ insurerId, region: '77', overdue: 0 })]) });
    expect((await call('getComplaintCounts', { path: '/complaints/overdue', as: 'none' })).status).toBe(401);
    expect((await call('getComplaintCounts', { path: '/complaints/overdue', as: theInsurer })).status).toBe(403);
  });

  it('declares the OpenAPI route itself, and the gateway\'s own 413 over 10 MB', async () => {
    expect((await call('getOpenApiDocument', { path: '/openapi.json', as: 'none' })).status).toBe(200);
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024 + 1);
    expect((await call('submitApplication', { method: 'POST', path: '/applications', body: tenMegabytes, as: mfcOperator('77') })).status).toBe(413);
  });

  it('found nothing undeclared, and every declared status is given by its route', () => {
    expect(problems).toEqual([]);
    for (const route of routes) {
      const op = route.operationId as OperationId;
      const declared = Object.keys(declaredResponses(op)).map(Number).filter((s) => s !== 500).sort();
      expect({ op, statuses: [...(observed.get(op) ?? [])].sort() }).toEqual({ op, statuses: declared });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { CHOICE_SETTINGS } from '#shared/config/settings.ts';
import { localDate } from '#shared/domain/local-date.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { routes, type OperationId } from '#shared/config/routes.ts';
import { DevIssuer } from '#infra/local/dev-issuer.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { adultApplication, childApplication, citizenFor, clinic, fundAdmin, insurer, insurerOffice, mfcOperator, viaMfc } from '../support/applications.ts';

/**
 * Every declared route called as every kind of caller, over HTTP on the local runtime, where
 * tokens are checked the way API Gateway checks them and roles the way the handlers do.
 */
let runtime: LocalRuntime;
let person: { personId: string; applicationId: string };
/** A complaint of person A, routed to sogaz-med: its insurer takes it in hand. */
let complaintId: string;

const callers = {
  'citizen (owner)': citizenFor(1),
  'citizen (someone else)': citizenFor(2),
  'operator (MFC, same region)': mfcOperator('77'),
  'operator (MFC, other region)': mfcOperator('50'),
  'operator (insurer office of the person)': insurerOffice('sogaz-med'),
  'insurer (of the person)': insurer('sogaz-med'),
  'insurer (another)': insurer('reso-med'),
  clinic,
  fund_admin: fundAdmin,
} satisfies Record<string, Caller>;
type Who = keyof typeof callers;

/**
 * A change of insurer at will is taken until 1 November in the region: after it, those who may ask
 * are refused by the rule (409 `deadline-passed`), not by their role. The register runs at real time.
 */
const INSURER_AT_WILL = localDate(new Date(), 'Europe/Moscow').slice(5) <= CHOICE_SETTINGS.read({}).insurerChangeLastDay ? 200 : 409;

/** Expected status per route and caller: 404 where the record exists but is not the caller's to see. */
const expected: Record<OperationId, Record<Who, number>> = {
  submitApplication: {
    'citizen (owner)': 201, // for a child: it already has its own record
    'citizen (someone else)': 201,
    'operator (MFC, same region)': 201,
    'operator (MFC, other region)': 201,
    'operator (insurer office of the person)': 201,
    'insurer (of the person)': 403,
    'insurer (another)': 403,
    clinic: 403,
    fund_admin: 403,
  },
  getApplication: {
    'citizen (owner)': 200,
    'citizen (someone else)': 404,
    'operator (MFC, same region)': 200,
    'operator (MFC, other region)': 404,
    'operator (insurer office of the person)': 200,
    'insurer (of the person)': 403,
    'insurer (another)': 403,
    clinic: 403,
    fund_admin: 200,
  },
  getPerson: {
    'citizen (owner)': 200,
    'citizen (someone else)': 404,
    'operator (MFC, same region)': 200,
    'operator (MFC, other region)': 404,
    'operator (insurer office of the person)': 200,
    'insurer (of the person)': 200,
    'insurer (another)': 404,
    clinic: 403,
    fund_admin: 200,
  },
  getPersonPolicy: {
    'citizen (owner)': 200,
    'citizen (someone else)': 404,
    'operator (MFC, same region)': 200,
    'operator (MFC, other region)': 404,
    'operator (insurer office of the person)': 200,
    'insurer (of the person)': 200,
    'insurer (another)': 404,
    clinic: 403,
    fund_admin: 200,
  },
  getPersonAudit: {
    'citizen (owner)': 200,
    'citizen (someone else)': 404,
    'operator (MFC, same region)': 403,
    'operator (MFC, other region)': 403,
    'operator (insurer office of the person)': 403,
    'insurer (of the person)': 403,
    'insurer (another)': 403,
    clinic: 403,
    fund_admin: 200,
  },
  verifyPolicy: {
    'citizen (owner)': 403,
    'citizen (someone else)': 403,
    'operator (MFC, same region)': 403,
    'operator (MFC, other region)': 403,
    'operator (insurer office of the person)': 403,
    'insurer (of the person)': 403,
    'insurer (another)': 403,
    clinic: 200,
    fund_admin: 403,
  },
  getPersonAccount: matrix({ owner: 200, mfc: 200, office: 200, insurer: 200 }),
  getPersonHistory: matrix({ owner: 200, mfc: 200, office: 200, insurer: 200, fund_admin: 200 }),
  // The policy shown: the person, and those who serve them (the fund reads records, it shows no one's policy).
  getPolicyBarcode: matrix({ owner: 200, mfc: 200, office: 200, insurer: 200 }),
  getPolicyExtract: matrix({ owner: 200, mfc: 200, office: 200, insurer: 200 }),
  suspendPolicy: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  resumePolicy: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  terminatePolicy: matrix({ mfc: 200, office: 200, fund_admin: 200 }, 'operator-fund'),
  changeRegion: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  chooseInsurer: matrix({ owner: INSURER_AT_WILL, mfc: INSURER_AT_WILL, office: INSURER_AT_WILL }, 'citizen-operator'),
  chooseClinic: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  chooseDoctor: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  issuePin: matrix({ mfc: 201, office: 201 }, 'operator'),
  showPin: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  checkPin: matrix({ owner: 200 }, 'citizen'),
  // The owner changes their child's record with the child's PIN; offices without one.
  changePerson: matrix({ owner: 200, mfc: 200, office: 200 }, 'citizen-operator'),
  // Care history: only the person's insurer reports (another insurer's batch answers 200, its event refused inside);
  // the person, the insurers and the fund read it, operators and clinics do not.
  recordCareEvent: matrix({ insurer: 201 }, 'insurer'),
  recordCareEvents: { ...matrix({ insurer: 200 }, 'insurer'), 'insurer (another)': 200 },
  getPersonCareHistory: matrix({ owner: 200, insurer: 200, fund_admin: 200 }, 'care-readers'),
  getOpenApiDocument: everyone(200),
  getSigningKeys: everyone(200),
  // Catalogues: everyone reads them, only the fund changes them.
  getInsurers: everyone(200),
  putInsurers: fundOnly(200),
  getClinics: everyone(200),
  putClinics: fundOnly(200),
  getClinicDoctors: everyone(200),
  putClinicDoctors: fundOnly(200),
  getFreeCare: everyone(200),
  putFreeCare: fundOnly(200),
  getRegionalCare: everyone(200),
  putRegionalCare: fundOnly(200),
  getCalendarYear: everyone(200),
  putCalendarYear: fundOnly(200),
  getUnmatchedRegistryEvents: fundOnly(200),
  // Only the fund resolves: it passes to the handler, which finds no such event waiting.
  resolveUnmatchedRegistryEvent: fundOnly(404),
  // Complaints: filed for the person by them or an office; read by the person, the insurer it went to and the fund (not offices);
  // answered by that insurer only; each insurer lists its own open ones; the fund sees the counts.
  fileComplaint: matrix({ owner: 201, mfc: 201, office: 201 }, 'citizen-operator'),
  listPersonComplaints: { ...matrix({ owner: 200, insurer: 200, fund_admin: 200 }), 'operator (MFC, same region)': 403, 'operator (MFC, other region)': 403, 'operator (insurer office of the person)': 403 },
  changeComplaint: { ...everyone(403), 'insurer (of the person)': 200, 'insurer (another)': 404 },
  listOpenComplaints: { ...everyone(403), 'insurer (of the person)': 200, 'insurer (another)': 200 },
  getComplaintCounts: fundOnly(200),
};

/** A row where every caller gets `status`. */
function everyone(status: number): Record<Who, number> {
  return Object.fromEntries(Object.keys(callers).map((w) => [w, status])) as Record<Who, number>;
}

/** A row for a route only the fund's administrator may call: everyone else is refused for their role. */
function fundOnly(status: number): Record<Who, number> {
  return { ...everyone(403), fund_admin: status };
}

/**
 * A row of the matrix for a route on a person of MFC 77 and insurer sogaz-med (the owner's own
 * record or child): who gets through gets `allowed`; a role the route does not take gets 403;
 * a role it takes but whose scope misses the person gets 404.
 */
function matrix(
  allowed: Partial<Record<'owner' | 'mfc' | 'office' | 'insurer' | 'fund_admin', number>>,
  roles: 'citizen-operator' | 'operator-fund' | 'operator' | 'citizen' | 'insurer' | 'care-readers' | 'readers' = 'readers',
): Record<Who, number> {
  const takes = {
    readers: ['citizen', 'operator', 'insurer', 'fund_admin'],
    'citizen-operator': ['citizen', 'operator'],
    'operator-fund': ['operator', 'fund_admin'],
    operator: ['operator'],
    citizen: ['citizen'],
    insurer: ['insurer'],
    'care-readers': ['citizen', 'insurer', 'fund_admin'],
  }[roles];
  const row = (role: string, ok: number | undefined) => ok ?? (takes.includes(role) ? 404 : 403);
  return {
    'citizen (owner)': row('citizen', allowed.owner),
    'citizen (someone else)': row('citizen', undefined),
    'operator (MFC, same region)': row('operator', allowed.mfc),
    'operator (MFC, other region)': row('operator', undefined),
    'operator (insurer office of the person)': row('operator', allowed.office),
    'insurer (of the person)': row('insurer', allowed.insurer),
    'insurer (another)': row('insurer', undefined),
    clinic: row('clinic', undefined),
    // The fund reads every record but the account (it administers insurance, not people).
    fund_admin: roles === 'readers' ? (allowed.fund_admin ?? 403) : row('fund_admin', allowed.fund_admin),
  };
}

/** Routes that change a person: each call gets a fresh person of its own, prepared before. */
const CHANGES = ['suspendPolicy', 'resumePolicy', 'terminatePolicy', 'changeRegion', 'chooseInsurer', 'chooseClinic', 'chooseDoctor', 'issuePin', 'showPin', 'checkPin', 'changePerson'] as const;
type ChangeOperation = (typeof CHANGES)[number];
/** Routes whose person must already hold the e-policy (and, for checkPin and changePerson, a PIN shown). */
const NEEDS_E_POLICY: readonly ChangeOperation[] = ['issuePin', 'showPin', 'checkPin', 'changePerson'];
const prepared = new Map<string, { personId: string; pin?: string; document: unknown }>();

const token = (c: Caller, issuer = runtime.issuer, options?: Parameters<DevIssuer['sign']>[1]) =>
  issuer.sign({ sub: c.subject, roles: c.roles, region: c.region, insurerId: c.insurerId, clinicId: c.clinicId, snils: c.snils }, options);

const SEED = seedDocuments();
/** A catalogue's seeded document: what the fund sends back unchanged makes its next version. */
const seeded = (kind: string, scope: string) => SEED.find((d) => d.kind === kind && d.scope === scope)!.data;

/** A visit to a Moscow clinic of the seed, after the person's birth. */
const CARE_FACTS = { date: '2025-01-15', clinicCode: '770101', kind: 'primary', diagnosisGroup: 'J00-J06' };

let seed = 100;
/** A request for the route as this caller would make it: new people for intake, person A otherwise. */
function requestFor(operationId: OperationId, who: Who): { method: string; path: string; body?: unknown; headers?: Record<string, string> } {
  const caller = callers[who];
  switch (operationId) {
    case 'submitApplication': {
      if (who === 'citizen (owner)') return { method: 'POST', path: '/applications', body: { ...childApplication(1, '2019-04-01'), channel: 'portal' } };
      if (caller.roles.includes('citizen')) return { method: 'POST', path: '/applications', body: adultApplication(2) };
      const s = seed++;
      if (caller.region) return { method: 'POST', path: '/applications', body: { ...viaMfc(adultApplication(s)), region: caller.region } };
      return { method: 'POST', path: '/applications', body: { ...adultApplication(s), channel: 'insurer' } };
    }
    case 'getApplication':
      return { method: 'GET', path: `/applications/${person.applicationId}` };
    case 'getPerson':
      return { method: 'GET', path: `/persons/${person.personId}` };
    case 'getPersonPolicy':
      return { method: 'GET', path: `/persons/${person.personId}/policy` };
    case 'getPersonAudit':
      return { method: 'GET', path: `/persons/${person.personId}/audit` };
    case 'fileComplaint':
      return { method: 'POST', path: `/persons/${person.personId}/complaints`, body: { kind: 'no_appointment', clinicCode: '770101', incidentOn: '2026-01-10', text: 'Не записали к терапевту.' }, headers: { 'idempotency-key': `matrix-${who.replace(/\W+/g, '-')}` } };
    case 'listPersonComplaints':
      return { method: 'GET', path: `/persons/${person.personId}/complaints` };
    case 'changeComplaint':
      return { method: 'PATCH', path: `/persons/${person.personId}/complaints/${complaintId}`, body: { status: 'in_progress' } };
    case 'listOpenComplaints':
      return { method: 'GET', path: '/complaints?status=open' };
    case 'getComplaintCounts':
      return { method: 'GET', path: '/complaints/overdue' };
    case 'verifyPolicy':
      return { method: 'POST', path: '/verifications', body: { document: adultApplication(1).documents[0] } };
    case 'getPersonAccount':
      return { method: 'GET', path: `/persons/${person.personId}/account` };
    case 'getPersonHistory':
      return { method: 'GET', path: `/persons/${person.personId}/history` };
    case 'recordCareEvent':
      return { method: 'POST', path: `/persons/${person.personId}/care-events`, body: { eventId: `matrix-${who.replace(/\W+/g, '-')}`, ...CARE_FACTS } };
    case 'recordCareEvents':
      return { method: 'POST', path: '/care-events', body: { events: [{ personId: person.personId, eventId: `matrix-batch-${who.replace(/\W+/g, '-')}`, ...CARE_FACTS }] } };
    case 'getPersonCareHistory':
      return { method: 'GET', path: `/persons/${person.personId}/care-history` };
    case 'getPolicyBarcode':
      return { method: 'GET', path: `/persons/${person.personId}/policy/barcode?type=qr&format=png` };
    case 'getPolicyExtract':
      return { method: 'GET', path: `/persons/${person.personId}/extract.pdf` };
    case 'getOpenApiDocument':
      return { method: 'GET', path: '/openapi.json' };
    case 'getSigningKeys':
      return { method: 'GET', path: '/.well-known/jwks.json' };
    case 'getInsurers':
      return { method: 'GET', path: '/catalogues/insurers?region=77' };
    case 'putInsurers':
      return { method: 'PUT', path: '/catalogues/insurers?region=77', body: seeded('insurers', '77') };
    case 'getClinics':
      return { method: 'GET', path: '/catalogues/clinics?region=77' };
    case 'putClinics':
      return { method: 'PUT', path: '/catalogues/clinics?region=77', body: seeded('clinics', '77') };
    case 'getClinicDoctors':
      return { method: 'GET', path: '/catalogues/clinics/770101/doctors' };
    case 'putClinicDoctors':
      return { method: 'PUT', path: '/catalogues/clinics/770101/doctors', body: seeded('doctors', '770101') };
    case 'getFreeCare':
      return { method: 'GET', path: '/catalogues/free-care?region=77' };
    case 'putFreeCare':
      return { method: 'PUT', path: '/catalogues/free-care', body: seeded('free-care', 'RU') };
    case 'getRegionalCare':
      return { method: 'GET', path: '/catalogues/regional-care?region=77' };
    case 'putRegionalCare':
      return { method: 'PUT', path: '/catalogues/regional-care?region=77', body: seeded('regional-care', '77') };
    case 'getCalendarYear':
      return { method: 'GET', path: '/calendar/2026' };
    case 'putCalendarYear':
      return { method: 'PUT', path: '/calendar/2026', body: seeded('calendar', '2026') };
    case 'getUnmatchedRegistryEvents':
      return { method: 'GET', path: '/registry/unmatched' };
    case 'resolveUnmatchedRegistryEvent':
      return { method: 'POST', path: '/registry/unmatched/no-such-event/resolution', body: { action: 'dismiss', reason: 'duplicate' } };
    default: {
      const target = prepared.get(`${operationId}/${who}`)!;
      const base = `/persons/${target.personId}`;
      const requests: Record<ChangeOperation, { method: string; path: string; body?: unknown }> = {
        suspendPolicy: { method: 'POST', path: `${base}/policy/suspension`, body: { reason: 'military_service' } },
        resumePolicy: { method: 'DELETE', path: `${base}/policy/suspension` },
        terminatePolicy: { method: 'POST', path: `${base}/policy/termination`, body: { reason: 'death' } },
        changeRegion: { method: 'POST', path: `${base}/region`, body: { region: '78' } },
        chooseInsurer: { method: 'POST', path: `${base}/insurer`, body: { insurerId: 'kapital-ms' } },
        // A Moscow clinic, and its general practitioner: both attach children and adults.
        chooseClinic: { method: 'POST', path: `${base}/clinic`, body: { clinicCode: '770104' } },
        chooseDoctor: { method: 'POST', path: `${base}/doctor`, body: { doctorCode: '770104-03' } },
        // The office checked the person's own document.
        issuePin: { method: 'POST', path: `${base}/pin`, body: { document: target.document } },
        showPin: { method: 'POST', path: `${base}/pin/reveal` },
        checkPin: { method: 'POST', path: `${base}/pin/check`, body: { pin: target.pin } },
        // A citizen confirms with the record's PIN; an office sends none.
        changePerson: { method: 'PATCH', path: base, body: { ...(caller.roles.includes('citizen') ? { pin: target.pin } : {}), address: { region: '77', locality: 'Москва', house: '1' } } },
      };
      return requests[operationId as ChangeOperation];
    }
  }
}

/**
 * A person for each (change route, caller): the owner's own child, or someone an MFC of region 77
 * filed with insurer sogaz-med. Those the PIN routes need get their number and their e-policy
 * (the conversion job run 31 days ahead); resumption's are suspended first, checkPin's PINs shown.
 */
async function preparePeople(): Promise<void> {
  const mfc = await token(mfcOperator('77'));
  const owner = await token(callers['citizen (owner)']);
  let seed = 500;
  // One at a time: a caller's filings in flight at once are limited (duplicate probes).
  for (const op of CHANGES) {
    for (const who of Object.keys(callers) as Who[]) {
      const s = seed++;
      const [body, as] =
        who === 'citizen (owner)'
          ? [{ ...childApplication(s, '2019-04-01'), region: '77', channel: 'portal', insurerId: 'sogaz-med' }, owner]
          : [{ ...viaMfc(adultApplication(s)), region: '77', insurerId: 'sogaz-med' }, mfc];
      const filed = await send({ method: 'POST', path: '/applications', body }, as);
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      prepared.set(`${op}/${who}`, { personId: (filed.body.application as { personId: string }).personId, document: body.documents[0] });
    }
  }
  const needingEPolicy = [...prepared].filter(([key]) => NEEDS_E_POLICY.some((op) => key.startsWith(`${op}/`)));
  // Numbers come from the queue consumers; then the conversion job, as on the conversion day.
  for (const [, p] of needingEPolicy) {
    for (let i = 0; i < 200 && (await send({ method: 'GET', path: `/persons/${p.personId}/policy` }, mfc)).body.enp === null; i++) await new Promise((r) => setTimeout(r, 50));
  }
  await runtime.runJob('convert-temporary-policies', { now: new Date(Date.now() + 31 * 86_400_000) });
  for (const [key, p] of prepared) {
    if (key.startsWith('chooseDoctor/')) expect((await send({ method: 'POST', path: `/persons/${p.personId}/clinic`, body: { clinicCode: '770104' } }, mfc)).status).toBe(200);
    if (key.startsWith('resumePolicy/')) expect((await send({ method: 'POST', path: `/persons/${p.personId}/policy/suspension`, body: { reason: 'stay_abroad' } }, mfc)).status).toBe(200);
    if (key.startsWith('checkPin/') || key.startsWith('changePerson/')) {
      const shown = await send({ method: 'POST', path: `/persons/${p.personId}/pin/reveal` }, mfc);
      expect(shown.status, JSON.stringify(shown.body)).toBe(200);
      p.pin = shown.body.pin as string;
    }
  }
}

async function send(req: { method: string; path: string; body?: unknown; headers?: Record<string, string> }, bearer?: string) {
  const res = await fetch(`${runtime.url}${req.path}`, {
    method: req.method,
    headers: { ...(req.body ? { 'content-type': 'application/json' } : {}), ...req.headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: req.body ? JSON.stringify(req.body) : undefined,
  });
  // Images and PDFs are answers too: only JSON is read.
  const body = /json/.test(res.headers.get('content-type') ?? '') ? ((await res.json()) as Record<string, unknown>) : {};
  return { status: res.status, body };
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, schedules: false });
  const owner = callers['citizen (owner)'];
  const filed = await send({ method: 'POST', path: '/applications', body: { ...adultApplication(1), insurerId: 'sogaz-med' } }, await token(owner));
  expect(filed.status).toBe(201);
  const application = filed.body.application as { id: string; personId: string };
  person = { personId: application.personId, applicationId: application.id };
  // The barcode and the extract carry the number: wait for the queue's consumer to assign it.
  const mfc = await token(mfcOperator('77'));
  for (let i = 0; i < 200 && (await send({ method: 'GET', path: `/persons/${person.personId}/policy` }, mfc)).body.enp === null; i++) await new Promise((r) => setTimeout(r, 50));
  const complaint = await send(
    { method: 'POST', path: `/persons/${person.personId}/complaints`, body: { kind: 'refused_free_care', clinicCode: '770101', incidentOn: '2026-01-10', text: 'Отказали.' }, headers: { 'idempotency-key': 'matrix-setup' } },
    await token(owner),
  );
  expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
  complaintId = complaint.body.complaintId as string;
  await preparePeople();
}, 120_000);
afterAll(() => runtime?.stop());

describe('authorization matrix', () => {
  it('covers every declared route', () => {
    expect(Object.keys(expected).sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  for (const route of routes) {
    const operationId = route.operationId as OperationId;
    it(`${route.method} ${route.path}: each role gets what it may`, async () => {
      const got: Record<string, number> = {};
      for (const who of Object.keys(callers) as Who[]) got[who] = (await send(requestFor(operationId, who), await token(callers[who]))).status;
      expect(got).toEqual(expected[operationId]);
    });

    if (route.roles === 'public') continue;
    it(`${route.method} ${route.path}: no, expired, forged or foreign tokens get 401`, async () => {
      const req = requestFor(operationId, 'fund_admin');
      const stranger = await DevIssuer.create();
      const now = Math.floor(Date.now() / 1000);
      const bad = {
        none: undefined,
        garbage: 'not-a-jwt',
        expired: await token(fundAdmin, runtime.issuer, { issuedAt: now - 7200, expiresIn: now - 3600 }),
        forged: await token(fundAdmin, stranger),
        'other audience': await token(fundAdmin, runtime.issuer, { audience: 'someone-else' }),
      };
      for (const [kind, bearer] of Object.entries(bad)) {
        const res = await send(req, bearer);
        expect({ kind, status: res.status, body: res.body }).toEqual({ kind, status: 401, body: { message: 'Unauthorized' } });
      }
    });
  }

  it('takes roles and scopes only from the claims the issuer controls', async () => {
    // A citizen whose token also says `roles: [fund_admin]` and `custom`-less scope claims is still a citizen of nobody's record.
    const forged = await token(citizenFor(2), runtime.issuer, { extra: { roles: ['fund_admin'], region: '77', insurer_id: 'sogaz-med' } });
    expect((await send({ method: 'GET', path: `/persons/${person.personId}` }, forged)).status).toBe(404);
    expect((await send({ method: 'GET', path: `/persons/${person.personId}/audit` }, forged)).status).toBe(404);
  });

  it('refuses a token that names no subject (401) or lacks the scope of its role (403), with codes the README lists', async () => {
    const anonymous = await runtime.issuer.sign({ sub: '', roles: ['fund_admin'] });
    expect(await send({ method: 'GET', path: `/persons/${person.personId}` }, anonymous)).toMatchObject({ status: 401, body: { code: 'invalid-token' } });
    const clinicWithoutId = await runtime.issuer.sign({ sub: 'clinic-x', roles: ['clinic'] });
    expect(await send({ method: 'POST', path: '/verifications', body: { enp: '7851000840000199' } }, clinicWithoutId)).toMatchObject({ status: 403, body: { code: 'incomplete-token' } });
    const insurerWithoutId = await runtime.issuer.sign({ sub: 'insurer-x', roles: ['insurer'] });
    expect(await send({ method: 'GET', path: `/persons/${person.personId}` }, insurerWithoutId)).toMatchObject({ status: 403, body: { code: 'incomplete-token' } });
  });

  it('shows the person who read their record', async () => {
    const res = await send({ method: 'GET', path: `/persons/${person.personId}/audit?limit=100` }, await token(callers['citizen (owner)']));
    const readers = new Set((res.body.items as { action: string; actor: { subject: string } }[]).filter((i) => i.action === 'read').map((i) => i.actor.subject));
    for (const who of ['operator (MFC, same region)', 'operator (insurer office of the person)', 'insurer (of the person)', 'fund_admin', 'clinic'] as Who[]) {
      expect(readers, who).toContain(callers[who].subject);
    }
    for (const who of ['citizen (someone else)', 'operator (MFC, other region)', 'insurer (another)'] as Who[]) {
      expect(readers, who).not.toContain(callers[who].subject);
    }
    expect(readers).not.toContain(callers['citizen (owner)'].subject);
  });
});

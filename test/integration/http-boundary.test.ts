import fc from 'fast-check';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { ROLES, routes, type OperationId } from '#shared/config/routes.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { problemSchema } from '#shared/schemas/problem.ts';
import { useDependencies } from '#shared/services/dependencies.ts';
import { adultApplication, viaMfc } from '../support/applications.ts';
import { claimsOf, context } from '../support/events.ts';
import { startLocalRegister, type LocalRegister } from '../support/local-register.ts';
import { headersOf, undeclared } from '../support/openapi-conformance.ts';
import { ROUTE_HANDLERS } from '../support/route-handlers.ts';

/**
 * Properties at the HTTP boundary: whatever body, headers, path or query a payload 2.0 event
 * carries, each handler answers a status its route declares, a 2xx or a problem+json, never a
 * 500 and never its internals. Driven against DynamoDB Local, so every store call is real.
 */
let local: LocalRegister;
beforeAll(async () => {
  local = await startLocalRegister();
  useDependencies(await local.deps());
});
afterAll(async () => {
  useDependencies(undefined);
  await local?.stop();
});

const ULID = '01KAT8D4R0X1Z9E3JH2Q7M5V6B';
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', ULID, '%', '%E0%A4%A', '../..', '\u0000', 'Ivanоv'));
const caller: fc.Arbitrary<Caller | 'none' | 'no-subject'> = fc.oneof(
  fc.constantFrom<'none' | 'no-subject'>('none', 'no-subject'),
  fc.record({
    subject: fc.string({ minLength: 1, maxLength: 20 }),
    roles: fc.subarray([...ROLES]),
    region: fc.option(fc.constantFrom('77', '50', '78', 'xx'), { nil: undefined }),
    insurerId: fc.option(fc.constantFrom('sogaz-med', 'reso-med', 'nope'), { nil: undefined }),
    clinicId: fc.option(fc.constantFrom('clinic-1', 'c'), { nil: undefined }),
    snils: fc.option(fc.constantFrom('11223344595', '1'), { nil: undefined }),
  }),
);
/** A valid application with one field replaced by anything. */
const mutatedApplication = fc
  .tuple(fc.constantFrom('channel', 'region', 'category', 'person', 'documents', 'representative', 'insurerId', 'stayUntil', 'contact', 'extra'), fc.jsonValue())
  .map(([field, value]) => JSON.stringify({ ...exampleApplication, [field]: value }));
const mutatedPerson = fc
  .tuple(fc.constantFrom('lastName', 'firstName', 'middleName', 'birthDate', 'sex', 'snils', 'birthPlace'), fc.oneof(text, fc.jsonValue()))
  .map(([field, value]) => JSON.stringify({ ...exampleApplication, channel: 'mfc', person: { ...exampleApplication.person, [field]: value } }));
/** Valid applications of new people, names in any normalization form: 201 first, then 409 or 429. */
const validApplication = fc
  .record({ seed: fc.integer({ min: 1, max: 999_999 }), lastName: fc.stringMatching(/^[А-ЯЁ][а-яё]{1,12}$/), form: fc.constantFrom('NFC', 'NFD') })
  .map(({ seed, lastName, form }) => JSON.stringify(viaMfc({ ...adultApplication(seed), person: { ...adultApplication(seed).person, lastName: lastName.normalize(form) } })));
/** Catalogue bodies the fund could send, whole or with one entry's field replaced by anything. */
const catalogueBody = fc.oneof(
  fc.constantFrom(
    JSON.stringify({ insurers: [{ id: 'sogaz-med', code: '77001', name: 'СОГАЗ-Мед', shortName: 'СОГАЗ-Мед', ogrn: '1027739008440', phone: '8-800-100-07-02', address: 'Москва', contractEnd: null, insured: 1 }] }),
    JSON.stringify({ clinics: [{ code: '770101', name: 'ГП № 2', shortName: 'ГП № 2', address: 'Москва', attaches: ['therapist'] }] }),
    JSON.stringify({ doctors: [{ code: '770101-01', name: 'Иванова Анна Сергеевна', specialty: 'therapist' }] }),
    JSON.stringify({ care: ['скорая медицинская помощь'] }),
    JSON.stringify({ add: ['реабилитация'], remove: [] }),
    JSON.stringify({ year: 2027, nonWorkingDays: ['2027-01-01'], workingWeekendDays: [] }),
  ),
  fc
    .tuple(fc.constantFrom('insurers', 'clinics', 'doctors', 'care', 'add', 'year', 'nonWorkingDays', 'extra'), fc.jsonValue())
    .map(([field, value]) => JSON.stringify({ [field]: value })),
);
const body = fc.oneof(
  fc.constant(undefined),
  validApplication,
  text,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  mutatedApplication,
  mutatedPerson,
  fc.constantFrom('{"channel":"mfc","channel":"portal"}', '{"enp":"7851000840000199"}', '{"document":{"type":14,"series":"4512","number":"123456"}}', '{"enp":"7851000840000199","enp":"x"}'),
  catalogueBody,
  fc.constantFrom(
    '{"kind":"no_appointment","clinicCode":"770101","incidentOn":"2026-11-20","text":"Не записали."}',
    '{"kind":"other","clinicCode":"780101","incidentOn":"2030-01-01","text":""}',
    '{"status":"in_progress"}',
    '{"status":"answered","answer":"Ответ."}',
    '{"status":"forwarded","forwardedTo":"roszdravnadzor","answer":"Передано."}',
  ),
);
const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.option(fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/problem+json', 'text/plain', 'application/json;charset=', 'APPLICATION/JSON'), { nil: undefined }) },
);

/** A caller each route lets through, so that most events reach the body, path and query checks. */
const ALLOWED: Record<OperationId, Caller> = {
  submitApplication: { subject: 'op-77', roles: ['operator'], region: '77' },
  getApplication: { subject: 'admin', roles: ['fund_admin'] },
  getPerson: { subject: 'admin', roles: ['fund_admin'] },
  changePerson: { subject: 'op-77', roles: ['operator'], region: '77' },
  getPersonPolicy: { subject: 'admin', roles: ['fund_admin'] },
  getPersonAudit: { subject: 'admin', roles: ['fund_admin'] },
  getPersonAccount: { subject: 'op-77', roles: ['operator'], region: '77' },
  getPersonHistory: { subject: 'admin', roles: ['fund_admin'] },
  suspendPolicy: { subject: 'op-77', roles: ['operator'], region: '77' },
  resumePolicy: { subject: 'op-77', roles: ['operator'], region: '77' },
  terminatePolicy: { subject: 'admin', roles: ['fund_admin'] },
  changeRegion: { subject: 'op-77', roles: ['operator'], region: '77' },
  chooseInsurer: { subject: 'op-77', roles: ['operator'], region: '77' },
  chooseClinic: { subject: 'op-77', roles: ['operator'], region: '77' },
  chooseDoctor: { subject: 'op-77', roles: ['operator'], region: '77' },
  issuePin: { subject: 'op-77', roles: ['operator'], region: '77' },
  showPin: { subject: 'op-77', roles: ['operator'], region: '77' },
  checkPin: { subject: 'citizen-1', roles: ['citizen'] },
  recordCareEvent: { subject: 'i-1', roles: ['insurer'], insurerId: 'sogaz-med' },
  recordCareEvents: { subject: 'i-1', roles: ['insurer'], insurerId: 'sogaz-med' },
  getPersonCareHistory: { subject: 'admin', roles: ['fund_admin'] },
  verifyPolicy: { subject: 'c-1', roles: ['clinic'], clinicId: 'clinic-1' },
  getOpenApiDocument: { subject: 'anyone', roles: [] },
  getSigningKeys: { subject: 'anyone', roles: [] },
  getPolicyBarcode: { subject: 'op-77', roles: ['operator'], region: '77' },
  getPolicyExtract: { subject: 'op-77', roles: ['operator'], region: '77' },
  getInsurers: { subject: 'citizen-1', roles: ['citizen'] },
  putInsurers: { subject: 'admin', roles: ['fund_admin'] },
  getClinics: { subject: 'c-1', roles: ['clinic'], clinicId: 'clinic-1' },
  putClinics: { subject: 'admin', roles: ['fund_admin'] },
  getClinicDoctors: { subject: 'i-1', roles: ['insurer'], insurerId: 'sogaz-med' },
  putClinicDoctors: { subject: 'admin', roles: ['fund_admin'] },
  getFreeCare: { subject: 'citizen-1', roles: ['citizen'] },
  putFreeCare: { subject: 'admin', roles: ['fund_admin'] },
  getRegionalCare: { subject: 'op-77', roles: ['operator'], region: '77' },
  putRegionalCare: { subject: 'admin', roles: ['fund_admin'] },
  getCalendarYear: { subject: 'admin', roles: ['fund_admin'] },
  putCalendarYear: { subject: 'admin', roles: ['fund_admin'] },
  getUnmatchedRegistryEvents: { subject: 'admin', roles: ['fund_admin'] },
  resolveUnmatchedRegistryEvent: { subject: 'admin', roles: ['fund_admin'] },
  fileComplaint: { subject: 'op-77', roles: ['operator'], region: '77' },
  listPersonComplaints: { subject: 'admin', roles: ['fund_admin'] },
  changeComplaint: { subject: 'i-1', roles: ['insurer'], insurerId: 'sogaz-med' },
  listOpenComplaints: { subject: 'i-1', roles: ['insurer'], insurerId: 'sogaz-med' },
  getComplaintCounts: { subject: 'admin', roles: ['fund_admin'] },
};


const event = fc.record({
  operationId: fc.constantFrom(...routes.map((r) => r.operationId as OperationId)),
  caller: fc.oneof({ weight: 3, arbitrary: fc.constant('allowed' as const) }, { weight: 1, arbitrary: caller }),
  body,
  base64: fc.boolean(),
  contentType,
  idempotencyKey: fc.option(text, { nil: undefined }),
  param: fc.oneof(fc.constantFrom(ULID, '770101', '2027', '2200'), text),
  query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'x', 'region', 'version', 'regionalVersion', 'status'), fc.oneof(text, fc.constantFrom('77', '01', '99', '1', '2')), { maxKeys: 3 }),
  ifMatch: fc.option(fc.oneof(text, fc.constantFrom('"1"', '*', 'W/"1"')), { nil: undefined }),
  /** Every other header a handler reads, and any other at all, with anything in it. */
  headers: fc.dictionary(
    fc.oneof(fc.constantFrom('accept', 'if-none-match', 'x-forwarded-proto', 'authorization', 'host'), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)),
    fc.oneof(text, fc.constantFrom('application/fhir+json', 'application/fhir+json;q=0', 'application/json, application/fhir+json;q=x', '*/*', '"x"', 'W/"1"', 'http', 'https')),
    { maxKeys: 3 },
  ),
});

type Input = typeof event extends fc.Arbitrary<infer T> ? T : never;

function toEvent(e: Input): APIGatewayProxyEventV2 {
  const route = routes.find((r) => r.operationId === e.operationId)!;
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const who = e.caller === 'allowed' ? ALLOWED[e.operationId] : e.caller;
  const claims = who === 'none' ? undefined : who === 'no-subject' ? { 'cognito:groups': '[fund_admin]' } : claimsOf(who);
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: route.path,
    rawQueryString: '',
    headers: {
      ...Object.fromEntries(Object.entries(e.headers).filter(([name]) => !['content-type', 'idempotency-key', 'if-match'].includes(name))),
      ...(e.contentType ? { 'content-type': e.contentType } : {}),
      ...(e.idempotencyKey !== undefined ? { 'idempotency-key': e.idempotencyKey } : {}),
      ...(e.ifMatch !== undefined ? { 'if-match': e.ifMatch } : {}),
    },
    ...(names.length > 0 ? { pathParameters: Object.fromEntries(names.map((n) => [n, e.param])) } : {}),
    ...(Object.keys(e.query).length > 0 ? { queryStringParameters: e.query } : {}),
    requestContext: {
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'fast-check' },
      requestId: 'property',
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: '24/Nov/2026:09:00:00 +0000',
      timeEpoch: 0,
    },
    ...(e.body === undefined ? {} : e.base64 ? { body: Buffer.from(e.body, 'utf8').toString('base64'), isBase64Encoded: true } : { body: e.body, isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

const INTERNALS = /\b(\w+Error|\w+Exception)\b|\n\s+at |ECONN|node_modules|\.ts:\d+/;

describe('the HTTP boundary', () => {
  it('answers anything with a declared status: a 2xx, or a problem+json without internals; never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const result = await ROUTE_HANDLERS[e.operationId](toEvent(e), context);
        const headers = headersOf(result.headers);
        expect(result.statusCode).not.toBe(500);
        expect(undeclared(e.operationId, { status: result.statusCode, headers })).toEqual([]);
        if (result.statusCode >= 400) {
          expect(headers['content-type']).toBe('application/problem+json');
          const problem = problemSchema.parse(JSON.parse(result.body ?? ''));
          expect(problem.status).toBe(result.statusCode);
          expect(JSON.stringify(problem)).not.toMatch(INTERNALS);
        } else if (result.statusCode === 304) {
          // Any header may be If-None-Match: a conditional read whose tag still holds answers without a body.
          expect(result.body ?? '').toBe('');
        } else {
          expect(headers['content-type']).toBe('application/json');
          JSON.parse(result.body ?? '');
        }
      }),
      { numRuns: 600 },
    );
  });

  it('reads any Accept, If-None-Match and X-Forwarded-Proto on the routes that read them, and still answers a declared status', async () => {
    // The property above reaches these headers rarely (a valid request to one of six routes, with the header set):
    // here every request is one such route's valid request, and only the headers are anything.
    const valid: Partial<Record<OperationId, Partial<Input>>> = {
      verifyPolicy: { body: '{"enp":"7851000840000199"}', contentType: 'application/json' },
      getOpenApiDocument: {},
      getSigningKeys: {},
      getInsurers: { query: { region: '77' } },
      getFreeCare: { query: { region: '77' } },
      getCalendarYear: { param: '2027' },
    };
    const headerValue = fc.oneof(text, fc.constantFrom('application/fhir+json', 'application/fhir+json;q=0', ',,;', '*/*', '*', '"x"', 'W/"1", "2"', 'W/', 'http', 'https', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(valid) as OperationId[])),
        fc.record({ accept: headerValue, 'if-none-match': headerValue, 'x-forwarded-proto': headerValue }, { requiredKeys: [] }),
        async (operationId, headers) => {
          const input: Input = { operationId, caller: 'allowed', body: undefined, base64: false, contentType: undefined, idempotencyKey: undefined, param: ULID, query: {}, ifMatch: undefined, headers, ...valid[operationId] };
          const result = await ROUTE_HANDLERS[operationId](toEvent(input), context);
          expect(result.statusCode, `${operationId} ${JSON.stringify(headers)}: ${result.body}`).not.toBe(500);
          expect(undeclared(operationId, { status: result.statusCode, headers: headersOf(result.headers) })).toEqual([]);
          if (result.statusCode >= 400) expect(JSON.stringify(problemSchema.parse(JSON.parse(result.body ?? '')))).not.toMatch(INTERNALS);
        },
      ),
      { numRuns: 300 },
    );
  });
});

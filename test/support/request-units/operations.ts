import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SigningKeys } from '#shared/services/signing/signing-keys.ts';
import { memoryVault } from '#shared/signing/key-vault.ts';
import { DynamoDbSigningKeyStore } from '#shared/store/signing-key-store.ts';
import { tableSigning } from '../signing.ts';
import { handler as assignNumbers } from '#functions/numbering/assign-numbers.ts';
import { handler as requeueStalled } from '#functions/numbering/requeue-stalled-applications.ts';
import { handler as convertTemporary } from '#functions/lifecycle/convert-temporary-policies.ts';
import { handler as applyDeadlines } from '#functions/lifecycle/apply-policy-deadlines.ts';
import { handler as resetYearly } from '#functions/choices/reset-yearly-limits.ts';
import { handler as reassign } from '#functions/choices/reassign-ended-contracts.ts';
import { fixedClock } from '#shared/clock.ts';
import type { OperationId } from '#shared/config/routes.ts';
import type { HttpResult } from '#shared/http/responses.ts';
import { createDependencies, useDependencies, type Dependencies } from '#shared/services/dependencies.ts';
import { DynamoDbRegisterStore } from '#shared/store/dynamodb-register-store.ts';
import { DynamoDbRegistryStore } from '#shared/store/registry-store.ts';
import { DynamoDbPersonChangeStore } from '#shared/store/person-change-store.ts';
import { DynamoDbCareStore } from '#shared/store/care-store.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { adultApplication, citizenFor, clinic, fundAdmin, mfcOperator, viaMfc } from '../applications.ts';
import { context, httpEvent, sqsEvent } from '../events.ts';
import { CatalogueReader } from '#shared/services/catalogues/catalogue-reader.ts';
import { DynamoDbCatalogueStore } from '#shared/store/catalogue-store.ts';
import { BARCODE_OPERATIONS } from './barcode-operations.ts';
import { CATALOGUE_OPERATIONS } from './catalogue-operations.ts';
import { REGISTRY_OPERATIONS } from './registry-operations.ts';
import { CARE_OPERATIONS } from './care-operations.ts';
import { COMPLAINT_OPERATIONS } from './complaint-operations.ts';
import { DynamoDbComplaintStore } from '#shared/store/complaint-store.ts';
import { seededTableCatalogues } from '../catalogues.ts';
import { RecordingQueue } from '../local-register.ts';
import { TEST_LOOKUP_KEY } from '../mocked-register.ts';
import { ROUTE_HANDLERS } from '../route-handlers.ts';
import { describeCalls, RequestUnitMeter, totals, type MeteredCall } from './meter.ts';

export interface Units {
  readUnits: number;
  writeUnits: number;
}

/** One thing a caller or a job does, the register it finds, and the most it may cost. */
export interface MeteredOperation {
  name: string;
  /** The route's operation id, or the job's handler. */
  of:
    | OperationId
    | 'numbering/assign-numbers'
    | 'numbering/requeue-stalled-applications'
    | 'lifecycle/convert-temporary-policies'
    | 'lifecycle/apply-policy-deadlines'
    | 'choices/reset-yearly-limits'
    | 'choices/reassign-ended-contracts'
    | 'signing/rotate-signing-keys'
    | 'registry/apply-registry-events'
    | 'complaints/flag-overdue-complaints';
  budget: Units;
  /** Builds the register the operation meets (not metered), then returns the operation itself. */
  prepare(register: Register): Promise<() => Promise<unknown>>;
  /**
   * The catalogue routes read catalogues through the metered client, at their dearest: every read
   * reaches the table, as when the function's copy is older than a minute. Other operations read
   * them through a client of their own (see `measureOperations`), from one seeded table they share,
   * unless they change a catalogue themselves (`own`: seeded in the operation's table).
   */
  catalogues?: 'metered' | 'own';
  /** Likewise the signing keys' ring, for the key set's route and the rotation. */
  signing?: 'metered';
}

/** A fresh table with the real handlers wired to it through a metered client, at a fixed time. */
export interface Register {
  deps: Dependencies;
  queue: RecordingQueue;
  http(operationId: OperationId, init: Parameters<typeof httpEvent>[0]): Promise<HttpResult>;
  /** Files an application as an MFC operator; its ids. */
  file(seed: number): Promise<{ applicationId: string; personId: string }>;
  /** Files and numbers one; its ids and ЕНП. */
  numbered(seed: number): Promise<{ applicationId: string; personId: string; enp: string }>;
  /** A citizen's own record, filed on the portal and numbered. */
  own(seed: number): Promise<{ applicationId: string; personId: string }>;
  /** Moves the register's clock to the conversion day and converts everything due: the person holds the e-policy. */
  convertAll(): Promise<void>;
}

const NOW = '2026-11-23T09:00:00Z';
const LATER = '2026-11-23T10:00:00Z';
/** Day 30 after NOW in Moscow: temporary policies filed at NOW are due for conversion. */
const CONVERSION_DAY = '2026-12-23T09:00:00Z';
/** A day a change of insurer at will is still taken (until 1 November). */
const BEFORE_DEADLINE = '2026-06-01T09:00:00Z';

/** The fund ends an insurer's contract in a region: the catalogue's next version says so. */
async function endContract(deps: Dependencies, region: string, insurerId: string, on: string): Promise<void> {
  const current = (await deps.catalogues.store.latest('insurers', region))!;
  const insurers = current.data.insurers.map((i) => (i.id === insurerId ? { ...i, contractEnd: on } : i));
  await deps.catalogues.store.putVersion({ ...current, version: current.version + 1, data: { insurers }, changedAt: NOW, source: 'fund' });
  deps.catalogues.forget('insurers', region);
}
const mfc = mfcOperator('77');

async function ok(result: Promise<HttpResult>, status: number): Promise<HttpResult> {
  const r = await result;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r;
}
const body = (r: HttpResult) => JSON.parse(r.body ?? '{}') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Every route and job, in the situations that cost differently, each with its budget in request
 * units (the README's cost table shows the measured figures beside these). A change that makes an
 * operation dearer fails `test/integration/request-units.test.ts` and `npm run bench`.
 */
export const OPERATIONS: MeteredOperation[] = [
  {
    name: 'file an application (citizen, Idempotency-Key)',
    of: 'submitApplication',
    // 2 of them the person's own account (PERSON#<id> ACCOUNT), through which a newborn the civil registry reports joins the mother's account.
    budget: { readUnits: 0, writeUnits: 25 },
    prepare: async (r) => () =>
      ok(r.http('submitApplication', { method: 'POST', path: '/applications', body: adultApplication(1), headers: { 'idempotency-key': 'k-1' }, caller: citizenFor(1) }), 201),
  },
  {
    name: 'file an application (MFC operator)',
    of: 'submitApplication',
    budget: { readUnits: 0, writeUnits: 19 },
    prepare: async (r) => () => ok(r.http('submitApplication', { method: 'POST', path: '/applications', body: viaMfc(adultApplication(2)), caller: mfc }), 201),
  },
  {
    name: 'repeat a filing with its Idempotency-Key',
    of: 'submitApplication',
    // The cancelled transaction is charged too, the person's account item with it.
    budget: { readUnits: 2, writeUnits: 12 },
    prepare: async (r) => {
      const request = { method: 'POST', path: '/applications', body: adultApplication(3), headers: { 'idempotency-key': 'k-3' }, caller: citizenFor(3) };
      await ok(r.http('submitApplication', request), 201);
      return () => ok(r.http('submitApplication', request), 201);
    },
  },
  {
    name: 'file for someone already insured (refused)',
    of: 'submitApplication',
    budget: { readUnits: 0.5, writeUnits: 10 },
    prepare: async (r) => {
      await r.file(4);
      return () => ok(r.http('submitApplication', { method: 'POST', path: '/applications', body: viaMfc(adultApplication(4)), caller: mfcOperator('77', 'another-operator') }), 409);
    },
  },
  {
    name: 'read an application (operator)',
    of: 'getApplication',
    budget: { readUnits: 0.5, writeUnits: 1 },
    prepare: async (r) => {
      const { applicationId } = await r.file(5);
      return () => ok(r.http('getApplication', { path: `/applications/${applicationId}`, pathParameters: { applicationId }, caller: mfc }), 200);
    },
  },
  {
    name: 'read an application (its citizen)',
    of: 'getApplication',
    budget: { readUnits: 1, writeUnits: 0 },
    prepare: async (r) => {
      const filed = await ok(r.http('submitApplication', { method: 'POST', path: '/applications', body: adultApplication(6), caller: citizenFor(6) }), 201);
      const applicationId = String(body(filed).application.id);
      return () => ok(r.http('getApplication', { path: `/applications/${applicationId}`, pathParameters: { applicationId }, caller: citizenFor(6) }), 200);
    },
  },
  {
    name: 'read a person (operator)',
    of: 'getPerson',
    budget: { readUnits: 0.5, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.file(7);
      return () => ok(r.http('getPerson', { path: `/persons/${personId}`, pathParameters: { personId }, caller: mfc }), 200);
    },
  },
  {
    name: 'read a policy (operator)',
    of: 'getPersonPolicy',
    budget: { readUnits: 0.5, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.numbered(8);
      return () => ok(r.http('getPersonPolicy', { path: `/persons/${personId}/policy`, pathParameters: { personId }, caller: mfc }), 200);
    },
  },
  {
    name: 'read the audit trail (fund administrator)',
    of: 'getPersonAudit',
    budget: { readUnits: 1, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.numbered(9);
      return () => ok(r.http('getPersonAudit', { path: `/persons/${personId}/audit`, pathParameters: { personId }, caller: fundAdmin }), 200);
    },
  },
  {
    name: 'verify a policy by ЕНП (clinic)',
    of: 'verifyPolicy',
    budget: { readUnits: 1, writeUnits: 4 },
    prepare: async (r) => {
      const { enp } = await r.numbered(10);
      return () => ok(r.http('verifyPolicy', { method: 'POST', path: '/verifications', body: { enp }, caller: clinic }), 200);
    },
  },
  {
    name: 'verify a policy by passport (clinic)',
    of: 'verifyPolicy',
    budget: { readUnits: 1, writeUnits: 4 },
    prepare: async (r) => {
      await r.numbered(11);
      const { documents } = adultApplication(11);
      return () => ok(r.http('verifyPolicy', { method: 'POST', path: '/verifications', body: { document: documents[0] }, caller: clinic }), 200);
    },
  },
  {
    name: 'verify an unknown ЕНП (a miss)',
    of: 'verifyPolicy',
    budget: { readUnits: 0.5, writeUnits: 2 },
    prepare: async (r) => () => ok(r.http('verifyPolicy', { method: 'POST', path: '/verifications', body: { enp: '7700000000000032' }, caller: clinic }), 404),
  },
  {
    name: 'the OpenAPI document',
    of: 'getOpenApiDocument',
    budget: { readUnits: 0, writeUnits: 0 },
    prepare: async (r) => () => ok(r.http('getOpenApiDocument', { path: '/openapi.json' }), 200),
  },
  {
    name: 'assign a number (one application)',
    of: 'numbering/assign-numbers',
    budget: { readUnits: 1, writeUnits: 10 },
    prepare: async (r) => {
      const { applicationId } = await r.file(12);
      return async () => {
        const out = await assignNumbers(sqsEvent([JSON.stringify({ applicationId })]), context);
        if (out.batchItemFailures.length > 0) throw new Error('assignment failed');
      };
    },
  },
  {
    name: 'sweep for stalled applications (none due)',
    of: 'numbering/requeue-stalled-applications',
    budget: { readUnits: 8, writeUnits: 0 },
    prepare: async (r) => {
      await r.numbered(13);
      return () => requeueStalled({}, context);
    },
  },
  {
    name: 'sweep for stalled applications (one due)',
    of: 'numbering/requeue-stalled-applications',
    budget: { readUnits: 8, writeUnits: 3 },
    prepare: async (r) => {
      await r.file(14);
      // The sweeper runs after the grace period, when the application is due for another look.
      r.deps.clock = fixedClock(LATER);
      return () => requeueStalled({}, context);
    },
  },
  {
    name: 'read the personal account (its citizen)',
    of: 'getPersonAccount',
    budget: { readUnits: 1, writeUnits: 0 },
    prepare: async (r) => {
      const { personId } = await r.own(15);
      return () => ok(r.http('getPersonAccount', { path: `/persons/${personId}/account`, pathParameters: { personId }, caller: citizenFor(15) }), 200);
    },
  },
  {
    name: 'read the history (operator)',
    of: 'getPersonHistory',
    budget: { readUnits: 1, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.numbered(16);
      return () => ok(r.http('getPersonHistory', { path: `/persons/${personId}/history`, pathParameters: { personId }, caller: mfc }), 200);
    },
  },
  {
    name: 'suspend a policy (its citizen)',
    of: 'suspendPolicy',
    budget: { readUnits: 1.5, writeUnits: 10 },
    prepare: async (r) => {
      const { personId } = await r.own(17);
      const path = `/persons/${personId}/policy/suspension`;
      return () => ok(r.http('suspendPolicy', { method: 'POST', path, pathParameters: { personId }, body: { reason: 'military_service', endsOn: '2027-11-30' }, caller: citizenFor(17) }), 200);
    },
  },
  {
    name: 'resume a policy (operator)',
    of: 'resumePolicy',
    budget: { readUnits: 1, writeUnits: 9 },
    prepare: async (r) => {
      const { personId } = await r.numbered(18);
      const path = `/persons/${personId}/policy/suspension`;
      await ok(r.http('suspendPolicy', { method: 'POST', path, pathParameters: { personId }, body: { reason: 'stay_abroad' }, caller: mfc }), 200);
      return () => ok(r.http('resumePolicy', { method: 'DELETE', path, pathParameters: { personId }, caller: mfc }), 200);
    },
  },
  {
    name: 'terminate a policy (operator)',
    of: 'terminatePolicy',
    budget: { readUnits: 1, writeUnits: 9 },
    prepare: async (r) => {
      const { personId } = await r.numbered(19);
      return () => ok(r.http('terminatePolicy', { method: 'POST', path: `/persons/${personId}/policy/termination`, pathParameters: { personId }, body: { reason: 'death' }, caller: mfc }), 200);
    },
  },
  {
    name: 'move to another region (its citizen)',
    of: 'changeRegion',
    budget: { readUnits: 1.5, writeUnits: 11 },
    prepare: async (r) => {
      const { personId } = await r.own(20);
      return () => ok(r.http('changeRegion', { method: 'POST', path: `/persons/${personId}/region`, pathParameters: { personId }, body: { region: '78' }, caller: citizenFor(20) }), 200);
    },
  },
  {
    name: 'change the insurer at will (its citizen)',
    of: 'chooseInsurer',
    budget: { readUnits: 1.5, writeUnits: 14 },
    prepare: async (r) => {
      r.deps.clock = fixedClock(BEFORE_DEADLINE);
      const { personId } = await r.own(40);
      const insurerId = (await r.deps.store.getPerson(personId))!.insurerId === 'reso-med' ? 'kapital-ms' : 'reso-med';
      return () => ok(r.http('chooseInsurer', { method: 'POST', path: `/persons/${personId}/insurer`, pathParameters: { personId }, body: { insurerId }, caller: citizenFor(40) }), 200);
    },
  },
  {
    name: 'attach to a clinic (operator)',
    of: 'chooseClinic',
    budget: { readUnits: 1, writeUnits: 8 },
    prepare: async (r) => {
      const { personId } = await r.numbered(41);
      return () => ok(r.http('chooseClinic', { method: 'POST', path: `/persons/${personId}/clinic`, pathParameters: { personId }, body: { clinicCode: '770101' }, caller: mfc }), 200);
    },
  },
  {
    name: 'change the doctor, counted (operator)',
    of: 'chooseDoctor',
    budget: { readUnits: 1, writeUnits: 9 },
    prepare: async (r) => {
      const { personId } = await r.numbered(42);
      const choose = (path: string, body: object) => ok(r.http(path === 'clinic' ? 'chooseClinic' : 'chooseDoctor', { method: 'POST', path: `/persons/${personId}/${path}`, pathParameters: { personId }, body, caller: mfc }), 200);
      await choose('clinic', { clinicCode: '770101' });
      await choose('doctor', { doctorCode: '770101-01' });
      return () => choose('doctor', { doctorCode: '770101-02' });
    },
  },
  {
    name: 'reset yearly counts (none due)',
    of: 'choices/reset-yearly-limits',
    budget: { readUnits: 8, writeUnits: 0 },
    prepare: async (r) => {
      await r.numbered(43);
      return () => resetYearly({}, context);
    },
  },
  {
    name: 'reset yearly counts (one due)',
    of: 'choices/reset-yearly-limits',
    budget: { readUnits: 8, writeUnits: 2 },
    prepare: async (r) => {
      const { personId } = await r.numbered(44);
      await ok(r.http('chooseClinic', { method: 'POST', path: `/persons/${personId}/clinic`, pathParameters: { personId }, body: { clinicCode: '770101' }, caller: mfc }), 200);
      await ok(r.http('chooseClinic', { method: 'POST', path: `/persons/${personId}/clinic`, pathParameters: { personId }, body: { clinicCode: '770103' }, caller: mfc }), 200);
      r.deps.clock = fixedClock('2027-01-01T00:00:00Z');
      return async () => {
        const out = (await resetYearly({}, context)) as { cleared: number };
        if (out.cleared !== 1) throw new Error(`cleared ${out.cleared}`);
      };
    },
  },
  {
    name: 'reassign after contracts ended (none ended)',
    of: 'choices/reassign-ended-contracts',
    budget: { readUnits: 0, writeUnits: 0 },
    prepare: async (r) => {
      await r.numbered(45);
      return () => reassign({}, context);
    },
  },
  {
    name: 'reassign one person after a contract ended',
    of: 'choices/reassign-ended-contracts',
    budget: { readUnits: 9, writeUnits: 11 },
    // Ends a contract in its catalogue: a copy of its own.
    catalogues: 'own',
    prepare: async (r) => {
      const { personId } = await r.numbered(46);
      await endContract(r.deps, '77', (await r.deps.store.getPerson(personId))!.insurerId, '2026-11-01');
      return async () => {
        const out = (await reassign({}, context)) as { reassigned: number };
        if (out.reassigned !== 1) throw new Error(`reassigned ${out.reassigned}`);
      };
    },
  },
  {
    name: 'convert temporary policies (none due)',
    of: 'lifecycle/convert-temporary-policies',
    budget: { readUnits: 8, writeUnits: 0 },
    prepare: async (r) => {
      await r.numbered(21);
      return () => convertTemporary({}, context);
    },
  },
  {
    name: 'convert a temporary policy (one due)',
    of: 'lifecycle/convert-temporary-policies',
    budget: { readUnits: 9, writeUnits: 13 },
    prepare: async (r) => {
      await r.numbered(22);
      r.deps.clock = fixedClock(CONVERSION_DAY);
      return async () => {
        const out = (await convertTemporary({}, context)) as { converted: number };
        if (out.converted !== 1) throw new Error(`converted ${out.converted}`);
      };
    },
  },
  {
    name: 'show the PIN once (its citizen)',
    of: 'showPin',
    budget: { readUnits: 1.5, writeUnits: 2 },
    prepare: async (r) => {
      const { personId } = await r.own(23);
      await r.convertAll();
      return () => ok(r.http('showPin', { method: 'POST', path: `/persons/${personId}/pin/reveal`, pathParameters: { personId }, caller: citizenFor(23) }), 200);
    },
  },
  {
    name: 'check a PIN (its citizen)',
    of: 'checkPin',
    budget: { readUnits: 1.5, writeUnits: 1 },
    prepare: async (r) => {
      const { personId } = await r.own(24);
      await r.convertAll();
      const path = `/persons/${personId}/pin`;
      const { pin } = body(await ok(r.http('showPin', { method: 'POST', path: `${path}/reveal`, pathParameters: { personId }, caller: citizenFor(24) }), 200));
      return () => ok(r.http('checkPin', { method: 'POST', path: `${path}/check`, pathParameters: { personId }, body: { pin }, caller: citizenFor(24) }), 200);
    },
  },
  {
    name: 'issue a new PIN (office)',
    of: 'issuePin',
    budget: { readUnits: 1, writeUnits: 6 },
    prepare: async (r) => {
      const { personId } = await r.numbered(25);
      await r.convertAll();
      return () => ok(r.http('issuePin', { method: 'POST', path: `/persons/${personId}/pin`, pathParameters: { personId }, body: { document: adultApplication(25).documents[0] }, caller: mfc }), 201);
    },
  },
  {
    // Reads the person with the PIN (one Query), the account's links; counts the PIN; one transaction
    // of the person, the passport's lookup moved (delete, put), the history entry and the audit entry.
    name: 'change own details with the PIN: a new passport (its citizen)',
    of: 'changePerson',
    budget: { readUnits: 1.5, writeUnits: 11 },
    prepare: async (r) => {
      const { personId } = await r.own(26);
      await r.convertAll();
      const path = `/persons/${personId}`;
      const { pin } = body(await ok(r.http('showPin', { method: 'POST', path: `${path}/pin/reveal`, pathParameters: { personId }, caller: citizenFor(26) }), 200));
      const change = { pin, document: { type: 14, series: '4520', number: '700026', issuedOn: '2026-12-20' } };
      return () => ok(r.http('changePerson', { method: 'PATCH', path, pathParameters: { personId }, body: change, caller: citizenFor(26) }), 200);
    },
  },
  {
    name: 'change the surname after a marriage (operator)',
    of: 'changePerson',
    budget: { readUnits: 1, writeUnits: 6 },
    prepare: async (r) => {
      const { personId } = await r.numbered(27);
      const change = { lastName: 'Смирнова', nameChangeBasis: { kind: 'marriage', series: 'II-МЮ', number: '654321', issuedOn: '2026-11-20' } };
      return () => ok(r.http('changePerson', { method: 'PATCH', path: `/persons/${personId}`, pathParameters: { personId }, body: change, caller: mfc }), 200);
    },
  },
  {
    name: 'apply policy deadlines (none due)',
    of: 'lifecycle/apply-policy-deadlines',
    budget: { readUnits: 8, writeUnits: 0 },
    prepare: async (r) => {
      await r.numbered(26);
      return () => applyDeadlines({}, context);
    },
  },
  {
    name: 'apply a deadline (a suspension ends)',
    of: 'lifecycle/apply-policy-deadlines',
    budget: { readUnits: 9, writeUnits: 8 },
    prepare: async (r) => {
      const { personId } = await r.numbered(27);
      await ok(r.http('suspendPolicy', { method: 'POST', path: `/persons/${personId}/policy/suspension`, pathParameters: { personId }, body: { reason: 'military_service', endsOn: '2026-12-01' }, caller: mfc }), 200);
      r.deps.clock = fixedClock('2026-12-01T09:00:00Z');
      return async () => {
        const out = (await applyDeadlines({}, context)) as { resumed: number };
        if (out.resumed !== 1) throw new Error(`resumed ${out.resumed}`);
      };
    },
  },
  ...CATALOGUE_OPERATIONS,
  ...BARCODE_OPERATIONS,
  ...REGISTRY_OPERATIONS,
  ...CARE_OPERATIONS,
  ...COMPLAINT_OPERATIONS,
];

export interface Measured {
  operation: MeteredOperation;
  calls: MeteredCall[];
  units: Units;
  /** The calls in words: `GetItem, PutItem`. */
  described: string;
}

/** Runs every operation against a DynamoDB Local at `endpoint`, each on a fresh table. */
export async function measureOperations(endpoint: string, operations = OPERATIONS): Promise<Measured[]> {
  const connection = { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const client = new DynamoDBClient(connection);
  const peek = new DynamoDBClient(connection);
  const measured: Measured[] = [];
  // Seeding a table's catalogues takes longer than most operations: the operations that only read
  // them share one seeded table.
  const sharedCatalogues = `units-catalogues-${randomUUID().slice(0, 8)}`;
  await ensureRegisterTable(endpoint, sharedCatalogues);
  const shared = await seededTableCatalogues(client, sharedCatalogues);
  try {
    for (const operation of operations) {
      const tableName = `units-${randomUUID().slice(0, 8)}`;
      await ensureRegisterTable(endpoint, tableName);
      const meter = new RequestUnitMeter(tableName, peek);
      const metered = new DynamoDBClient(connection);
      meter.attach(metered);
      // Catalogues are read through a client of their own, not metered: each function keeps them a
      // minute, so they cost per instance and minute, not per request (the README counts them apart);
      // the catalogue routes' own reads and writes are metered.
      const seeded = operation.catalogues === undefined ? shared : await seededTableCatalogues(client, tableName);
      const catalogues = operation.catalogues === 'metered' ? new CatalogueReader(new DynamoDbCatalogueStore(metered, tableName), 0) : seeded;
      // The signing keys likewise: a function keeps the ring a minute and the private key for its life.
      const vault = memoryVault();
      const unmeteredSigning = await tableSigning(client, tableName, new Date(NOW), vault);
      const signing = operation.signing === 'metered' ? new SigningKeys(new DynamoDbSigningKeyStore(metered, tableName), () => vault, 0) : unmeteredSigning;
      const register = registerOn(tableName, metered, catalogues, signing);
      try {
        const run = await operation.prepare(register);
        meter.take();
        await run();
        const calls = meter.take();
        measured.push({ operation, calls, units: totals(calls), described: describeCalls(calls) });
      } finally {
        useDependencies(undefined);
        metered.destroy();
      }
    }
  } finally {
    client.destroy();
    peek.destroy();
  }
  return measured;
}

function registerOn(tableName: string, client: DynamoDBClient, catalogues: CatalogueReader, signing: SigningKeys): Register {
  const queue = new RecordingQueue();
  const deps = createDependencies({
    env: { TABLE_NAME: tableName, LOOKUP_KEY: TEST_LOOKUP_KEY },
    store: new DynamoDbRegisterStore(client, tableName),
    registry: new DynamoDbRegistryStore(client, tableName),
    personChanges: new DynamoDbPersonChangeStore(client, tableName),
    care: new DynamoDbCareStore(client, tableName),
    complaints: new DynamoDbComplaintStore(client, tableName),
    numberRequests: queue,
    catalogues,
    signing,
    clock: fixedClock(NOW),
  });
  useDependencies(deps);
  const http = (operationId: OperationId, init: Parameters<typeof httpEvent>[0]) => ROUTE_HANDLERS[operationId](httpEvent(init), context);
  const file = async (seed: number) => {
    const filed = body(await ok(http('submitApplication', { method: 'POST', path: '/applications', body: viaMfc(adultApplication(seed)), caller: mfc }), 201));
    return { applicationId: String(filed.application.id), personId: String(filed.application.personId) };
  };
  return {
    deps,
    queue,
    http,
    file,
    async numbered(seed) {
      const filed = await file(seed);
      await assignNumbers(sqsEvent([JSON.stringify({ applicationId: filed.applicationId })]), context);
      const person = await deps.store.getPerson(filed.personId);
      return { ...filed, enp: person!.enp! };
    },
    async own(seed) {
      const filed = body(await ok(http('submitApplication', { method: 'POST', path: '/applications', body: adultApplication(seed), caller: citizenFor(seed) }), 201));
      const ids = { applicationId: String(filed.application.id), personId: String(filed.application.personId) };
      await assignNumbers(sqsEvent([JSON.stringify({ applicationId: ids.applicationId })]), context);
      return ids;
    },
    async convertAll() {
      deps.clock = fixedClock(CONVERSION_DAY);
      await convertTemporary({}, context);
    },
  };
}

export const withinBudget = (m: Measured) => m.units.readUnits <= m.operation.budget.readUnits && m.units.writeUnits <= m.operation.budget.writeUnits;

/** The README's cost table. */
export function unitsTable(measured: Measured[]): string {
  const rows = measured.map(
    (m) => `| ${m.operation.name} | \`${m.operation.of}\` | ${m.described} | ${m.units.writeUnits} | ${m.units.readUnits} | ${m.operation.budget.writeUnits} / ${m.operation.budget.readUnits} |`,
  );
  return ['| operation | route or job | DynamoDB calls | WRU | RRU | budget WRU / RRU |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

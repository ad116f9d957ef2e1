import { createSocket, type Socket } from 'node:dgram';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProductionCalendar } from '#shared/calendar/year-files.ts';
import { routes } from '#shared/config/routes.ts';
import { queues } from '#shared/config/queues.ts';
import { scheduleInput, schedules } from '#shared/config/schedules.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { isValidEnp } from '#shared/domain/enp.ts';
import { declarationOf, declaredHandlers } from '#infra/functions.ts';
import { ensureRegisterTable, startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/engines/dynamodb.ts';
import { startQueues, type LocalQueues } from '#infra/local/engines/sqs.ts';
import { adultApplication, citizenFor, clinic, fundAdmin, mfcOperator } from '../support/applications.ts';
import { deployStepEvent, httpEvent, sqsEvent } from '../support/events.ts';
import { LambdaProcess } from '../support/lambda-process.ts';
import { scanBarcode } from '../support/scanner.ts';
import { startLocalSecrets } from '../support/local-secrets.ts';
import { bundleContents, ROOT, runtimeEnvironment, synthesize, synthesizedFunctions, type BundleContents, type SynthesizedFunction } from '../support/synthesized.ts';

/**
 * The artifacts Lambda runs, with the environment Lambda gives them: every function bundled by
 * `npm run synth`, run in a process of its own with exactly the variables of the synthesized
 * template (references resolved to the local engines). A variable a function reads but the stack
 * does not give it, or a data file left out of its bundle, fails here.
 */
// Inside the project, so that the external AWS SDK resolves from node_modules as the runtime's would.
const OUT = join(ROOT, 'node_modules', '.cache', `synth-${process.pid}`);
const TABLE = 'register-deployed';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:lookup-key';
const SIGNING_KEYS_ARN = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:barcode-signing-keys';

let engine: DynamoDbLocal;
let sqs: LocalQueues;
let secrets: Awaited<ReturnType<typeof startLocalSecrets>>;
let deployed: Map<string, SynthesizedFunction>;
/** Resolves once nothing was added to the list for the given time. */
async function quiet(list: unknown[], ms: number): Promise<void> {
  for (let seen = -1; seen !== list.length; ) {
    seen = list.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** Stands in for the X-Ray daemon Lambda runs beside a traced function: every segment document it receives. */
let xrayDaemon: Socket;
const segments: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
const processes: LambdaProcess[] = [];
const running = new Map<string, LambdaProcess>();

function start(handler: string, overrides: { dir?: string; env?: (env: Record<string, string>) => Record<string, string> } = {}): LambdaProcess {
  const fn = deployed.get(handler)!;
  const memory = declaredHandlers().find((h) => h.handler === handler)!.memoryMb;
  const env = {
    ...runtimeEnvironment(fn, memory, { dynamodb: engine.endpoint, sqs: sqs.endpoint, secretsManager: secrets.endpoint }),
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${xrayDaemon.address().port}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    ...fn.env,
  };
  const p = new LambdaProcess(overrides.dir ?? fn.dir, overrides.env ? overrides.env(env) : env);
  processes.push(p);
  return p;
}

function invoke(handler: string, event: unknown) {
  if (!running.has(handler)) running.set(handler, start(handler));
  return running.get(handler)!.invoke(event);
}

beforeAll(async () => {
  xrayDaemon = createSocket('udp4').on('message', (m) => segments.push(JSON.parse(m.toString().split('\n')[1]!)));
  await new Promise<void>((done) => xrayDaemon.bind(0, '127.0.0.1', done));
  [engine, sqs, secrets] = await Promise.all([
    startDynamoDbLocal({}),
    startQueues(queues, 'deployed'),
    startLocalSecrets({ [SECRET_ARN]: 's'.repeat(64), [SIGNING_KEYS_ARN]: JSON.stringify({ keys: [], placeholder: 'x' }) }),
  ]);
  await ensureRegisterTable(engine.endpoint, TABLE);
  synthesize(OUT);
  deployed = synthesizedFunctions(OUT, { table: TABLE, secretArn: SECRET_ARN, signingKeysArn: SIGNING_KEYS_ARN, queueUrl: (name) => sqs.queues[name]!.url });
  for (const fn of deployed.values()) expect(fn.entry, fn.handler).toBe('index.handler');
  // As a deploy does (the stack's custom resource): the first barcode signing key, its private half
  // written to the secret (the catalogues' seed is loaded by the first test, as the deploy step).
  expect(await invoke('signing/make-first-signing-key', { RequestType: 'Create' })).toMatchObject({ PhysicalResourceId: 'barcode-signing-keys', Data: { rotated: 'true', version: '1' } });
}, 120_000);

afterAll(async () => {
  for (const p of processes) p.stop();
  xrayDaemon?.close();
  await Promise.all([engine?.stop(), sqs?.stop(), secrets?.stop()]);
  rmSync(OUT, { recursive: true, force: true });
});

describe('the deployed functions, as bundled and configured by the stack', () => {
  it('are every declared function', () => {
    expect([...deployed.keys()].sort()).toEqual(declaredHandlers().map((h) => h.handler).sort());
  });

  it('load the seed as the deploy step does: CloudFormation\'s create, then an update that finds it loaded', async () => {
    const created = await invoke('catalogues/load-seed', seedStep('Create'));
    expect(created).toEqual({ PhysicalResourceId: 'catalogue-seed', Data: { loaded: expect.stringMatching(/^[1-9]\d*$/), kept: '0' } });
    const updated = await invoke('catalogues/load-seed', seedStep('Update'));
    expect(updated).toEqual({ PhysicalResourceId: 'catalogue-seed', Data: { loaded: '0', kept: created.Data.loaded } });
    expect(await invoke('catalogues/load-seed', seedStep('Delete'))).toEqual({ PhysicalResourceId: 'catalogue-seed' });
  });

  it('serve the whole flow with only the variables the template gives each of them', async () => {
    const citizen = citizenFor(1);
    const created = await invoke('applications/submit-application', httpEvent({ method: 'POST', path: '/applications', body: adultApplication(1), caller: citizen }));
    expect(created.statusCode, created.body).toBe(201);
    const { application } = JSON.parse(created.body) as { application: { id: string; personId: string; submittedAt: string; numberDueAt: string } };
    // The production calendar is read from the table, as the seed loaded it from the year files beside the step's bundle.
    expect(application.numberDueAt).toBe(loadProductionCalendar().endOfNextWorkingDay(new Date(application.submittedAt), 'Europe/Moscow').toISOString());

    expect(await invoke('numbering/assign-numbers', sqsEvent([JSON.stringify({ applicationId: application.id })]))).toEqual({ batchItemFailures: [] });

    const asCitizen = (path: string, params: Record<string, string>) => httpEvent({ path, pathParameters: params, caller: citizen });
    const status = await invoke('applications/get-application', asCitizen(`/applications/${application.id}`, { applicationId: application.id }));
    expect(status.statusCode).toBe(200);
    const { enp } = JSON.parse(status.body) as { enp: string };
    expect(isValidEnp(enp)).toBe(true);
    for (const [handler, path] of [
      ['persons/get-person', `/persons/${application.personId}`],
      ['persons/get-policy', `/persons/${application.personId}/policy`],
    ] as const) {
      const answer = await invoke(handler, asCitizen(path, { personId: application.personId }));
      expect(answer.statusCode, `${handler}: ${answer.body}`).toBe(200);
    }
    // An office records a new passport: the old one no longer finds the person, the new one does.
    const renewed = { type: 14, series: '4520', number: '700001', issuedOn: '2024-05-10' };
    const changed = await invoke(
      'persons/change-person',
      httpEvent({ method: 'PATCH', path: `/persons/${application.personId}`, pathParameters: { personId: application.personId }, body: { document: renewed }, caller: mfcOperator('77') }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(JSON.parse(changed.body)).toMatchObject({ documents: [renewed] });
    const audit = await invoke('persons/get-audit', httpEvent({ path: `/persons/${application.personId}/audit`, pathParameters: { personId: application.personId }, caller: fundAdmin }));
    expect(audit.statusCode, audit.body).toBe(200);

    // A complaint: filed by the person, routed to their insurer, taken in hand and answered by it, counted for the fund.
    const personId = application.personId;
    const insurerId = (JSON.parse((await invoke('persons/get-person', asCitizen(`/persons/${personId}`, { personId }))).body) as { insurerId: string }).insurerId;
    const theInsurer = { subject: `insurer-${insurerId}`, roles: ['insurer' as const], insurerId };
    const complaint = await invoke(
      'complaints/file-complaint',
      httpEvent({ method: 'POST', path: `/persons/${personId}/complaints`, pathParameters: { personId }, caller: citizen, headers: { 'idempotency-key': 'flow-1' }, body: { kind: 'no_appointment', clinicCode: '770101', incidentOn: '2026-01-10', text: 'Не записали к терапевту.' } }),
    );
    expect(complaint.statusCode, complaint.body).toBe(201);
    const { complaintId } = JSON.parse(complaint.body) as { complaintId: string };
    const open = await invoke('complaints/get-open-complaints', httpEvent({ path: '/complaints', caller: theInsurer }));
    expect(JSON.parse(open.body), open.body).toMatchObject({ items: [{ complaintId, status: 'received' }] });
    const answered = await invoke(
      'complaints/change-complaint',
      httpEvent({ method: 'PATCH', path: `/persons/${personId}/complaints/${complaintId}`, pathParameters: { personId, complaintId }, caller: theInsurer, body: { status: 'answered', answer: 'Вас записали.' } }),
    );
    expect(answered.statusCode, answered.body).toBe(200);
    const mine = await invoke('complaints/get-person-complaints', asCitizen(`/persons/${personId}/complaints`, { personId }));
    expect(JSON.parse(mine.body), mine.body).toMatchObject({ items: [{ complaintId, status: 'answered', answer: { text: 'Вас записали.' } }] });
    const counts = await invoke('complaints/get-complaint-counts', httpEvent({ path: '/complaints/overdue', caller: fundAdmin }));
    expect(JSON.parse(counts.body), counts.body).toEqual({ items: [{ insurerId, region: '77', open: 0, overdue: 0 }] });

    const verified = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body: { enp }, caller: clinic }));
    expect(verified.statusCode, verified.body).toBe(200);
    const byDocument = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body: { document: { type: 14, series: '4520', number: '700001' } }, caller: clinic }));
    expect(JSON.parse(byDocument.body)).toMatchObject({ enp });
    const byOldDocument = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body: { document: adultApplication(1).documents[0] }, caller: clinic }));
    expect(byOldDocument.statusCode, byOldDocument.body).toBe(404);

    // The policy shown, signed with the key the deploy step made (its private half read from the secret), and checked again.
    const shown = (handler: string, path: string, query?: Record<string, string>) => invoke(handler, httpEvent({ path, pathParameters: { personId: application.personId }, queryStringParameters: query, caller: citizen }));
    const barcode = await shown('barcodes/get-policy-barcode', `/persons/${application.personId}/policy/barcode`, { type: 'pdf417', format: 'png' });
    expect(barcode.statusCode, barcode.body).toBe(200);
    const [scanned] = await scanBarcode(Buffer.from(barcode.body, barcode.isBase64Encoded ? 'base64' : 'utf8'));
    const byBarcode = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body: { barcode: Buffer.from(scanned!.bytes).toString('base64') }, caller: clinic }));
    expect(JSON.parse(byBarcode.body), byBarcode.body).toMatchObject({ enp, careToday: true, barcode: { structure: 2, signedBy: 'register', kid: 1 } });
    const extract = await shown('extracts/get-extract', `/persons/${application.personId}/extract.pdf`);
    expect(extract.statusCode, extract.body).toBe(200);
    expect(Buffer.from(extract.body, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const keys = await invoke('signing/get-jwks', httpEvent({ path: '/.well-known/jwks.json' }));
    expect(JSON.parse(keys.body)).toMatchObject({ keys: [{ kty: 'OKP', crv: 'Ed25519', kid: '1' }] });

    // The person's insurer reports care, one event and a day's file; the person reads the history.
    const insurer = theInsurer;
    const care = { date: '2025-01-15', clinicCode: '770101', kind: 'primary', diagnosisGroup: 'J00-J06' };
    const reported = await invoke('care/record-care-event', httpEvent({ method: 'POST', path: `/persons/${application.personId}/care-events`, pathParameters: { personId: application.personId }, body: { eventId: 'D-1', ...care }, caller: insurer }));
    expect(reported.statusCode, reported.body).toBe(201);
    const file = await invoke('care/record-care-events', httpEvent({ method: 'POST', path: '/care-events', body: { events: [{ personId: application.personId, eventId: 'D-1', ...care }, { personId: application.personId, eventId: 'D-2', ...care }] }, caller: insurer }));
    expect(JSON.parse(file.body), file.body).toMatchObject({ created: 1, replayed: 1, refused: 0 });
    const careHistory = await invoke('care/get-care-history', asCitizen(`/persons/${application.personId}/care-history`, { personId: application.personId }));
    expect(JSON.parse(careHistory.body), careHistory.body).toMatchObject({ items: [{ diagnosisGroup: 'J00-J06' }, { diagnosisGroup: 'J00-J06' }] });

    for (const s of schedules) expect(await invoke(s.handler, scheduleInput(s.name)), s.name).toEqual(NOTHING_DUE[s.name]);

    // A birth from the civil registry (the filed person named as the parent), and the fund's list of the unmatched.
    const birth = JSON.parse(readFileSync('infra/local/registry-events/birth.json', 'utf8')) as Record<string, unknown>;
    expect(await invoke('registry/apply-registry-events', sqsEvent([JSON.stringify({ ...birth, mother: { snils: adultApplication(1).person.snils } })]))).toEqual({ batchItemFailures: [] });
    const unmatched = await invoke('registry/get-unmatched', httpEvent({ path: '/registry/unmatched', caller: fundAdmin }));
    expect(unmatched.statusCode, unmatched.body).toBe(200);
    expect(JSON.parse(unmatched.body)).toEqual({ items: [] });
    const resolution = await invoke('registry/resolve-unmatched', httpEvent({ method: 'POST', path: '/registry/unmatched/none/resolution', pathParameters: { eventId: 'none' }, body: { action: 'dismiss', reason: 'duplicate' }, caller: fundAdmin }));
    expect(JSON.parse(resolution.body), resolution.body).toMatchObject({ status: 404, code: 'not-found' });

    const doc = await invoke('openapi/get-document', httpEvent({ path: '/openapi.json' }));
    expect(JSON.parse(doc.body)).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://api.example.org' }] });

    // Their logs are structured and hold nothing personal.
    const logs = processes.map((p) => p.output).join('');
    expect(logs).toContain('"message":"number assigned"');
    for (const secret of [adultApplication(1).person.snils!, adultApplication(1).person.snils!.replace(/\D/g, ''), adultApplication(1).documents[0]!.number, '700001', 'Иванов', 'Петрова', '654321', 'J00-J06', 'Не записали']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('read and change the catalogues and the calendar', async () => {
    const seeded = (kind: string, scope: string) => seedDocuments().find((d) => d.kind === kind && d.scope === scope)!.data;
    const reads: [string, Record<string, string> | undefined, Record<string, string> | undefined][] = [
      ['catalogues/get-insurers', { region: '77' }, undefined],
      ['catalogues/get-clinics', { region: '77' }, undefined],
      ['catalogues/get-doctors', undefined, { code: '770101' }],
      ['catalogues/get-free-care', { region: '77' }, undefined],
      ['catalogues/get-regional-care', { region: '77' }, undefined],
      ['calendar/get-year', undefined, { year: '2026' }],
    ];
    for (const [handler, query, params] of reads) {
      const answer = await invoke(handler, httpEvent({ path: '/catalogues', queryStringParameters: query, pathParameters: params, caller: citizenFor(4) }));
      expect(answer.statusCode, `${handler}: ${answer.body}`).toBe(200);
      expect(answer.headers, handler).toMatchObject({ etag: expect.stringMatching(/^"[\d.]+"$/), 'cache-control': 'public, max-age=60' });
      const again = await invoke(handler, httpEvent({ path: '/catalogues', queryStringParameters: query, pathParameters: params, headers: { 'if-none-match': answer.headers.etag }, caller: clinic }));
      expect(again.statusCode, handler).toBe(304);
    }
    const changes: [string, unknown, Record<string, string> | undefined, Record<string, string> | undefined][] = [
      ['catalogues/put-insurers', seeded('insurers', '77'), { region: '77' }, undefined],
      ['catalogues/put-clinics', seeded('clinics', '77'), { region: '77' }, undefined],
      ['catalogues/put-doctors', seeded('doctors', '770101'), undefined, { code: '770101' }],
      ['catalogues/put-free-care', seeded('free-care', 'RU'), undefined, undefined],
      ['catalogues/put-regional-care', seeded('regional-care', '77'), { region: '77' }, undefined],
      ['calendar/put-year', seeded('calendar', '2026'), undefined, { year: '2026' }],
    ];
    for (const [handler, body, query, params] of changes) {
      const put = (headers?: Record<string, string>) => invoke(handler, httpEvent({ method: 'PUT', path: '/catalogues', body, queryStringParameters: query, pathParameters: params, headers, caller: fundAdmin }));
      const answer = await put({ 'if-match': '"1"' });
      expect(answer.statusCode, `${handler}: ${answer.body}`).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ version: 2, source: 'fund', changedBy: { roles: ['fund_admin'] } });
      expect((await put({ 'if-match': '"1"' })).statusCode, handler).toBe(412);
    }
    // The fund's change stays when the seed loads again.
    expect(await invoke('catalogues/load-seed', seedStep('Update'))).toMatchObject({ Data: { loaded: '0' } });
    const logs = processes.map((p) => p.output).join('');
    expect(logs).toContain('"message":"catalogue version written"');
    // Doctors' names are in the catalogue, never in the logs.
    expect(logs).not.toContain((seeded('doctors', '770101') as { doctors: { name: string }[] }).doctors[0]!.name);
  });

  it("name the failing fields in zod's English words, though their bundles load only zod's light entry point", async () => {
    const person = '01KAT8D4R0X1Z9E3JH2Q7M5V6B';
    const page = await invoke('persons/get-audit', httpEvent({ path: `/persons/${person}/audit`, pathParameters: { personId: person }, queryStringParameters: { limit: '0' }, caller: fundAdmin }));
    expect(page.statusCode).toBe(422);
    expect(JSON.parse(page.body).errors).toEqual([{ pointer: '/limit', code: 'invalid', detail: 'Too small: expected number to be >=1' }]);
    const body = { document: { type: 14, series: 'x'.repeat(13), number: '1' } };
    const verified = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body, caller: clinic }));
    expect(verified.statusCode).toBe(422);
    expect(JSON.parse(verified.body).errors).toEqual([{ pointer: '/document/series', code: 'invalid', detail: 'Too big: expected string to have <=12 characters' }]);
  });

  it('publish their metrics where the stack reads them, and trace every AWS call, with nothing personal in either', async () => {
    // Segments travel by UDP after an invocation answers: the earlier tests' stragglers land first.
    await quiet(segments, 300);
    const from = segments.length;
    const citizen = citizenFor(3);
    const filing = httpEvent({ method: 'POST', path: '/applications', body: adultApplication(3), caller: citizen });
    const created = await invoke('applications/submit-application', filing);
    expect(created.statusCode, created.body).toBe(201);
    const refused = await invoke('applications/submit-application', httpEvent({ method: 'POST', path: '/applications', body: adultApplication(3), caller: citizen }));
    expect(refused.statusCode).toBe(409);
    const { application } = JSON.parse(created.body) as { application: { id: string } };
    expect(await invoke('numbering/assign-numbers', sqsEvent([JSON.stringify({ applicationId: application.id })]))).toEqual({ batchItemFailures: [] });

    // EMF lines, in the namespace the template gives (the one its dashboard and alarms read).
    const namespace = deployed.get('applications/submit-application')!.env.POWERTOOLS_METRICS_NAMESPACE;
    expect(namespace).toBe('OmsRegister/dev');
    const emf = processes
      .flatMap((p) => p.output.split('\n'))
      .filter((l) => l.startsWith('{"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const line of emf) expect(line._aws.CloudWatchMetrics[0].Namespace).toBe(namespace);
    expect(emf).toContainEqual(expect.objectContaining({ operation: 'applications/submit-application', ApplicationsFiled: 1, ConsumedWriteUnits: expect.any(Number) }));
    expect(emf.find((l) => l.ApplicationsFiled)!.ConsumedWriteUnits).toBeGreaterThan(0);
    expect(emf).toContainEqual(expect.objectContaining({ operation: 'applications/submit-application', code: JSON.parse(refused.body).code, Refusals: 1 }));
    expect(emf).toContainEqual(expect.objectContaining({ operation: 'numbering/assign-numbers', NumbersAssigned: 1, NumbersAssignedPastDue: 0 }));

    // Subsegments sent to the X-Ray daemon: the handler, and each DynamoDB and SQS call in it.
    await vi.waitFor(() => expect(segments.slice(from).filter((s) => s.name === '## index.handler')).toHaveLength(3), { timeout: 5000 });
    const traced = segments.slice(from);
    expect(new Set(traced.map((s) => s.name))).toEqual(new Set(['## index.handler', 'DynamoDB', 'SQS']));
    expect(traced.filter((s) => s.name === 'DynamoDB').map((s) => s.aws.operation)).toContain('TransactWriteItems');
    // A refusal (409) is an answer, not a fault; and no answer is recorded in a trace.
    for (const handler of traced.filter((s) => s.name === '## index.handler')) {
      expect(handler.fault, JSON.stringify(handler)).toBeUndefined();
      expect(handler.metadata).toBeUndefined();
    }
    const text = JSON.stringify({ traced, emf });
    const person = adultApplication(3);
    for (const secret of [person.person.snils!, person.person.snils!.replace(/\D/g, ''), person.documents[0]!.number, person.person.lastName, person.person.firstName]) {
      expect(text).not.toContain(secret);
    }
  });

  it('would catch a variable the stack forgot, or a data file left out of a bundle', async () => {
    const withoutTable = start('persons/get-policy', { env: ({ TABLE_NAME: _table, ...rest }) => rest });
    const person = '01KAT8D4R0X1Z9E3JH2Q7M5V6B';
    const answer = await withoutTable.invoke(httpEvent({ path: `/persons/${person}/policy`, pathParameters: { personId: person }, caller: fundAdmin }));
    expect(answer.statusCode).toBe(500);

    // The seed's calendar years are read beside the deploy step's bundle: without them, the step (and the deploy) fails.
    const bare = join(OUT, 'load-seed-without-years');
    mkdirSync(bare, { recursive: true });
    cpSync(join(deployed.get('catalogues/load-seed')!.dir, 'index.mjs'), join(bare, 'index.mjs'));
    const withoutYears = start('catalogues/load-seed', { dir: bare });
    await expect(withoutYears.invoke(seedStep('Create'))).rejects.toThrow(/ENOENT/);
  });

  it("find the runtime's AWS SDK where Lambda has it: through NODE_PATH, from a folder with no node_modules above it", async () => {
    // /var/task in Lambda; the SDK is in /var/runtime/node_modules, named by NODE_PATH (here the
    // project's node_modules: runtimeEnvironment). An ES module import would not look there: Node's
    // ESM resolution ignores NODE_PATH (Lambda's runtime adds it; plain Node, here, does not).
    const task = mkdtempSync(join(tmpdir(), 'task-'));
    try {
      cpSync(deployed.get('persons/get-policy')!.dir, task, { recursive: true });
      const outside = start('persons/get-policy', { dir: task, env: (env) => ({ ...env, LAMBDA_TASK_ROOT: task }) });
      const person = '01KAT8D4R0X1Z9E3JH2Q7M5V6C';
      const answer = await outside.invoke(httpEvent({ path: `/persons/${person}/policy`, pathParameters: { personId: person }, caller: fundAdmin }));
      expect(answer.statusCode, answer.body).toBe(404);
    } finally {
      rmSync(task, { recursive: true, force: true });
    }
  });
});

/**
 * Byte budgets of the bundles as deployed (minified `index.mjs`). A function whose answer people
 * wait for stays under 250 KB with tracing (Powertools Tracer, with the X-Ray SDK, adds about
 * 95 KB); the others have a ceiling that catches a library pulled in
 * whole by accident (zod's locales once made every bundle 600 KB). Raising a budget is a decision, not a fix.
 */
const BUDGET: Record<string, number> = {
  'applications/get-application': 250_000,
  'persons/get-person': 250_000,
  'persons/get-policy': 250_000,
  // A route's function carries its own declaration only (the bundler writes it in), not the table of
  // every route (~150 bytes a route, 55 routes: it took the reads past 250 KB before).
  'persons/get-audit': 250_000,
  // 239 KB with Tracer, the barcode's signature check and the FHIR mapping both ways (305 KB before
  // duplicate keys were found without momoa, semver was left out and text kept as UTF-8).
  'verifications/verify-policy': 250_000,
  // 310 KB: luxon and the working-day calendar (373 KB while its body was parsed with classic zod).
  'applications/submit-application': 330_000,
  'openapi/get-document': 400_000,
  'numbering/assign-numbers': 250_000,
  'numbering/requeue-stalled-applications': 250_000,
  'persons/get-account': 250_000,
  'persons/get-history': 250_000,
  'pins/issue-pin': 250_000,
  'pins/show-pin': 250_000,
  // Parses its body (zod/mini, ~25 KB).
  'pins/check-pin': 280_000,
  // Parses its body (zod/mini), checks the PIN and hashes the new document or SNILS (Secrets Manager client); no luxon.
  'persons/change-person': 305_000,
  // Changes and the lifecycle jobs carry luxon for deadlines in a region's zone.
  'policies/suspend-policy': 360_000,
  'policies/resume-policy': 325_000,
  'policies/terminate-policy': 360_000,
  'persons/change-region': 360_000,
  'lifecycle/convert-temporary-policies': 325_000,
  'lifecycle/apply-policy-deadlines': 325_000,
  // Choices parse a body and compute the reset's due instant in the region's zone (luxon).
  'choices/choose-insurer': 360_000,
  'choices/choose-clinic': 360_000,
  'choices/choose-doctor': 360_000,
  'choices/reassign-ended-contracts': 360_000,
  'choices/reset-yearly-limits': 250_000,
  // The catalogues: reads parse a query (zod/mini), changes a body too.
  'catalogues/get-insurers': 250_000,
  'catalogues/get-clinics': 250_000,
  'catalogues/get-doctors': 250_000,
  'catalogues/get-free-care': 250_000,
  'catalogues/get-regional-care': 250_000,
  'calendar/get-year': 250_000,
  'catalogues/put-insurers': 290_000,
  'catalogues/put-clinics': 290_000,
  'catalogues/put-doctors': 290_000,
  'catalogues/put-free-care': 290_000,
  'catalogues/put-regional-care': 290_000,
  'calendar/put-year': 290_000,
  // A deploy step no one waits for: the seed (F002, F003, doctors and free care, ~170 KB) is bundled
  // in, the calendar years are read beside it.
  'catalogues/load-seed': 400_000,
  // Barcodes: bwip-js's three encoders (~230 KB) and the payload; the extract adds pdf-lib and fontkit (~1.3 MB of prebuilt code).
  'barcodes/get-policy-barcode': 1_000_000,
  'extracts/get-extract': 3_000_000,
  'signing/get-jwks': 1_000_000,
  'signing/rotate-signing-keys': 1_000_000,
  'signing/make-first-signing-key': 1_000_000,
  // Registers newborns as filing does (classic zod for the event, luxon and the calendar for the number's due time).
  'registry/apply-registry-events': 450_000,
  'registry/get-unmatched': 250_000,
  // Applies an event as its consumer does, and parses the fund's request (an HTTP route, rarely called).
  'registry/resolve-unmatched': 470_000,
  // Care history: reports parse a body (zod/mini) and hash the insurer's ids; the read seals cursors, as the history's.
  'care/record-care-event': 290_000,
  'care/record-care-events': 290_000,
  'care/get-care-history': 250_000,
  // Complaints: filing and the insurer's change parse a body (zod/mini) and write a transaction; the
  // lists seal cursors.
  'complaints/file-complaint': 300_000,
  'complaints/get-person-complaints': 250_000,
  'complaints/get-open-complaints': 250_000,
  'complaints/change-complaint': 290_000,
  'complaints/get-complaint-counts': 250_000,
  'complaints/flag-overdue-complaints': 250_000,
};

const seedStep = (type: 'Create' | 'Update' | 'Delete') => deployStepEvent(type, 'load-catalogue-seed', 'catalogue-seed');

/** What each schedule answers when it finds nothing to do. */
const NOTHING_DUE: Record<string, unknown> = {
  'requeue-stalled-applications': { requeued: 0, failed: 0 },
  'convert-temporary-policies': { converted: 0, withoutNumber: 0, skipped: 0 },
  'apply-policy-deadlines': { expired: 0, resumed: 0, moved: 0 },
  'reset-yearly-limits': { cleared: 0, kept: 0 },
  'reassign-ended-contracts': { reassigned: 0, skipped: 0, impossible: 0 },
  'rotate-signing-keys': { rotated: false, version: 1, kid: 1 },
  'flag-overdue-complaints': { flagged: 0, skipped: 0 },
};

const DOCUMENT = 'openapi/get-document';
/** Only the policy's barcode and the extract draw barcodes. */
const DRAWS_BARCODES = new Set(['barcodes/get-policy-barcode', 'extracts/get-extract']);
/**
 * Filing computes terms, ages and due times; changes and the lifecycle jobs compute deadlines in a
 * region's zone. Reads only ask what day it is in a region, and schemas whether a date is real,
 * which Intl and Date answer without luxon.
 */
const COMPUTES_DATES = new Set([
  'applications/submit-application',
  'registry/apply-registry-events',
  'registry/resolve-unmatched',
  'policies/suspend-policy',
  'policies/resume-policy',
  'policies/terminate-policy',
  'persons/change-region',
  'lifecycle/convert-temporary-policies',
  'lifecycle/apply-policy-deadlines',
  'choices/choose-insurer',
  'choices/choose-clinic',
  'choices/choose-doctor',
  'choices/reassign-ended-contracts',
]);
/** The registry's events and the document's answer schemas use classic zod; every other schema a function parses (the filing's body too) is zod/mini. */
const CLASSIC_ZOD = new Set(['registry/apply-registry-events', 'registry/resolve-unmatched', DOCUMENT]);

const bundles = (c: BundleContents, path: string) => c.modules.some((m) => m.startsWith(path));

/** What a function's bundle holds exactly when its handler uses it (infra/functions.ts says which use the queue, the key, the table). */
function expectedContents(handler: string): { what: string; holds: (c: BundleContents) => boolean; expected: boolean }[] {
  const d = declarationOf(handler);
  return [
    { what: 'the SQS client (sendsTo)', holds: (c) => c.sdk.has('@aws-sdk/client-sqs'), expected: (d.sendsTo ?? []).length > 0 },
    { what: 'the Secrets Manager client (lookupKey, signingKeys)', holds: (c) => c.sdk.has('@aws-sdk/client-secrets-manager'), expected: d.lookupKey === true || d.signingKeys !== undefined },
    { what: 'bwip-js (barcode images)', holds: (c) => bundles(c, 'node_modules/bwip-js/'), expected: DRAWS_BARCODES.has(handler) },
    { what: 'pdf-lib and fontkit (the extract)', holds: (c) => bundles(c, 'node_modules/pdf-lib/') || bundles(c, 'node_modules/@pdf-lib/'), expected: handler === 'extracts/get-extract' },
    { what: 'the FHIR mapping', holds: (c) => bundles(c, 'shared/fhir/'), expected: handler === 'verifications/verify-policy' },
    { what: 'the DynamoDB client (table)', holds: (c) => c.sdk.has('@aws-sdk/client-dynamodb'), expected: d.table !== 'none' },
    // As an ES module import the CommonJS SDK costs its lexing and wrapping at every cold start.
    { what: 'an ES module import of the AWS SDK (not through require)', holds: (c) => [...c.imports].some((i) => i.startsWith('@aws-sdk/')), expected: false },
    { what: 'zod-openapi', holds: (c) => bundles(c, 'node_modules/zod-openapi/'), expected: handler === DOCUMENT },
    { what: 'the OpenAPI operations and answers', holds: (c) => bundles(c, 'shared/openapi/'), expected: handler === DOCUMENT },
    { what: 'luxon', holds: (c) => bundles(c, 'node_modules/luxon/'), expected: COMPUTES_DATES.has(handler) },
    { what: 'the production calendar (working days)', holds: (c) => bundles(c, 'shared/calendar/production-calendar.ts'), expected: ['applications/submit-application', 'registry/apply-registry-events', 'registry/resolve-unmatched'].includes(handler) },
    { what: "the seed's calendar year files", holds: (c) => bundles(c, 'shared/calendar/year-files.ts'), expected: handler === 'catalogues/load-seed' },
    { what: 'the seed', holds: (c) => bundles(c, 'shared/catalogues/seed/'), expected: handler === 'catalogues/load-seed' },
    { what: 'classic zod', holds: (c) => bundles(c, 'node_modules/zod/v4/classic/'), expected: CLASSIC_ZOD.has(handler) },
    // The X-Ray SDK asks semver only gte: infra/constructs/semver-gte.ts stands in (29 KB a bundle).
    { what: 'the semver package', holds: (c) => bundles(c, 'node_modules/semver/'), expected: false },
    // Each route's function carries its own declaration, written in by the bundler; only the document lists them all.
    { what: 'the table of every route', holds: (c) => [...new Set(routes.map((r) => r.path))].filter((p) => c.code.includes(JSON.stringify(p))).length > 2, expected: handler === DOCUMENT },
  ];
}

describe('each bundle, as synthesized', () => {
  it('stays within its byte budget', () => {
    const over = [...deployed.values()].flatMap((fn) => {
      const { bytes } = bundleContents(fn);
      const budget = BUDGET[fn.handler];
      if (budget === undefined) return [`${fn.handler} has no budget here`];
      return bytes > budget ? [`${fn.handler}: ${bytes} bytes, budget ${budget}`] : [];
    });
    expect(over).toEqual([]);
  });

  it('carries only what its handler uses, and what it uses', () => {
    const wrong = [...deployed.values()].flatMap((fn) => {
      const contents = bundleContents(fn);
      expect(contents.modules.some((m) => m.startsWith('functions/')), fn.handler).toBe(true);
      return expectedContents(fn.handler)
        .filter((rule) => rule.holds(contents) !== rule.expected)
        .map((rule) => `${fn.handler} ${rule.expected ? 'lacks' : 'carries'} ${rule.what}`);
    });
    expect(wrong).toEqual([]);
  });
});

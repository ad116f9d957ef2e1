import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProductionCalendar } from '#shared/calendar/production-calendar.ts';
import { queues } from '#shared/config/queues.ts';
import { scheduleInput, schedules } from '#shared/config/schedules.ts';
import { isValidEnp } from '#shared/domain/enp.ts';
import { declaredHandlers } from '#infra/functions.ts';
import { ensureRegisterTable, startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/engines/dynamodb.ts';
import { lambdaEnvironment } from '#infra/local/runtime.ts';
import { startQueues, type LocalQueues } from '#infra/local/engines/sqs.ts';
import { adultApplication, citizenFor, clinic, fundAdmin } from '../support/applications.ts';
import { httpEvent, sqsEvent } from '../support/events.ts';
import { LambdaProcess } from '../support/lambda-process.ts';
import { startLocalSecrets } from '../support/local-secrets.ts';

/**
 * The artifacts Lambda runs, with the environment Lambda gives them: every function bundled by
 * `npm run synth`, run in a process of its own with exactly the variables of the synthesized
 * template (references resolved to the local engines). A variable a function reads but the stack
 * does not give it, or a data file left out of its bundle, fails here.
 */
const ROOT = resolve(import.meta.dirname, '../..');
// Inside the project, so that the external AWS SDK resolves from node_modules as the runtime's would.
const OUT = join(ROOT, 'node_modules', '.cache', `synth-${process.pid}`);
const TABLE = 'register-deployed';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:lookup-key';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any
interface DeployedFunction {
  handler: string;
  dir: string;
  env: Record<string, string>;
}

let engine: DynamoDbLocal;
let sqs: LocalQueues;
let secrets: Awaited<ReturnType<typeof startLocalSecrets>>;
let deployed: Map<string, DeployedFunction>;
/** Stands in for the X-Ray daemon Lambda runs beside a traced function: every segment document it receives. */
let xrayDaemon: Socket;
const segments: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
const processes: LambdaProcess[] = [];
const running = new Map<string, LambdaProcess>();

/** What Lambda gives every function besides the template's variables, and the local endpoints. */
function runtimeEnvironment(fn: DeployedFunction, memory: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    LAMBDA_TASK_ROOT: fn.dir,
    ...lambdaEnvironment(fn.handler, memory, { dynamodb: engine.endpoint, sqs: sqs.endpoint }),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${xrayDaemon.address().port}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  };
}

/** The template's value of a variable, with references to the stack's resources replaced by the local ones. */
function resolveValue(value: unknown, resources: Record<string, Resource>): string {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: string }).Ref;
  const target = ref ? resources[ref] : undefined;
  if (target?.Type === 'AWS::DynamoDB::GlobalTable') return TABLE;
  if (target?.Type === 'AWS::SecretsManager::Secret') return SECRET_ARN;
  if (target?.Type === 'AWS::SQS::Queue') {
    const declared = queues.find((q) => String(target.Properties.QueueName).endsWith(`-${q.name}`));
    if (declared) return sqs.queues[declared.name]!.url;
  }
  throw new Error(`no local stand-in for ${JSON.stringify(value)}`);
}

function start(handler: string, overrides: { dir?: string; env?: (env: Record<string, string>) => Record<string, string> } = {}): LambdaProcess {
  const fn = deployed.get(handler)!;
  const memory = declaredHandlers().find((h) => h.handler === handler)!.memoryMb;
  const env = { ...runtimeEnvironment(fn, memory), ...fn.env };
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
    startLocalSecrets({ [SECRET_ARN]: 's'.repeat(64) }),
  ]);
  await ensureRegisterTable(engine.endpoint, TABLE);
  // Exactly what an operator runs before `cdk deploy`.
  execFileSync('npm', ['run', '-s', 'synth', '--', '--output', OUT], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } });
  const template = JSON.parse(readFileSync(join(OUT, 'OmsRegister-dev.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
  deployed = new Map();
  for (const [, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const path = r.Metadata?.['aws:cdk:path'] ?? '';
    const handler = declaredHandlers().find((h) => path.includes(`/Fn-${h.handler.replace(/[^A-Za-z0-9]/g, '-')}/`))?.handler;
    if (!handler) continue;
    expect(r.Properties.Handler, handler).toBe('index.handler');
    const variables = r.Properties.Environment?.Variables ?? {};
    deployed.set(handler, {
      handler,
      dir: join(OUT, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, '')}`),
      env: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolveValue(v, template.Resources)])),
    });
  }
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

  it('serve the whole flow with only the variables the template gives each of them', async () => {
    const citizen = citizenFor(1);
    const created = await invoke('applications/submit-application', httpEvent({ method: 'POST', path: '/applications', body: adultApplication(1), caller: citizen }));
    expect(created.statusCode, created.body).toBe(201);
    const { application } = JSON.parse(created.body) as { application: { id: string; personId: string; submittedAt: string; numberDueAt: string } };
    // The production calendar is read from beside the bundle.
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
    const audit = await invoke('persons/get-audit', httpEvent({ path: `/persons/${application.personId}/audit`, pathParameters: { personId: application.personId }, caller: fundAdmin }));
    expect(audit.statusCode, audit.body).toBe(200);

    const verified = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body: { enp }, caller: clinic }));
    expect(verified.statusCode, verified.body).toBe(200);
    const byDocument = await invoke('verifications/verify-policy', httpEvent({ method: 'POST', path: '/verifications', body: { document: adultApplication(1).documents[0] }, caller: clinic }));
    expect(JSON.parse(byDocument.body)).toMatchObject({ enp });

    for (const s of schedules) expect(await invoke(s.handler, scheduleInput(s.name)), s.name).toEqual({ requeued: 0, failed: 0 });

    const doc = await invoke('openapi/get-document', httpEvent({ path: '/openapi.json' }));
    expect(JSON.parse(doc.body)).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://api.example.org' }] });

    // Their logs are structured and hold nothing personal.
    const logs = processes.map((p) => p.output).join('');
    expect(logs).toContain('"message":"number assigned"');
    for (const secret of [adultApplication(1).person.snils!, adultApplication(1).person.snils!.replace(/\D/g, ''), adultApplication(1).documents[0]!.number, 'Иванов']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('publish their metrics where the stack reads them, and trace every AWS call, with nothing personal in either', async () => {
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

    const bare = join(OUT, 'submit-without-calendar');
    mkdirSync(bare, { recursive: true });
    cpSync(join(deployed.get('applications/submit-application')!.dir, 'index.mjs'), join(bare, 'index.mjs'));
    const withoutCalendar = start('applications/submit-application', { dir: bare });
    const result = await withoutCalendar.invoke(httpEvent({ method: 'POST', path: '/applications', body: adultApplication(2), caller: citizenFor(2) }));
    expect(result.statusCode).toBe(500);
  });
});

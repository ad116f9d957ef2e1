import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { queues as declaredQueues, type QueueDeclaration } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { scheduleInput, schedules } from '#shared/config/schedules.ts';
import { deploySteps, type DeployStepEvent } from '#shared/config/deploy-steps.ts';
import type { Env } from '#shared/config/settings.ts';
import { checkConfiguration, commonEnvironment, configurationIn, declaredHandlers, environmentOf } from '../functions.ts';
import { clockRoutes } from './clock/clock-route.ts';
import { RegisterClock } from './clock/register-clock.ts';
import { TimeMachine } from './clock/time-machine.ts';
import { DevIssuer } from './dev-issuer.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './engines/dynamodb.ts';
import { startQueues } from './engines/sqs.ts';
import { startHttpServer } from './http/server.ts';
import { Sandboxes, type FunctionSpec } from './lambda/sandboxes.ts';
import { assertPortFree, StartupError } from './ports.ts';
import { startConsumers, type Consumers } from './queue-consumers.ts';
import { startSchedules, type Schedules } from './scheduler.ts';

/** The local register's stage: its table's name and its metrics namespace (`OmsRegister/local`). */
export const LOCAL_STAGE = 'local';
export const LOCAL_TABLE = `oms-register-${LOCAL_STAGE}`;
export const DEFAULT_DATA_DIR = resolve(import.meta.dirname, '../../.local');

/** Where the local engines listen and what they hold: enough to give any function its environment. */
export interface LocalResources {
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queueUrls: Record<string, string>;
  lookupKey: string;
  /** The signing keys' vault: a file under `.local/` (or a directory of its own for a register without data). */
  signingKeysFile: string;
  /** Operator settings (TEMPORARY_POLICY_DAYS, ...) as the register was started with. */
  configuration: Env;
  /** Overrides of the functions' log level (tests silence them). */
  logLevel?: string;
  /** Silences the functions' EMF metric lines (POWERTOOLS_METRICS_DISABLED=true). */
  metricsDisabled?: boolean;
}

/** What Lambda itself gives every function (region, credentials, its name), with the local engines' endpoints. */
export function lambdaEnvironment(handler: string, memoryMb: number, endpoints: { dynamodb: string; sqs: string }): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: handler,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    // This machine's Node may be older than Lambda's (24): the SDK would say so in every sandbox.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * The environment of one local function: what Lambda gives every function, and exactly the
 * variables `infra/functions.ts` declares for it, as the stack does.
 */
export function functionEnvironment(handler: string, memoryMb: number, r: LocalResources): Record<string, string> {
  return {
    ...lambdaEnvironment(handler, memoryMb, { dynamodb: r.dynamodbEndpoint, sqs: r.sqsEndpoint }),
    ...commonEnvironment(LOCAL_STAGE),
    // No X-Ray daemon here: the functions never load Tracer (shared/observability/tracer.ts).
    POWERTOOLS_TRACE_ENABLED: 'false',
    ...(r.logLevel ? { POWERTOOLS_LOG_LEVEL: r.logLevel } : {}),
    ...(r.metricsDisabled ? { POWERTOOLS_METRICS_DISABLED: 'true' } : {}),
    ...environmentOf(handler, {
      tableName: r.tableName,
      queueUrl: (name) => r.queueUrls[name]!,
      lookupKey: { variable: 'LOOKUP_KEY', value: r.lookupKey },
      signingKeys: { variable: 'SIGNING_KEYS_FILE', value: r.signingKeysFile },
      configuration: r.configuration,
    }),
  };
}

/** Every declared function, with its local environment. */
export function functionSpecs(r: LocalResources): FunctionSpec[] {
  return declaredHandlers().map(({ handler, timeoutSeconds, memoryMb }) => ({ handler, timeoutSeconds, memoryMb, env: functionEnvironment(handler, memoryMb, r) }));
}

export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Keep the register on disk here; without it everything lives in memory. */
  dataDir?: string;
  /** Start with queue consumers paused (tests that lose messages on purpose). */
  consumersPaused?: boolean;
  /** Run the schedules (default true). */
  schedules?: boolean;
  /** Browser origins allowed by CORS (as the stack's `corsOrigins` context). */
  corsOrigins?: string[];
  /** Queue declarations to use instead of the declared ones (tests shorten visibility timeouts). */
  queues?: readonly QueueDeclaration[];
  /** Operator settings; by default those of this process's environment. */
  configuration?: Env;
  /** Time travel: the register's clock starts at this instant and moves on with real time. */
  now?: Date;
}

export interface LocalRuntime {
  url: string;
  issuer: DevIssuer;
  resources: LocalResources;
  /** Queue URLs by declared name, and `<name>-dlq` for each DLQ. */
  queueUrls: Record<string, string>;
  sandboxes: Sandboxes;
  consumers: Consumers;
  schedules?: Schedules;
  /** The register's one clock: every function and schedule reads it (`/_local/clock` moves it). */
  clock: RegisterClock;
  /** Moves the clock forward, running the jobs that fall due (what `POST /_local/clock` does). */
  timeMachine: TimeMachine;
  /** Runs a scheduled job once, now or (time travel) at another instant. */
  runJob(name: string, options?: { now?: Date }): Promise<unknown>;
  stop(): Promise<void>;
}

/** The key of the keyed lookup hashes: kept beside the local data so lookups survive a restart. */
function localLookupKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'lookup-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Runs a declared job once through the functions' sandboxes. */
export function runJobIn(sandboxes: Sandboxes, name: string, options: { now?: Date } = {}): Promise<unknown> {
  const declaration = schedules.find((s) => s.name === name);
  if (!declaration) return Promise.reject(new StartupError(`no job named ${name}; jobs: ${schedules.map((s) => s.name).join(', ')}`));
  return options.now ? sandboxes.invokeAt(declaration.handler, scheduleInput(name), options.now) : sandboxes.invoke(declaration.handler, scheduleInput(name));
}

/**
 * The whole register on this machine: DynamoDB Local, the SQS emulator with consumers, the
 * schedules and an HTTP server in front of the same handlers Lambda runs, each function in its
 * own sandbox with its own environment.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const configuration = configurationIn(options.configuration ?? process.env);
  try {
    checkConfiguration(configuration);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const dataDir = options.dataDir && resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
    stops.length = 0;
  };
  const queues = options.queues ?? declaredQueues;
  await assertPortFree(options.port ?? 3000);
  try {
    const dynamodb = await startDynamoDbLocal({ dataDir: dataDir && join(dataDir, 'dynamodb') });
    stops.push(() => dynamodb.stop());
    await ensureRegisterTable(dynamodb.endpoint, LOCAL_TABLE);
    const sqs = await startQueues(queues, 'oms-register-local');
    stops.push(() => sqs.stop());
    // A register without a data folder keeps its signing keys in a folder of its own, gone when it stops.
    const keysDir = () => {
      const made = mkdtempSync(join(tmpdir(), 'oms-register-keys-'));
      stops.push(() => rmSync(made, { recursive: true, force: true }));
      return made;
    };

    const resources: LocalResources = {
      dynamodbEndpoint: dynamodb.endpoint,
      sqsEndpoint: sqs.endpoint,
      tableName: LOCAL_TABLE,
      queueUrls: Object.fromEntries(Object.entries(sqs.queues).map(([name, q]) => [name, q.url])),
      lookupKey: localLookupKey(dataDir),
      signingKeysFile: dataDir ? join(dataDir, 'signing-keys.json') : join(keysDir(), 'signing-keys.json'),
      configuration,
      logLevel: process.env.POWERTOOLS_LOG_LEVEL,
      metricsDisabled: process.env.POWERTOOLS_METRICS_DISABLED === 'true',
    };
    const clock = RegisterClock.startingAt(options.now);
    const sandboxes = new Sandboxes(functionSpecs(resources), { clock });
    stops.push(() => sandboxes.stop());
    for (const step of deploySteps) await sandboxes.invoke(step.handler, { RequestType: 'Create' } satisfies DeployStepEvent);

    const consumers = startConsumers(queues, sqs, (handler, event) => sandboxes.invoke(handler, event), { paused: options.consumersPaused });
    stops.push(() => consumers.stop());
    const scheduler = options.schedules === false ? undefined : startSchedules(schedules, (handler, event) => sandboxes.invoke(handler, event), clock);
    if (scheduler) stops.push(() => scheduler.stop());
    // A travel runs the jobs that fall due itself, live schedules or not.
    const timeMachine = new TimeMachine({
      clock,
      schedules,
      run: (run) => sandboxes.invoke(run.handler, scheduleInput(run.job)),
      drain: () => consumers.drain(),
      live: scheduler,
    });
    const issuer = await DevIssuer.create(dataDir);
    const http = await startHttpServer({
      routes,
      port: options.port ?? 3000,
      verify: (token) => issuer.verify(token),
      invoke: (handler, event) => sandboxes.invoke(handler, event),
      corsOrigins: options.corsOrigins,
      local: clockRoutes(clock, timeMachine),
    });
    stops.push(() => http.stop());

    return {
      url: http.url,
      issuer,
      resources,
      queueUrls: Object.fromEntries(Object.entries(sqs.queues).flatMap(([name, q]) => [[name, q.url], [`${name}-dlq`, q.deadLetters.url]])),
      sandboxes,
      consumers,
      schedules: scheduler,
      clock,
      timeMachine,
      runJob: (name, jobOptions) => runJobIn(sandboxes, name, jobOptions),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { queues as declaredQueues, type QueueDeclaration } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { schedules } from '#shared/config/schedules.ts';
import { useDependencies } from '#shared/services/dependencies.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local.ts';
import { startHttpServer } from './http-server.ts';
import { assertPortFree } from './ports.ts';
import { DevIssuer } from './dev-issuer.ts';
import { startSchedules, type Schedules } from './scheduler.ts';
import { startConsumers, startQueues, type Consumers } from './sqs-local.ts';
import { lambdaContext, loadHandler } from './handlers.ts';
import { scheduledEvent } from './scheduler.ts';

export const LOCAL_TABLE = 'oms-register-local';
export const DEFAULT_DATA_DIR = resolve(import.meta.dirname, '../../.local');

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
}

export interface LocalRuntime {
  url: string;
  issuer: DevIssuer;
  queueUrls: Record<string, string>;
  env: Record<string, string>;
  consumers: Consumers;
  schedules?: Schedules;
  /** Runs a scheduled job once, now, in this process. */
  runJob(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** The key of the keyed lookup hashes: kept beside the local data so lookups survive a restart. */
function localLookupKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'lookup-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The whole register on this machine: DynamoDB Local, the SQS emulator with consumers, the
 * schedules and an HTTP server in front of the same handlers Lambda runs.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
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

    const env: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      TABLE_NAME: LOCAL_TABLE,
      LOOKUP_KEY: localLookupKey(dataDir),
      ...Object.fromEntries(queues.map((q) => [q.urlVariable, sqs.urls[q.name]!])),
    };
    // Handlers read their settings from the environment, exactly as in Lambda.
    Object.assign(process.env, env);
    useDependencies(undefined);

    const consumers = startConsumers(queues, sqs, { paused: options.consumersPaused });
    stops.push(() => consumers.stop());
    const scheduler = options.schedules === false ? undefined : await startSchedules(schedules);
    if (scheduler) stops.push(() => scheduler.stop());
    const issuer = await DevIssuer.create(dataDir);
    const http = await startHttpServer(routes, options.port ?? 3000, (token) => issuer.verify(token), options.corsOrigins);
    stops.push(() => http.stop());

    return {
      url: http.url,
      issuer,
      queueUrls: sqs.urls,
      env,
      consumers,
      schedules: scheduler,
      runJob: (name) => runJob(name),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function runJob(name: string): Promise<unknown> {
  const declaration = schedules.find((s) => s.name === name);
  if (!declaration) throw new Error(`no job named ${name}; jobs: ${schedules.map((s) => s.name).join(', ')}`);
  const handler = await loadHandler(declaration.handler);
  return handler(scheduledEvent(name), lambdaContext(declaration.handler, declaration.timeoutSeconds));
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { loadProductionCalendar, type ProductionCalendar } from '../calendar/production-calendar.ts';
import { systemClock, type Clock } from '../clock.ts';
import { queues } from '../config/queues.ts';
import {
  INTAKE_SETTINGS,
  LOOKUP_KEY_SETTINGS,
  queueUrl,
  SWEEP_SETTINGS,
  TABLE_SETTINGS,
  type Env,
  type IntakeSettings,
  type SweepSettings,
} from '../config/settings.ts';
import { meterCapacity } from '../observability/metrics.ts';
import { traced } from '../observability/tracer.ts';
import { LookupHasher } from '../privacy/lookup-hasher.ts';
import type { NumberRequests } from '../queue/number-requests.ts';
import { DynamoDbRegisterStore } from '../store/dynamodb-register-store.ts';
import type { RegisterStore } from '../store/register-store.ts';

/**
 * What the services need, handed to them rather than imported, so tests and jobs can swap any part.
 * Each part is built on first use from its own settings: a function that never touches the queue
 * needs no queue URL, one that hashes nothing needs no lookup key.
 */
export interface Dependencies {
  clock: Clock;
  newId: () => string;
  store: RegisterStore;
  numberRequests: NumberRequests;
  calendar: ProductionCalendar;
  /** The key's secret is fetched on first use, hence a promise. */
  hasher: () => Promise<LookupHasher>;
  settings: { intake: IntakeSettings; sweep: SweepSettings };
}

export type DependencyOverrides = Partial<Omit<Dependencies, 'settings'>> & {
  settings?: Partial<Dependencies['settings']>;
  /** Where settings are read from; process.env by default. */
  env?: Env;
};

async function lookupKey(env: Env): Promise<string> {
  const { lookupKey: key, lookupKeySecretArn } = LOOKUP_KEY_SETTINGS.read(env);
  if (key) return key;
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(lookupKeySecretArn!, { maxAge: 3600 });
  if (typeof secret !== 'string') throw new Error('lookup key secret is not a string');
  return secret;
}

function newIds(clock: Clock): () => string {
  const next = monotonicFactory();
  return () => next(clock.now().getTime());
}

function memoize<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/** Defines `key` on `target` as a value made on first read (and kept). */
function lazy<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  let made: { value: T[K] } | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    get: () => (made ??= { value: make() }).value,
  });
}

/** Built once per cold start; the same in Lambda and in the local runner. */
export function createDependencies(overrides: DependencyOverrides = {}): Dependencies {
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? systemClock;
  const deps = {
    clock,
    // Ids carry the register's time (monotonic within a millisecond), so records sorted by id follow the injected clock.
    newId: overrides.newId ?? newIds(clock),
    hasher: overrides.hasher ?? memoize(async () => new LookupHasher(await lookupKey(env))),
    settings: {},
  } as Dependencies;
  lazy(deps, 'store', () => overrides.store ?? new DynamoDbRegisterStore(meterCapacity(traced(new DynamoDBClient({}))), TABLE_SETTINGS.read(env).tableName));
  lazy(deps, 'numberRequests', () => overrides.numberRequests ?? sqsNumberRequests(env));
  lazy(deps, 'calendar', () => overrides.calendar ?? loadProductionCalendar());
  lazy(deps.settings, 'intake', () => overrides.settings?.intake ?? INTAKE_SETTINGS.read(env));
  lazy(deps.settings, 'sweep', () => overrides.settings?.sweep ?? SWEEP_SETTINGS.read(env));
  return deps;
}

const [numberRequestQueue] = queues;

function sqsNumberRequests(env: Env): NumberRequests {
  const url = queueUrl(numberRequestQueue.urlVariable, env);
  // Loaded only by the functions that send: the others' bundles need not carry the SQS client's cost.
  const sender = memoize(async () => {
    const [{ SQSClient }, { SqsNumberRequests }] = await Promise.all([import('@aws-sdk/client-sqs'), import('../queue/number-requests.ts')]);
    // The client's endpoint, not the queue URL's host: the same in AWS, and right for local emulators.
    return new SqsNumberRequests(traced(new SQSClient({ useQueueUrlAsEndpoint: false })), url);
  });
  return { send: async (ids) => (await sender()).send(ids) };
}

let current: Dependencies | undefined;

/** The process's dependencies, created on first use (a cold start) and kept for warm invocations. */
export function dependencies(): Dependencies {
  return (current ??= createDependencies());
}

/** Replaces the process's dependencies: tests, and jobs run with `--now`. */
export function useDependencies(deps: Dependencies | undefined): void {
  current = deps;
}

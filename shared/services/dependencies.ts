import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { monotonicFactory } from 'ulid';
import { loadProductionCalendar, type ProductionCalendar } from '../calendar/production-calendar.ts';
import { systemClock, type Clock } from '../clock.ts';
import { readSettings, type Settings } from '../config/settings.ts';
import { LookupHasher } from '../privacy/lookup-hasher.ts';
import { SqsNumberRequests, type NumberRequests } from '../queue/number-requests.ts';
import { DynamoDbRegisterStore } from '../store/dynamodb-register-store.ts';
import type { RegisterStore } from '../store/register-store.ts';

/** What the services need, handed to them rather than imported, so tests and jobs can swap any part. */
export interface Dependencies {
  store: RegisterStore;
  numberRequests: NumberRequests;
  clock: Clock;
  calendar: ProductionCalendar;
  /** Loaded on first use: only functions that hash identifiers need the key (and its secret's grant). */
  hasher: () => Promise<LookupHasher>;
  settings: Settings;
  newId: () => string;
}

async function lookupKey(settings: Settings): Promise<string> {
  if (settings.lookupKey) return settings.lookupKey;
  if (!settings.lookupKeySecretArn) throw new Error('invalid settings: set LOOKUP_KEY or LOOKUP_KEY_SECRET_ARN');
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(settings.lookupKeySecretArn!, { maxAge: 3600 });
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

/** Built once per cold start from the environment; the same in Lambda and in the local runner. */
export async function createDependencies(overrides: Partial<Dependencies> = {}): Promise<Dependencies> {
  const settings = overrides.settings ?? readSettings();
  const clock = overrides.clock ?? systemClock;
  return {
    settings,
    store: overrides.store ?? new DynamoDbRegisterStore(new DynamoDBClient({}), settings.tableName),
    // The client's endpoint, not the queue URL's host: the same in AWS, and right for local emulators.
    numberRequests: overrides.numberRequests ?? new SqsNumberRequests(new SQSClient({ useQueueUrlAsEndpoint: false }), settings.numberQueueUrl),
    clock,
    calendar: overrides.calendar ?? loadProductionCalendar(),
    hasher: overrides.hasher ?? memoize(async () => new LookupHasher(await lookupKey(settings))),
    // Ids carry the register's time (monotonic within a millisecond), so records sorted by id follow the injected clock.
    newId: overrides.newId ?? newIds(clock),
  };
}

let current: Promise<Dependencies> | undefined;

/** The process's dependencies, created on first use (a cold start) and kept for warm invocations. */
export function dependencies(): Promise<Dependencies> {
  current ??= createDependencies().catch((error: unknown) => {
    current = undefined; // a failed cold start (e.g. the secret) is retried by the next invocation
    throw error;
  });
  return current;
}

/** Replaces the process's dependencies: tests, and jobs run with `--now`. */
export function useDependencies(deps: Dependencies | undefined): void {
  current = deps && Promise.resolve(deps);
}

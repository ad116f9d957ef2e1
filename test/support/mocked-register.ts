import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { fixedClock } from '#shared/clock.ts';
import { createDependencies, useDependencies, type Dependencies } from '#shared/services/dependencies.ts';
import { seededMemoryCatalogues } from './catalogues.ts';

export const TEST_LOOKUP_KEY = 'k'.repeat(64);
export const QUEUE_URL = 'https://sqs.eu-central-1.amazonaws.com/123456789012/number-requests';

/** Handlers with real services over mocked AWS clients, at a fixed time (Monday 2026-11-23, 12:00 in Moscow). */
export async function mockedRegister(options: { now?: string; env?: Record<string, string> } = {}) {
  const ddb = mockClient(DynamoDBDocumentClient);
  const sqs = mockClient(SQSClient);
  const deps: Dependencies = createDependencies({
    env: { TABLE_NAME: 'register', NUMBER_QUEUE_URL: QUEUE_URL, LOOKUP_KEY: TEST_LOOKUP_KEY, ...options.env },
    clock: fixedClock(options.now ?? '2026-11-23T09:00:00Z'),
    catalogues: await seededMemoryCatalogues(),
  });
  useDependencies(deps);
  return { ddb, sqs, deps, restore: () => (ddb.restore(), sqs.restore(), useDependencies(undefined)) };
}

export function responseBody(result: { body?: string }) {
  return JSON.parse(result.body ?? 'null') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Mocked calls that stay in flight a few milliseconds each, counting how many overlap: `most` is
 * the most at once, so a test can tell reads made together from reads made one after another.
 */
export function overlapping() {
  let now = 0;
  const seen = { most: 0 };
  const call =
    <T>(answer: (input: any) => T) => // eslint-disable-line @typescript-eslint/no-explicit-any
    async (input: unknown): Promise<T> => {
      seen.most = Math.max(seen.most, ++now);
      await new Promise((done) => setTimeout(done, 5));
      now--;
      return answer(input);
    };
  return { call, seen };
}

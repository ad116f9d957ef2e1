import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fixedClock, type Clock } from '#shared/clock.ts';
import type { NumberRequests } from '#shared/queue/number-requests.ts';
import { createDependencies, type Dependencies } from '#shared/services/dependencies.ts';
import { DynamoDbComplaintStore } from '#shared/store/complaint-store.ts';
import { DynamoDbRegisterStore } from '#shared/store/dynamodb-register-store.ts';
import { DynamoDbRegistryStore } from '#shared/store/registry-store.ts';
import { DynamoDbPersonChangeStore } from '#shared/store/person-change-store.ts';
import { DynamoDbCareStore } from '#shared/store/care-store.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/engines/dynamodb.ts';
import { seededTableCatalogues } from './catalogues.ts';
import { tableSigning } from './signing.ts';
import { TEST_LOOKUP_KEY } from './mocked-register.ts';

/** Remembers what was queued; can be told to fail, like a queue that is down. */
export class RecordingQueue implements NumberRequests {
  sent: string[] = [];
  down = false;
  async send(ids: string[]): Promise<string[]> {
    if (this.down) return ids;
    this.sent.push(...ids);
    return [];
  }
}

export interface LocalRegister {
  engine: DynamoDbLocal;
  client: DynamoDBClient;
  /** Fresh dependencies over a fresh table, at a given time. */
  deps(options?: { clock?: Clock; queue?: NumberRequests; env?: Record<string, string> }): Promise<Dependencies & { tableName: string }>;
  stop(): Promise<void>;
}

/** One DynamoDB Local in memory per test file; one table per `deps()` call unless a table is reused. */
export async function startLocalRegister(): Promise<LocalRegister> {
  const engine = await startDynamoDbLocal({});
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return {
    engine,
    client,
    async deps(options = {}) {
      const tableName = options.env?.TABLE_NAME ?? `register-${randomUUID().slice(0, 8)}`;
      await ensureRegisterTable(engine.endpoint, tableName);
      const clock = options.clock ?? fixedClock('2026-11-23T09:00:00Z');
      const deps = createDependencies({
        env: { TABLE_NAME: tableName, NUMBER_QUEUE_URL: 'unused', LOOKUP_KEY: TEST_LOOKUP_KEY, ...options.env },
        store: new DynamoDbRegisterStore(client, tableName),
        registry: new DynamoDbRegistryStore(client, tableName),
        personChanges: new DynamoDbPersonChangeStore(client, tableName),
        care: new DynamoDbCareStore(client, tableName),
        complaints: new DynamoDbComplaintStore(client, tableName),
        catalogues: await seededTableCatalogues(client, tableName),
        signing: await tableSigning(client, tableName, clock.now()),
        numberRequests: options.queue ?? new RecordingQueue(),
        clock,
      });
      return Object.assign(deps, { tableName });
    },
    async stop() {
      client.destroy();
      await engine.stop();
    },
  };
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fixedClock } from '#shared/clock.ts';
import { createDependencies } from '#shared/services/dependencies.ts';
import { DynamoDbRegisterStore } from '#shared/store/dynamodb-register-store.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '#infra/local/engines/dynamodb.ts';
import { RecordingQueue } from './local-register.ts';
import { TEST_LOOKUP_KEY } from './mocked-register.ts';
import { RequestUnitMeter } from './request-units/meter.ts';

/**
 * What the benches against DynamoDB Local share: the engine, a plain client for timed runs, a
 * metered one for units (the meter reads around every write, so it is never timed) with the
 * meter's own client, and the register's services over either at a fixed time.
 */
export async function benchRegister() {
  const engine = await startDynamoDbLocal({});
  const connection = { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const client = new DynamoDBClient(connection);
  const metered = new DynamoDBClient(connection);
  const peek = new DynamoDBClient(connection);
  return {
    engine,
    client,
    metered,
    doc: DynamoDBDocumentClient.from(client),
    /** A meter of one table's calls through the metered client (in place of the meter before, if any). */
    meter(table: string) {
      metered.middlewareStack.remove('requestUnitMeter');
      const meter = new RequestUnitMeter(table, peek);
      meter.attach(metered);
      return meter;
    },
    /** The register's services on `table` through client `c`, with the clock at `at`. */
    depsOn(c: DynamoDBClient, table: string, at: string) {
      return createDependencies({
        env: { TABLE_NAME: table, LOOKUP_KEY: TEST_LOOKUP_KEY },
        store: new DynamoDbRegisterStore(c, table),
        numberRequests: new RecordingQueue(),
        clock: fixedClock(at),
      });
    },
    async stop() {
      for (const c of [client, metered, peek]) c.destroy();
      await engine.stop();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIGNING_ROTATION_SETTINGS } from '#shared/config/settings.ts';
import { rotateSigningKeys } from '#shared/services/signing/rotation.ts';
import { fileVault } from '#shared/signing/file-vault.ts';
import { DynamoDbSigningKeyStore } from '#shared/store/signing-key-store.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { loadSeed } from '#shared/services/catalogues/seed-loader.ts';
import { DynamoDbCatalogueStore } from '#shared/store/catalogue-store.ts';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queues } from '#shared/config/queues.ts';
import type { Env } from '#shared/config/settings.ts';
import { startInMemoryDynamoDb } from '../engines/dynalite.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../engines/dynamodb.ts';
import { startQueues } from '../engines/sqs.ts';
import { LOCAL_STAGE, LOCAL_TABLE, type LocalResources } from '../runtime.ts';

export interface MockRegister {
  /** Where the doubles listen, in the same shape as a running register's: functions get their environment from it alike. */
  resources: LocalResources;
  /** Messages waiting in each declared queue (what the function sent). */
  queued(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * `--mock`: an empty register in this process and in memory, with no Java: dynalite for DynamoDB
 * (with the register's table made from its declaration, as `npm start` makes it) and fauxqs for
 * SQS (the queues and DLQs from theirs). Names and settings are `npm start`'s; only the endpoints
 * and a fresh lookup key differ.
 */
export async function startMockRegister(configuration: Env): Promise<MockRegister> {
  const dynamodb = await startInMemoryDynamoDb();
  const stops: (() => Promise<void>)[] = [() => dynamodb.stop()];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    await ensureRegisterTable(dynamodb.endpoint, LOCAL_TABLE);
    // The deploy steps' work, as a deploy (and `npm start`) does it: the catalogues' seed (filing
    // needs the region's insurers) and the first signing key, its private half in a folder of its own.
    const keysDir = mkdtempSync(join(tmpdir(), 'oms-register-keys-'));
    stops.push(() => Promise.resolve(rmSync(keysDir, { recursive: true, force: true })));
    const signingKeysFile = join(keysDir, 'signing-keys.json');
    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await Promise.all([
      loadSeed(new DynamoDbCatalogueStore(client, LOCAL_TABLE), seedDocuments(), new Date().toISOString()),
      rotateSigningKeys(new DynamoDbSigningKeyStore(client, LOCAL_TABLE), fileVault(signingKeysFile), new Date(), SIGNING_ROTATION_SETTINGS.read(configuration)),
    ]).finally(() => client.destroy());
    const sqs = await startQueues(queues, `oms-register-${LOCAL_STAGE}`);
    stops.push(() => sqs.stop());
    const queueUrls = Object.fromEntries(Object.entries(sqs.queues).map(([name, q]) => [name, q.url]));
    return {
      resources: {
        dynamodbEndpoint: dynamodb.endpoint,
        sqsEndpoint: sqs.endpoint,
        tableName: LOCAL_TABLE,
        queueUrls,
        lookupKey: randomBytes(32).toString('hex'),
        signingKeysFile,
        configuration,
        logLevel: process.env.POWERTOOLS_LOG_LEVEL,
        metricsDisabled: process.env.POWERTOOLS_METRICS_DISABLED === 'true',
      },
      async queued() {
        const client = new SQSClient({ endpoint: sqs.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
        try {
          const depths = await Promise.all(
            Object.entries(queueUrls).map(async ([name, QueueUrl]) => {
              const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
              return [name, Number(Attributes?.ApproximateNumberOfMessages ?? 0)] as const;
            }),
          );
          return Object.fromEntries(depths);
        } finally {
          client.destroy();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

import {
  DeleteMessageBatchCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import type { QueueDeclaration } from '#shared/config/queues.ts';
import { logger } from '#shared/observability/logger.ts';
import { lambdaContext, loadHandler } from './handlers.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.ts';

export interface LocalQueues {
  endpoint: string;
  urls: Record<string, string>;
  server: FauxqsServer;
  stop(): Promise<void>;
}

/** The SQS emulator, in this process, on loopback; queues and DLQs from the declarations. */
export async function startQueues(declarations: readonly QueueDeclaration[], prefix: string): Promise<LocalQueues> {
  const server = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1', defaultRegion: LOCAL_REGION });
  const urls: Record<string, string> = {};
  for (const q of declarations) {
    const dlq = server.createQueue(`${prefix}-${q.name}-dlq`, { region: LOCAL_REGION, attributes: { MessageRetentionPeriod: '1209600' } });
    const queue = server.createQueue(`${prefix}-${q.name}`, {
      region: LOCAL_REGION,
      attributes: {
        VisibilityTimeout: String(q.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: q.maxReceiveCount }),
      },
    });
    urls[q.name] = queue.queueUrl;
    urls[`${q.name}-dlq`] = dlq.queueUrl;
  }
  return { endpoint: `http://127.0.0.1:${server.port}`, urls, server, stop: () => server.stop() };
}

function toRecord(m: Message, queueArn: string): SQSRecord {
  const attrs = m.Attributes ?? {};
  return {
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? '1',
      SentTimestamp: attrs.SentTimestamp ?? String(Date.now()),
      SenderId: attrs.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}

export interface Consumers {
  /** Resolves once no consumer is receiving or handling a batch. */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Polls each queue like Lambda's event source mapping: a real SQSEvent batch per call; messages
 * named in `batchItemFailures` (or the whole batch, if the handler throws) stay on the queue and
 * come back after the visibility timeout, until the redrive policy moves them to the DLQ.
 */
export function startConsumers(declarations: readonly QueueDeclaration[], queues: LocalQueues, options: { paused?: boolean } = {}): Consumers {
  const sqs = new SQSClient({ endpoint: queues.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  let running = true;
  let paused = options.paused ?? false;
  let busy = 0;
  const loops = declarations.map(async (q) => {
    const handler = await loadHandler(q.consumer);
    const queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queues.urls[q.name]!.split('/').pop()! }))).QueueUrl!;
    const queueArn = queues.server.inspectQueue(queueUrl.split('/').pop()!)!.arn;
    while (running) {
      if (paused) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      busy++;
      try {
        await pollOnce();
      } finally {
        busy--;
      }
    }

    async function pollOnce(): Promise<void> {
      const messages = await sqs
        .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: q.batchSize, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }))
        .then((out) => out.Messages ?? [])
        .catch((): Message[] => []); // the emulator is stopping, or a passing fault: poll again
      if (messages.length === 0 || !running) return;
      const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queueArn)) };
      let failed: Set<string>;
      try {
        const result = (await handler(event, lambdaContext(q.consumer, q.consumerTimeoutSeconds))) as SQSBatchResponse | undefined;
        failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        logger.error('queue consumer failed; the batch will be retried', { queue: q.name, errorName: (error as Error).name });
        failed = new Set(messages.map((m) => m.MessageId!));
      }
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      if (done.length > 0) {
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    }
  });
  return {
    async pause() {
      paused = true;
      while (busy > 0) await new Promise((r) => setTimeout(r, 20));
    },
    resume: () => void (paused = false),
    async stop() {
      running = false;
      await Promise.allSettled(loops);
      sqs.destroy();
    },
  };
}

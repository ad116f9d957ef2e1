import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueDeclaration } from '#shared/config/queues.ts';
import { logger } from '#shared/observability/logger.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './engines/dynamodb.ts';
import type { LocalQueues } from './engines/sqs.ts';

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
 * named in `batchItemFailures` (or the whole batch, if the function fails) stay on the queue and
 * come back after the visibility timeout, until the redrive policy moves them to the DLQ.
 */
export function startConsumers(
  declarations: readonly QueueDeclaration[],
  queues: LocalQueues,
  invoke: (handler: string, event: SQSEvent) => Promise<unknown>,
  options: { paused?: boolean } = {},
): Consumers {
  const sqs = new SQSClient({ endpoint: queues.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  let running = true;
  let paused = options.paused ?? false;
  let busy = 0;
  const loops = declarations.map(async (q) => {
    const { url: queueUrl, arn: queueArn } = queues.queues[q.name]!;
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
        const result = (await invoke(q.consumer, event)) as SQSBatchResponse | undefined;
        failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        logger.error('queue consumer failed; the batch will be retried', { queue: q.name, errorName: (error as { errorName?: string }).errorName ?? (error as Error).name });
        failed = new Set(messages.map((m) => m.MessageId!));
      }
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      if (done.length > 0) {
        await sqs
          .send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }))
          .catch(() => undefined); // stopping: the messages come back, and handling them again changes nothing
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

import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
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

/**
 * How long messages may stay in flight with no consumer handling them before a drain stops
 * waiting: a receive takes a few milliseconds to reach its consumer; a failed batch stays
 * invisible for its queue's visibility timeout, in real time, which no travel shortens.
 */
const STRANDED_AFTER_MS = 1_000;

export interface Consumers {
  /** Resolves once no consumer is receiving or handling a batch. */
  pause(): Promise<void>;
  /**
   * Waits until every declared queue is empty (no message visible, delayed or in flight) and no
   * consumer is handling a batch: true. False when that did not happen within `timeoutMs`, when
   * the consumers are paused with messages waiting, or when all that is left is in flight with no
   * consumer handling it (a batch that failed, back after its visibility timeout in real time).
   */
  drain(options?: { timeoutMs?: number }): Promise<boolean>;
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
  /** Consumers between receiving a batch and deleting what was handled. */
  let handling = 0;
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
      handling++;
      try {
        await handle(messages);
      } finally {
        handling--;
      }
    }

    async function handle(messages: Message[]): Promise<void> {
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
  /** What the queues hold now, counted as SQS counts: waiting, delayed, and received but not yet deleted. */
  async function counts(): Promise<{ waiting: number; inFlight: number }> {
    const all = await Promise.all(
      declarations.map(async (q) => {
        const { Attributes: a = {} } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queues.queues[q.name]!.url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        return { waiting: Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) };
      }),
    );
    return all.reduce((sum, c) => ({ waiting: sum.waiting + c.waiting, inFlight: sum.inFlight + c.inFlight }), { waiting: 0, inFlight: 0 });
  }

  return {
    async pause() {
      paused = true;
      while (busy > 0) await new Promise((r) => setTimeout(r, 20));
    },
    async drain({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      // Messages in flight that no consumer handles (a failed batch waiting out its visibility timeout) since when.
      let strandedSince: number | undefined;
      let clean = 0;
      for (;;) {
        // Idle read before the counts: a batch handled in between shows in the counts (in flight, or what it sent).
        const idle = handling === 0;
        const c = await counts().catch(() => undefined);
        if (!c || !running) return false;
        const empty = c.waiting === 0 && c.inFlight === 0;
        // Twice in a row: with several queues, one consumer's sends could pass between two queues' counts.
        clean = idle && empty ? clean + 1 : 0;
        if (clean >= 2) return true;
        if (paused && !empty) return false;
        strandedSince = idle && c.waiting === 0 && c.inFlight > 0 ? (strandedSince ?? Date.now()) : undefined;
        if (strandedSince !== undefined && Date.now() - strandedSince > STRANDED_AFTER_MS) return false;
        if (Date.now() > deadline) return false;
        if (clean === 0) await new Promise((r) => setTimeout(r, 25));
      }
    },
    resume: () => void (paused = false),
    async stop() {
      running = false;
      await Promise.allSettled(loops);
      sqs.destroy();
    },
  };
}

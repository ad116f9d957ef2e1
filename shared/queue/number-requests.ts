import type { SQSClient } from '@aws-sdk/client-sqs';
import { sqsSdk } from '../aws/runtime-sdk.ts';
import { queues } from '../config/queues.ts';
import { queueUrl, type Env } from '../config/settings.ts';
import { traced } from '../observability/tracer.ts';

/** Asks the numbering consumer to give applications their ЕНП. */
export interface NumberRequests {
  /** Returns the ids that could not be queued (the sweeper will pick those up). */
  send(applicationIds: string[]): Promise<string[]>;
}

export interface NumberRequestMessage {
  applicationId: string;
}

const BATCH = 10;

export class SqsNumberRequests implements NumberRequests {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(applicationIds: string[]): Promise<string[]> {
    const { SendMessageBatchCommand } = sqsSdk();
    const failed: string[] = [];
    for (let i = 0; i < applicationIds.length; i += BATCH) {
      const batch = applicationIds.slice(i, i + BATCH);
      const out = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((applicationId, n) => ({
            Id: String(n),
            MessageBody: JSON.stringify({ applicationId } satisfies NumberRequestMessage),
          })),
        }),
      );
      for (const f of out.Failed ?? []) failed.push(batch[Number(f.Id)]!);
    }
    return failed;
  }
}

const [numberRequestQueue] = queues;

/**
 * The number-requests queue at the URL the function's environment gives (the variable its
 * declaration names). A function that sends hands this to its dependencies (`provide`); the others
 * never load the SQS client, and those that do load it on their first send, not at cold start (the
 * sweeper mostly finds nothing to send).
 */
export function sqsNumberRequests(env: Env): NumberRequests {
  const url = queueUrl(numberRequestQueue.urlVariable, env);
  let queue: NumberRequests | undefined;
  // The client's endpoint, not the queue URL's host: the same in AWS, and right for local emulators.
  const connected = () => (queue ??= new SqsNumberRequests(traced(new (sqsSdk().SQSClient)({ useQueueUrlAsEndpoint: false })), url));
  return { send: async (applicationIds) => connected().send(applicationIds) };
}

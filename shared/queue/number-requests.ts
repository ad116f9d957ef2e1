import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

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

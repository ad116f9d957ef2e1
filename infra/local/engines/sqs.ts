import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import type { QueueDeclaration } from '#shared/config/queues.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.ts';

export interface LocalQueue {
  url: string;
  arn: string;
  deadLetters: { url: string; arn: string };
}

export interface LocalQueues {
  endpoint: string;
  queues: Record<string, LocalQueue>;
  stop(): Promise<void>;
}

/**
 * The SQS emulator (fauxqs), in this process, listening on 127.0.0.1 only (its `startFauxqs`
 * always binds every interface, so the app is started here). Queues and their DLQs are created
 * through the SQS API from the declarations, as CloudFormation would create them.
 */
export async function startQueues(declarations: readonly QueueDeclaration[], prefix: string): Promise<LocalQueues> {
  const app = buildApp({ logger: false, host: '127.0.0.1', defaultRegion: LOCAL_REGION });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const sqs = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const create = async (name: string, attributes: Record<string, string>) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  };
  try {
    const queues: Record<string, LocalQueue> = {};
    for (const q of declarations) {
      const deadLetters = await create(`${prefix}-${q.name}-dlq`, { MessageRetentionPeriod: '1209600' });
      const queue = await create(`${prefix}-${q.name}`, {
        VisibilityTimeout: String(q.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: q.maxReceiveCount }),
      });
      queues[q.name] = { ...queue, deadLetters };
    }
    return { endpoint, queues, stop: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  } finally {
    sqs.destroy();
  }
}

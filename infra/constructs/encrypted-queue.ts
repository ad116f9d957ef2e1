import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDeclaration } from '#shared/config/queues.ts';

/** A declared queue: KMS-encrypted, TLS-only, with a DLQ whose depth pages the operators. */
export class EncryptedQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: { declaration: QueueDeclaration; key: IKey; alarmTopic: ITopic; namePrefix: string }) {
    super(scope, id);
    const { declaration: d, key } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      queueName: `${props.namePrefix}-${d.name}-dlq`,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: `${props.namePrefix}-${d.name}`,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(d.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: d.maxReceiveCount },
    });
    const alarm = (this.deadLetterAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmName: `${props.namePrefix}-${d.name}-dlq`,
      alarmDescription: `Messages of ${d.name} failed ${d.maxReceiveCount} times and wait in the DLQ`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }));
    alarm.addAlarmAction(new SnsAction(props.alarmTopic));
    alarm.addOkAction(new SnsAction(props.alarmTopic));
  }
}

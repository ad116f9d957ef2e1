import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IAlarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RouteDeclaration } from '#shared/config/routes.ts';
import { DIMENSION, METRIC } from '#shared/observability/metrics.ts';

export interface OperationsProps {
  namePrefix: string;
  /** Where the functions publish (`POWERTOOLS_METRICS_NAMESPACE`) and as which `service`. */
  namespace: string;
  service: string;
  alarmTopic: ITopic;
  api: IHttpApi;
  /** The API stage whose routes publish detailed metrics. */
  stageName: string;
  routes: readonly RouteDeclaration[];
  /** The handlers (the `operation` dimension of their metrics) that file, number and sweep. */
  filing: string;
  numbering: string;
  sweeper: string;
  /** The handlers of the lifecycle jobs: the conversion to the e-policy, and the deadlines. */
  conversion: string;
  deadlines: string;
  /** The handlers of the choices' jobs: the yearly reset, and the reassignment when a contract ends. */
  reset: string;
  reassignment: string;
  /** The consumer of the civil registry's events. */
  registry: string;
  /** The complaints' handlers: filing, the insurer's changes, and the overdue job. */
  complaints: { filing: string; changing: string; overdue: string };
  /** Each function by its handler: the `operation` dimension of its metrics. */
  functions: ReadonlyMap<string, IFunction>;
  /** Work queues with their DLQs, and DLQs of their own (the schedules'); `alarm` when one already pages. */
  queues: { name: string; queue: IQueue; deadLetterQueue: IQueue; deadLetterAlarm: IAlarm }[];
  deadLetterQueues: { name: string; queue: IQueue }[];
  /** p99 latency a route may keep for 15 minutes before it pages, in milliseconds. */
  p99LatencyMs: number;
}

/** A 5xx rate above this share of the API's requests pages (percent), once there are enough requests to say so. */
const SERVER_ERROR_PERCENT = 1;
const MIN_REQUESTS_FOR_A_RATE = 20;
const FIVE_MINUTES = Duration.minutes(5);
/** A work message waiting this long (seconds) pages: numbers are due by the end of the next working day, this is early. */
const OLDEST_MESSAGE_SECONDS = 3600;

/**
 * What an operator watches: a CloudWatch dashboard, and alarms that go to the alarm topic (each
 * with its runbook line in the README, section Operations). The register's own metrics come from
 * the functions' EMF lines (`shared/observability/metrics.ts`), the rest from AWS's metrics for
 * API Gateway, SQS, Lambda and DynamoDB.
 *
 * Conversion: the job counts what it converts and, apart, every temporary policy due whose person
 * still has no number (an incident: numbers are due within a working day, conversion a month
 * later); one of those pages.
 */
export class Operations extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { namePrefix, namespace, service, api } = props;
    const register = (metricName: string, operation: string, statistic = 'Sum') =>
      new Metric({ namespace, metricName, dimensionsMap: { service, [DIMENSION.operation]: operation }, statistic, period: FIVE_MINUTES });
    const search = (metricName: string, dimensions: string[], statistic = 'Sum') =>
      new MathExpression({
        expression: `SEARCH('{${namespace},${['service', ...dimensions].join(',')}} MetricName="${metricName}" service="${service}"', '${statistic}', 300)`,
        usingMetrics: {},
        label: '',
        period: FIVE_MINUTES,
      });
    const page = (alarm: Alarm) => {
      alarm.addAlarmAction(new SnsAction(props.alarmTopic));
      alarm.addOkAction(new SnsAction(props.alarmTopic));
      this.alarms.push(alarm);
      return alarm;
    };

    /** Pages when a count is 1 or more in `periods` periods of 5 minutes in a row. */
    const pageOnAny = (id: string, name: string, description: string, metric: Metric, periods = 1) =>
      page(
        new Alarm(this, id, {
          alarmName: `${namePrefix}-${name}`,
          alarmDescription: `${description} Runbook: README, Operations.`,
          metric,
          threshold: 1,
          evaluationPeriods: periods,
          datapointsToAlarm: periods,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );

    // Numbers past due: a number assigned after the end of the application's working day.
    const pastDue = register(METRIC.numbersAssignedPastDue, props.numbering);
    pageOnAny('NumbersPastDue', 'numbers-past-due', 'A number (ЕНП) was assigned after its due time (the end of the next working day of the region).', pastDue);
    // The sweeper could not queue stalled applications again, in two runs in a row.
    const requeueFailures = register(METRIC.requeueFailures, props.sweeper);
    pageOnAny('RequeueFailures', 'requeue-failures', 'The sweeper could not queue stalled applications again for 10 minutes.', requeueFailures, 2);
    // A conversion due for a person still without a number: numbering is a month late for someone.
    const withoutNumber = register(METRIC.conversionsWithoutNumber, props.conversion);
    pageOnAny('ConversionsWithoutNumber', 'conversions-without-number', 'A temporary policy fell due for the e-policy while its person still has no number (ЕНП).', withoutNumber);
    // An insurer's contract ended in a region where no other insurer works: its insured stay with it.
    const impossible = register(METRIC.reassignmentsImpossible, props.reassignment);
    pageOnAny('ReassignmentsImpossible', 'reassignments-impossible', "An insurer's contract ended in a region where no other insurer works: its insured cannot be reassigned.", impossible);
    // Civil-registry events kept for the fund: they named nobody in the register, or two people.
    const parked = register(METRIC.registryEventsParked, props.registry);
    pageOnAny('RegistryEventsParked', 'registry-events-unmatched', 'A civil-registry event named nobody in the register, or two people: it waits for the fund (GET /registry/unmatched).', parked);
    // Work no one takes: a message waiting an hour means the consumer is not consuming (a disabled
    // trigger, a function that cannot start), which no DLQ shows and no number assigned late shows yet.
    for (const { name, queue } of props.queues) {
      page(
        new Alarm(this, `OldestMessage-${name}`, {
          alarmName: `${namePrefix}-${name}-oldest-message`,
          alarmDescription: `A message of ${name} has waited over an hour to be consumed. Runbook: README, Operations.`,
          metric: queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
          threshold: OLDEST_MESSAGE_SECONDS,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    // DLQs the work queues do not already alarm on (the schedules').
    for (const { name, queue } of props.deadLetterQueues) {
      page(
        new Alarm(this, `DeadLetters-${name}`, {
          alarmName: `${namePrefix}-${name}-dlq`,
          alarmDescription: `Invocations of ${name} failed every retry and wait in its DLQ. Runbook: README, Operations.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    // 5xx rate of the HTTP API: API Gateway's own count, so crashes and timeouts count too.
    const requests = api.metricCount({ period: FIVE_MINUTES });
    const serverErrors = api.metricServerError({ period: FIVE_MINUTES });
    const serverErrorRate = new MathExpression({
      expression: `IF(requests >= ${MIN_REQUESTS_FOR_A_RATE}, 100 * FILL(errors, 0) / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx, % of requests',
      period: FIVE_MINUTES,
    });
    page(
      new Alarm(this, 'ServerErrorRate', {
        alarmName: `${namePrefix}-api-5xx-rate`,
        alarmDescription: `More than ${SERVER_ERROR_PERCENT}% of the API's answers were 5xx in 2 of the last 3 periods of 5 minutes. Runbook: README, Operations.`,
        metric: serverErrorRate,
        threshold: SERVER_ERROR_PERCENT,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // p99 latency per route (the stage publishes route metrics: detailed metrics are on).
    const latencies = props.routes.map((route) => {
      const routeKey = `${route.method} ${route.path}`;
      const latency = new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: 'Latency',
        dimensionsMap: { ApiId: api.apiId, Stage: props.stageName, Route: routeKey },
        statistic: 'p99',
        period: FIVE_MINUTES,
      });
      page(
        new Alarm(this, `P99Latency-${route.handler.replace(/[^A-Za-z0-9]/g, '-')}`, {
          alarmName: `${namePrefix}-p99-latency-${route.handler.replace(/[^A-Za-z0-9]/g, '-')}`,
          alarmDescription: `p99 latency of ${routeKey} above ${props.p99LatencyMs} ms for 15 minutes. Runbook: README, Operations.`,
          metric: latency,
          threshold: props.p99LatencyMs,
          evaluationPeriods: 3,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      return latency.with({ label: routeKey });
    });

    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6 });
    const perFunction = (metric: (fn: IFunction) => Metric) => [...props.functions].map(([handler, fn]) => metric(fn).with({ label: handler, period: FIVE_MINUTES }));
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: namePrefix,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new TextWidget({
            markdown: [
              `## ${namePrefix}`,
              'Each alarm has a runbook line in the README, section **Operations**. Metrics of the register: namespace ',
              `\`${namespace}\`, dimension \`service=${service}\`.`,
              '',
              '*Conversions*: temporary policies replaced by the e-policy each hour, and those due whose person has no number yet (pages).',
            ].join('\n'),
            width: 8,
            height: 6,
          }),
          new AlarmStatusWidget({ title: 'Alarms', alarms: [...this.alarms, ...props.queues.map((q) => q.deadLetterAlarm)], width: 16, height: 6 }),
        ],
        [
          graph('Applications filed, numbers assigned', [
            register(METRIC.applicationsFiled, props.filing).with({ label: 'filed' }),
            register(METRIC.numbersAssigned, props.numbering).with({ label: 'numbers assigned' }),
            pastDue.with({ label: 'assigned past due' }),
          ]),
          graph('Sweeper: stalled applications queued again', [
            register(METRIC.stalledApplicationsRequeued, props.sweeper).with({ label: 'queued again' }),
            requeueFailures.with({ label: 'failed' }),
          ]),
          graph('Lifecycle: conversions, deadlines', [
            register(METRIC.conversionsDone, props.conversion).with({ label: 'e-policies issued' }),
            withoutNumber.with({ label: 'due without a number' }),
            register(METRIC.policiesExpired, props.deadlines).with({ label: 'expired' }),
            register(METRIC.suspensionsEnded, props.deadlines).with({ label: 'suspensions ended' }),
          ]),
          graph('Choices: yearly counts cleared, insured reassigned', [
            register(METRIC.yearlyCountsCleared, props.reset).with({ label: 'counts cleared' }),
            register(METRIC.insuredReassigned, props.reassignment).with({ label: 'reassigned (П036)' }),
            impossible.with({ label: 'contracts ended with no insurer left' }),
          ]),
          // No page: an overdue complaint is the insurer's to answer and the fund's to follow up
          // (`GET /complaints/overdue`), not an incident of the register; the job's own failures go
          // to the schedules' DLQ, which pages.
          graph('Complaints: filed, closed, flagged overdue', [
            register(METRIC.complaintsFiled, props.complaints.filing).with({ label: 'filed' }),
            register(METRIC.complaintsClosed, props.complaints.changing).with({ label: 'answered or forwarded' }),
            register(METRIC.complaintsOverdue, props.complaints.overdue).with({ label: 'flagged overdue' }),
          ]),
          graph('Queues: waiting, oldest message (s), and DLQ depth', [
            ...props.queues.map((q) => q.queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: `${q.name} waiting` })),
            ...props.queues.map((q) => q.queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum', label: `${q.name} oldest (s)` })),
            ...props.queues.map((q) => q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: `${q.name} DLQ` })),
            ...props.deadLetterQueues.map((q) => q.queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: `${q.name} DLQ` })),
          ]),
        ],
        [
          graph('API: requests, 4xx, 5xx', [requests.with({ label: 'requests' }), api.metricClientError({ period: FIVE_MINUTES, label: '4xx' }), serverErrors.with({ label: '5xx' })]),
          graph('API: 5xx rate (%)', [serverErrorRate]),
          graph('API: p99 latency per route (ms)', latencies),
        ],
        [
          graph('Refusals by code (problem+json < 500)', [search(METRIC.refusals, [DIMENSION.operation, DIMENSION.code])], 12),
          graph('Server errors by code (problem+json ≥ 500)', [search(METRIC.serverErrors, [DIMENSION.operation, DIMENSION.code])], 12),
        ],
        [
          graph('DynamoDB read units per operation (as DynamoDB reported)', [search(METRIC.consumedReadUnits, [DIMENSION.operation])], 12),
          graph('DynamoDB write units per operation (as DynamoDB reported)', [search(METRIC.consumedWriteUnits, [DIMENSION.operation])], 12),
        ],
        [
          graph('Functions: errors', perFunction((fn) => fn.metricErrors()), 12),
          graph('Functions: throttles', perFunction((fn) => fn.metricThrottles()), 12),
        ],
      ],
    });
  }
}

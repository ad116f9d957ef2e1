import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type middy from '@middy/core';

/**
 * The register's metrics, in CloudWatch's embedded metric format (EMF): Powertools prints them as
 * one JSON line on stdout at the end of an invocation, which CloudWatch Logs turns into metrics in
 * the namespace `POWERTOOLS_METRICS_NAMESPACE` with the dimension `service`
 * (`POWERTOOLS_SERVICE_NAME`); both come from `infra/functions.ts`, so the stack's dashboard and
 * alarms, the functions in the cloud and the local runner agree. Locally the same lines are printed.
 *
 * Dimensions hold operation names and problem codes only, never anything about a person.
 * Adding a metric: one entry in METRIC, one helper in `metric`, one call where it happens.
 */
export const METRIC = {
  applicationsFiled: 'ApplicationsFiled',
  numbersAssigned: 'NumbersAssigned',
  /** Of the numbers assigned, those assigned after the application's `numberDueAt` (0 or 1 each). */
  numbersAssignedPastDue: 'NumbersAssignedPastDue',
  stalledApplicationsRequeued: 'StalledApplicationsRequeued',
  requeueFailures: 'RequeueFailures',
  /** Temporary policies replaced by the e-policy. */
  conversionsDone: 'ConversionsDone',
  /** Temporary policies due for conversion whose person still has no number: an incident, alarmed. */
  conversionsWithoutNumber: 'ConversionsWithoutNumber',
  /** Deadlines applied by the deadlines job: policies expired, suspensions ended. */
  policiesExpired: 'PoliciesExpired',
  suspensionsEnded: 'SuspensionsEnded',
  /** Yearly counts cleared by the new-year reset. */
  yearlyCountsCleared: 'YearlyCountsCleared',
  /** People the fund reassigned because their insurer's contract in the region ended (П036). */
  insuredReassigned: 'InsuredReassigned',
  /** Insurers whose contract ended in a region where no other insurer works: their insured cannot be reassigned (alarmed). */
  reassignmentsImpossible: 'ReassignmentsImpossible',
  /** Civil-registry events handled, by `kind` and `outcome` (applied, no-change, unmatched, ambiguous, refused). */
  registryEvents: 'RegistryEvents',
  /** Of those, the events kept for the fund to resolve (they named nobody, or two people): watched. */
  registryEventsParked: 'RegistryEventsParked',
  /** Complaints filed to insurers, and closed (answered or forwarded) by them. */
  complaintsFiled: 'ComplaintsFiled',
  complaintsClosed: 'ComplaintsClosed',
  /** Complaints the overdue job found still open past their due instant (each counted once). */
  complaintsOverdue: 'ComplaintsOverdue',
  /** problem+json answers below 500, by `operation` and `code`. */
  refusals: 'Refusals',
  /** problem+json answers of 500 and above, by `operation` and `code`. */
  serverErrors: 'ServerErrors',
  /** DynamoDB capacity units an invocation consumed, as DynamoDB reported them, by `operation`. */
  consumedReadUnits: 'ConsumedReadUnits',
  consumedWriteUnits: 'ConsumedWriteUnits',
} as const;

/** The dimensions besides `service`. */
export const DIMENSION = { operation: 'operation', code: 'code', kind: 'kind', outcome: 'outcome' } as const;

let instance: Metrics | undefined;
/** Made on first use, from the function's environment. */
const metrics = () => (instance ??= new Metrics());
const add = (name: string, value: number) => metrics().addMetric(name, MetricUnit.Count, value);

/** What the services count: one call where it happens. */
export const metric = {
  applicationFiled: () => add(METRIC.applicationsFiled, 1),
  numberAssigned: (pastDue: boolean) => (add(METRIC.numbersAssigned, 1), add(METRIC.numbersAssignedPastDue, pastDue ? 1 : 0)),
  stalledApplicationsRequeued: (count: number) => add(METRIC.stalledApplicationsRequeued, count),
  requeueFailures: (count: number) => add(METRIC.requeueFailures, count),
  conversions: (done: number, withoutNumber: number) => (add(METRIC.conversionsDone, done), add(METRIC.conversionsWithoutNumber, withoutNumber)),
  deadlines: (expired: number, resumed: number) => (add(METRIC.policiesExpired, expired), add(METRIC.suspensionsEnded, resumed)),
  yearlyCountsCleared: (count: number) => add(METRIC.yearlyCountsCleared, count),
  complaintFiled: () => add(METRIC.complaintsFiled, 1),
  complaintClosed: () => add(METRIC.complaintsClosed, 1),
  complaintsOverdue: (count: number) => add(METRIC.complaintsOverdue, count),
  reassignments: (done: number, impossible: number) => (add(METRIC.insuredReassigned, done), add(METRIC.reassignmentsImpossible, impossible)),
  registryEvent: (kind: string, outcome: string) => {
    const single = metrics().singleMetric();
    single.addDimensions({ [DIMENSION.kind]: kind, [DIMENSION.outcome]: outcome });
    single.addMetric(METRIC.registryEvents, MetricUnit.Count, 1);
    add(METRIC.registryEventsParked, outcome === 'unmatched' || outcome === 'ambiguous' ? 1 : 0);
  },
};

/** A problem+json answer: its own EMF line, with the operation and the code as dimensions. */
export function problemAnswered(operation: string, status: number, code: string): void {
  const single = metrics().singleMetric();
  single.addDimensions({ [DIMENSION.operation]: operation, [DIMENSION.code]: code });
  single.addMetric(status >= 500 ? METRIC.serverErrors : METRIC.refusals, MetricUnit.Count, 1);
}

/** DynamoDB's own report of the units an invocation consumed (the sum of its calls' ConsumedCapacity). */
const consumed = { calls: 0, read: 0, write: 0 };
const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

function count(command: string, reported: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
  consumed.calls++;
  for (const c of [reported ?? []].flat()) {
    // DynamoDB splits the units into read and write for some calls; otherwise the call says which.
    if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
      consumed.read += c.ReadCapacityUnits ?? 0;
      consumed.write += c.WriteCapacityUnits ?? 0;
    } else if (READS.has(command)) consumed.read += c.CapacityUnits ?? 0;
    else consumed.write += c.CapacityUnits ?? 0;
  }
}

/**
 * Asks DynamoDB for the capacity each call consumes (`ReturnConsumedCapacity: TOTAL`) and adds it
 * to the invocation's sum. Calls that fail (a condition not met, a cancelled transaction) report no
 * units, though a refused write costs them: the sum is what DynamoDB told, not more.
 */
export function meterCapacity<T extends DynamoDBClient>(client: T): T {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      count(String(context.commandName), (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
      return result;
    },
    { step: 'initialize', name: 'registerConsumedCapacity', override: true },
  );
  return client;
}

/**
 * Publishes an invocation's metrics when it ends, answered or failed: what the services counted and
 * the DynamoDB units it consumed, in one EMF line with `operation` as a dimension. An invocation
 * that counted nothing and made no DynamoDB call prints nothing.
 */
export function publishingMetrics(operation: string): middy.MiddlewareObj {
  const publish = () => {
    if (consumed.calls > 0) {
      add(METRIC.consumedReadUnits, consumed.read);
      add(METRIC.consumedWriteUnits, consumed.write);
    }
    Object.assign(consumed, { calls: 0, read: 0, write: 0 });
    const m = metrics();
    if (!m.hasStoredMetrics()) return;
    m.addDimension(DIMENSION.operation, operation);
    m.publishStoredMetrics();
  };
  return {
    before: () => void Object.assign(consumed, { calls: 0, read: 0, write: 0 }),
    after: publish,
    onError: publish,
  };
}

/** Every queue and its consumer, declared once for the CDK stack and the local runner. */
export interface QueueDeclaration {
  /** Logical name; the deployed queue is named `<stack>-<name>`. */
  name: string;
  /** File under `functions/` that consumes it in batches. */
  consumer: string;
  /** Environment variable through which producers learn the queue URL. */
  urlVariable: string;
  visibilityTimeoutSeconds: number;
  /** Deliveries before a message goes to the DLQ. */
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  consumerTimeoutSeconds: number;
}

export const queues = [
  {
    name: 'number-requests',
    consumer: 'numbering/assign-numbers',
    urlVariable: 'NUMBER_QUEUE_URL',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    consumerTimeoutSeconds: 30,
  },
  {
    // Births, deaths and changes from the civil registry (and SNILS from the pension fund). An event
    // that names nobody yet is tried again after the visibility timeout, then kept for the fund
    // (`MATCH_TRIES` in shared/services/registry/registry-events.ts, below maxReceiveCount).
    name: 'registry-events',
    consumer: 'registry/apply-registry-events',
    urlVariable: 'REGISTRY_QUEUE_URL',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    consumerTimeoutSeconds: 30,
  },
] as const satisfies readonly QueueDeclaration[];

import { WORK_SHARDS } from '../store/keys.ts';
import { logger } from '../observability/logger.ts';
import { metric } from '../observability/metrics.ts';
import type { Dependencies } from './dependencies.ts';
import { inShards } from './lifecycle/shards.ts';

/** Most applications a run takes from one shard: bounds a run's time whatever the backlog. */
const PER_SHARD = 200;
const MAX_BACKOFF_MINUTES = 60;

export interface SweepResult {
  requeued: number;
  failed: number;
}

/**
 * Finds applications still waiting for their number past the grace period (through the sparse
 * work index, never a Scan) and queues them again. Each one's next look is pushed back with
 * exponential backoff, so a poison application costs little while the DLQ alarm calls a person.
 */
export async function requeueStalledApplications(deps: Dependencies): Promise<SweepResult> {
  const { store, clock } = deps;
  const settings = deps.settings.sweep;
  const now = clock.now();
  const result: SweepResult = { requeued: 0, failed: 0 };
  await inShards(WORK_SHARDS, 'requeue-stalled-applications', async (shard) => {
    const due = await store.listWorkDue('NUMBERING', shard, now.toISOString(), PER_SHARD);
    if (due.length === 0) return;
    const failed = new Set(await deps.numberRequests.send(due.map((d) => d.applicationId)));
    for (const item of due) {
      if (failed.has(item.applicationId)) {
        result.failed++;
        continue;
      }
      const requeues = item.requeues + 1;
      const backoff = Math.min(settings.stalledAfterMinutes * 2 ** requeues, MAX_BACKOFF_MINUTES);
      await store.rescheduleWork(item.applicationId, new Date(now.getTime() + backoff * 60_000).toISOString(), requeues);
      result.requeued++;
    }
  });
  if (result.requeued + result.failed > 0) logger.info('stalled applications queued again', { ...result });
  metric.stalledApplicationsRequeued(result.requeued);
  metric.requeueFailures(result.failed);
  return result;
}

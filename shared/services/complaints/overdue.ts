import { REGISTER_CODES } from '../../domain/lifecycle/history-codes.ts';
import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import { WORK_SHARDS } from '../../store/keys.ts';
import type { ComplaintRecord } from '../../store/complaint-store.ts';
import type { Dependencies } from '../dependencies.ts';
import { historyEntry } from '../lifecycle/history-entry.ts';
import { eachDue } from '../lifecycle/shards.ts';

export interface OverdueResult {
  flagged: number;
  /** Listed but flagged by a concurrent run, or answered, in between. */
  skipped: number;
}

/**
 * Flags open complaints past their due instant, found through the sparse work index (never a
 * Scan), a bounded batch a shard per run: each once, by a conditional write that also takes the
 * job's keys off it, raises its insurer's overdue count and writes the R073 history entry. Two runs
 * at once flag each complaint once: the second one's condition fails.
 */
export async function flagOverdueComplaints(deps: Dependencies): Promise<OverdueResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const result = await eachDue<ComplaintRecord, keyof OverdueResult>(
    WORK_SHARDS,
    'complaints-overdue',
    (shard) => deps.complaints.listDue(shard, at, deps.settings.complaints.overdueBatch),
    async (c) => {
      const event = historyEntry(deps, c.personId, { kind: 'complaint_overdue', registerCode: REGISTER_CODES.complaintOverdue, complaintId: c.complaintId, changes: { overdue: { from: null, to: c.dueAt } } });
      return (await deps.complaints.flagOverdue(c, at, event)) ? 'flagged' : 'skipped';
    },
    { flagged: 0, skipped: 0 },
  );
  if (result.flagged + result.skipped > 0) logger.info('overdue complaints flagged', { ...result });
  metric.complaintsOverdue(result.flagged);
  return result;
}

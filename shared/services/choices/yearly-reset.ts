import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import { WORK_SHARDS } from '../../store/keys.ts';
import type { Dependencies } from '../dependencies.ts';
import { inShards } from '../lifecycle/shards.ts';

/** Counts read and cleared per shard and round; a run takes a bounded number of rounds. */
export const RESETS_PER_ROUND = 200;
export const RESET_ROUNDS_PER_RUN = 25;

export interface ResetResult {
  cleared: number;
  /** Counts that had become another year's meanwhile (a choice made in the new year): left as they are. */
  kept: number;
}

/**
 * The yearly reset: clears the counts of the people who used a limit, once the new year has
 * reached their region (each item's due instant is its region's midnight, so Kamchatka's are due
 * nine hours before Kaliningrad's). It reads only those, through the sparse work index, so its
 * cost follows the people who used a limit, not the size of the register. Checks never wait for
 * it: a count remembers its year, and last year's counts as zero. Each clear is conditional on
 * the year it was due for, so two runs at once, or a run repeated, clear each count once.
 */
export async function resetYearlyCounts(deps: Dependencies): Promise<ResetResult> {
  const now = deps.clock.now().toISOString();
  const result: ResetResult = { cleared: 0, kept: 0 };
  await inShards(WORK_SHARDS, 'yearly-reset', async (shard) => {
    for (let round = 0; round < RESET_ROUNDS_PER_RUN; round++) {
      const due = await deps.store.listDueResets(shard, now, RESETS_PER_ROUND);
      for (const choices of due) {
        const cleared = await deps.store.clearYearlyCounts(choices.personId, choices.used?.year ?? 0);
        result[cleared ? 'cleared' : 'kept']++;
      }
      if (due.length < RESETS_PER_ROUND) break;
    }
  });
  if (result.cleared + result.kept > 0) logger.info('yearly counts reset', { ...result });
  metric.yearlyCountsCleared(result.cleared);
  return result;
}

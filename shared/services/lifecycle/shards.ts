import { logger } from '../../observability/logger.ts';

/**
 * Runs a job's work shard by shard, all at once: the shards are independent, so a run takes one
 * round trip when nothing is due, and a shard that fails is taken again by the next run while the
 * others' work stands (the failure is raised after all have run, so the schedule reports it).
 */
export async function inShards(shards: number, job: string, work: (shard: number) => Promise<void>): Promise<void> {
  const runs = await Promise.allSettled(Array.from({ length: shards }, (_, shard) => work(shard)));
  const broken = runs.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (broken.length === 0) return;
  logger.error('shards not done', { job, shards: broken.length, errorName: (broken[0]!.reason as Error).name });
  throw new AggregateError(
    broken.map((b) => b.reason as Error),
    `${broken.length} of ${shards} shards not done`,
  );
}

/**
 * A job's run: in each shard, the work due (a bounded batch), each item handled in turn and its
 * outcome counted under its name.
 */
export async function eachDue<T, O extends string>(
  shards: number,
  job: string,
  due: (shard: number) => Promise<T[]>,
  handle: (item: T) => Promise<O | undefined>,
  counts: Record<O, number>,
): Promise<Record<O, number>> {
  await inShards(shards, job, async (shard) => {
    for (const item of await due(shard)) {
      const outcome = await handle(item);
      if (outcome) counts[outcome]++;
    }
  });
  return counts;
}

import type { InsurerEntry } from '../../catalogues/catalogue-documents.ts';
import { worksOn } from '../../catalogues/insurers.ts';
import { regionCodes, getRegion } from '../../catalogues/regions.ts';
import { reassignAfterContractEnd } from '../../domain/choices/choice-rules.ts';
import { localDate } from '../../domain/local-date.ts';
import { logger } from '../../observability/logger.ts';
import { metric } from '../../observability/metrics.ts';
import { WORK_SHARDS } from '../../store/keys.ts';
import type { Dependencies } from '../dependencies.ts';
import { onLatest } from '../lifecycle/current-records.ts';
import { inShards } from '../lifecycle/shards.ts';
import { writeChoice } from './make-choice.ts';

export const REASSIGNMENTS_PER_SHARD = 100;

export interface ReassignResult {
  reassigned: number;
  /** Found through the index but insured elsewhere by now (the index follows the table a moment behind). */
  skipped: number;
  /** Ended contracts in a region where no other insurer works: nobody can be reassigned there. */
  impossible: number;
}

interface EndedContract {
  region: string;
  insurer: InsurerEntry;
  insurers: InsurerEntry[];
  today: string;
}

/** Every insurer whose contract in a region has ended by the region's today, from the catalogues. */
async function endedContracts(deps: Dependencies): Promise<EndedContract[]> {
  const now = deps.clock.now();
  const perRegion = await Promise.all(
    regionCodes.map(async (region) => {
      const today = localDate(now, getRegion(region).timeZone);
      const insurers = await deps.catalogues.insurers(region);
      return insurers.filter((i) => !worksOn(i, today)).map((insurer) => ({ region, insurer, insurers, today }));
    }),
  );
  return perRegion.flat();
}

/**
 * When an insurer's contract with a region's fund has ended, the fund reassigns its insured there
 * to the region's other insurers by its rule (П036), found through the "insured by" index, a
 * bounded batch per shard and run; each may then choose again, free of the yearly limit (П033).
 * Each through the same conditional write as a person's own choice, so a run repeated, or racing
 * the person's own change, reassigns nobody twice.
 */
export async function reassignEndedContracts(deps: Dependencies): Promise<ReassignResult> {
  const result: ReassignResult = { reassigned: 0, skipped: 0, impossible: 0 };
  for (const ended of await endedContracts(deps)) {
    if (!ended.insurers.some((i) => i.id !== ended.insurer.id && worksOn(i, ended.today))) {
      result.impossible++;
      logger.error('no insurer left to take over the insured', { region: ended.region, insurerId: ended.insurer.id });
      continue;
    }
    await inShards(WORK_SHARDS, 'reassignment', async (shard) => {
      for (const personId of await deps.store.listInsured(ended.insurer.id, ended.region, shard, REASSIGNMENTS_PER_SHARD)) {
        result[await reassignOne(deps, personId, ended)]++;
      }
    });
  }
  if (result.reassigned + result.skipped + result.impossible > 0) logger.info('insured reassigned after contracts ended', { ...result });
  metric.reassignments(result.reassigned, result.impossible);
  return result;
}

function reassignOne(deps: Dependencies, personId: string, ended: EndedContract): Promise<'reassigned' | 'skipped'> {
  return onLatest(
    deps,
    personId,
    async ({ person, policy, choices }) => {
      if (!person || !policy || person.insurerId !== ended.insurer.id || person.region !== ended.region) return 'skipped' as const;
      const decided = reassignAfterContractEnd({ person, policy, choices, today: ended.today }, ended.insurers, deps.settings.choices.assignment);
      return (await writeChoice(deps, person, policy, decided, undefined, 'reassignInsurer')) && ('reassigned' as const);
    },
    () => new Error(`reassignment of person ${personId} kept meeting concurrent changes`),
  );
}

import type { CatalogueStore } from '../../store/catalogue-store.ts';
import type { SeedDocument } from '../../catalogues/seed/seed-documents.ts';

export interface SeedOutcome {
  /** Documents written: new catalogues, or a changed seed over the seed's own last version. */
  loaded: number;
  /** Documents left as they are: the same seed, or a version the fund wrote since. */
  kept: number;
}

/** Catalogues loaded at once: enough to be quick, few enough not to crowd the table. */
const AT_ONCE = 32;

/**
 * Loads the seed into the table (on start and on deploy): a catalogue with no version gets the
 * seed as version 1; one whose newest version is an older seed gets the new seed as the next
 * version; one the fund has changed is left alone (the fund's word wins over the files). Each
 * version is written on the condition that its number is free, so two loaders at once, or a load
 * repeated, write each version once.
 */
export async function loadSeed(store: CatalogueStore, documents: SeedDocument[], at: string): Promise<SeedOutcome> {
  const outcome: SeedOutcome = { loaded: 0, kept: 0 };
  const queue = [...documents];
  const worker = async () => {
    for (let doc = queue.shift(); doc; doc = queue.shift()) {
      const latest = await store.latest(doc.kind, doc.scope, true);
      const stale = latest === undefined || (latest.source === 'seed' && latest.seedHash !== doc.hash);
      const written =
        stale && (await store.putVersion({ kind: doc.kind, scope: doc.scope, version: (latest?.version ?? 0) + 1, data: doc.data, changedAt: at, source: 'seed', seedHash: doc.hash }));
      outcome[written ? 'loaded' : 'kept']++;
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return outcome;
}

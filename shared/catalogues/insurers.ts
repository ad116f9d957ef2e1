import { createHash } from 'node:crypto';
import type { InsurerEntry } from './catalogue-documents.ts';

/** How the region's fund assigns an insurer to someone who chose none (`INSURER_ASSIGNMENT`). */
export const ASSIGNMENT_RULES = ['weighted', 'even'] as const;
export type AssignmentRule = (typeof ASSIGNMENT_RULES)[number];

/** Whether the insurer works in the region on `today`: listed, and its contract not ended. */
export function worksOn(insurer: InsurerEntry, today: string): boolean {
  return insurer.contractEnd === null || today <= insurer.contractEnd;
}

/** The region's insurer `id`, if it works there on `today`. */
export function insurerWorking(insurers: readonly InsurerEntry[], id: string, today: string): InsurerEntry | undefined {
  const insurer = insurers.find((i) => i.id === id);
  return insurer && worksOn(insurer, today) ? insurer : undefined;
}

/**
 * With no choice made, the territorial fund assigns an insurer among those working in the region
 * (never `except`). `weighted` (the default) draws in proportion to how many each already insures
 * (F002 `kol_zl`), so the fund's assignments keep the region's shares as they are rather than
 * pushing people to a small insurer; `even` gives each the same share. The draw is a hash of the
 * person's id: the same person gets the same answer on a retry, and no counter is contended.
 */
export function assignInsurer(insurers: readonly InsurerEntry[], personId: string, today: string, rule: AssignmentRule, except?: string): InsurerEntry {
  const candidates = insurers.filter((i) => i.id !== except && worksOn(i, today)).sort((a, b) => a.id.localeCompare(b.id));
  if (candidates.length === 0) throw new Error('no insurer works in the region');
  const weights = candidates.map((i) => (rule === 'weighted' ? Math.max(1, i.insured) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let draw = createHash('sha256').update(personId).digest().readUInt32BE(0) % total;
  for (const [n, weight] of weights.entries()) {
    if (draw < weight) return candidates[n]!;
    draw -= weight;
  }
  return candidates.at(-1)!;
}

/** What an answer shows of an insurer: its id, name and contacts. */
export function insurerContacts(insurer: InsurerEntry | undefined, id: string) {
  return {
    id,
    name: insurer?.name ?? id,
    phone: insurer?.phone ?? '',
    ...(insurer ? { ogrn: insurer.ogrn } : {}),
    ...(insurer?.site ? { site: insurer.site } : {}),
    ...(insurer ? { address: insurer.address } : {}),
  };
}

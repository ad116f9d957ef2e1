import { createHash } from 'node:crypto';
import data from './insurers.json' with { type: 'json' };

export interface Insurer {
  id: string;
  name: string;
  phone: string;
  regions: string[];
}

const insurers: Insurer[] = data.insurers;

export function findInsurer(id: string): Insurer | undefined {
  return insurers.find((i) => i.id === id);
}

export function insurersOfRegion(region: string): Insurer[] {
  return insurers.filter((i) => i.regions.includes('*') || i.regions.includes(region));
}

/**
 * With no choice made, the territorial fund assigns an insurer. We spread people evenly and
 * reproducibly over the region's insurers by a hash of the person's id (same person, same answer).
 */
export function assignInsurer(region: string, personId: string): Insurer {
  const candidates = insurersOfRegion(region).sort((a, b) => a.id.localeCompare(b.id));
  if (candidates.length === 0) throw new Error(`no insurer operates in region ${region}`);
  const bucket = createHash('sha256').update(personId).digest().readUInt32BE(0) % candidates.length;
  return candidates[bucket]!;
}

import data from './free-care.json' with { type: 'json' };

const regional: Record<string, { add: string[]; remove: string[] } | undefined> = data.regions;

/** The care a person gets free on presenting the policy, narrowed or widened by the region. */
export function freeCareOf(region: string): string[] {
  const change = regional[region];
  if (!change) return [...data.default];
  return [...data.default.filter((c) => !change.remove.includes(c)), ...change.add];
}

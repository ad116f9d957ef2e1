import data from './regions.json' with { type: 'json' };

/** Subjects of the federation: the ЕНП territory code and the IANA zone deadlines are counted in. */
export interface Region {
  code: string;
  name: string;
  timeZone: string;
}

const regions: ReadonlyMap<string, Region> = new Map(data.regions.map((r) => [r.code, r]));

export const regionCodes = [...regions.keys()] as [string, ...string[]];

export function findRegion(code: string): Region | undefined {
  return regions.get(code);
}

export function getRegion(code: string): Region {
  const region = regions.get(code);
  if (!region) throw new RangeError(`unknown region ${code}`);
  return region;
}

import { COUNTRY, EMPTY, type CatalogueVersion } from '../../catalogues/catalogue-documents.ts';
import { freeCareOf } from '../../catalogues/free-care.ts';
import { Problem } from '../../domain/problem.ts';
import type { Dependencies } from '../dependencies.ts';
import { catalogueVersion } from './catalogue-versions.ts';
import { versionFacts, type VersionFacts } from './version-view.ts';

export interface FreeCareQuery {
  region?: string;
  version?: number;
  regionalVersion?: number;
}

export interface FreeCareView {
  region: string | null;
  /** The care given free: the federal list, less the region's removals, with its additions. */
  care: string[];
  federal: VersionFacts;
  /** The region's additions and removals; null without a region, or while it has none. */
  regional: (VersionFacts & { add: string[]; remove: string[] }) | null;
}

/**
 * The free care of a region (or the federal list alone), with the versions it came from, current
 * or as they were: the same list a temporary policy's leaflet gives. `tag`: both versions.
 */
export async function freeCareView(deps: Pick<Dependencies, 'catalogues'>, query: FreeCareQuery): Promise<{ view: FreeCareView; tag: string }> {
  if (query.region === undefined && query.regionalVersion !== undefined) {
    throw Problem.invalid([{ pointer: '/regionalVersion', code: 'region-required', detail: 'A version of which region\'s changes: give the region too.' }], 'Invalid query parameters.');
  }
  const [federal, regional] = await Promise.all([
    catalogueVersion(deps, 'free-care', COUNTRY, query.version),
    regionalChanges(deps, query.region, query.regionalVersion),
  ]);
  const changes = regional?.data ?? EMPTY['regional-care'];
  return {
    view: {
      region: query.region ?? null,
      care: freeCareOf(federal.data, changes),
      federal: versionFacts(federal),
      regional: regional ? { ...versionFacts(regional), ...regional.data } : null,
    },
    tag: query.region === undefined ? String(federal.version) : `${federal.version}.${regional?.version ?? 0}`,
  };
}

async function regionalChanges(deps: Pick<Dependencies, 'catalogues'>, region: string | undefined, version: number | undefined): Promise<CatalogueVersion<'regional-care'> | undefined> {
  if (region === undefined) return undefined;
  if (version !== undefined) return catalogueVersion(deps, 'regional-care', region, version);
  return deps.catalogues.current('regional-care', region);
}

import { createHash } from 'node:crypto';
import { readCalendarYears } from '../../calendar/year-files.ts';
import { COUNTRY, type CatalogueData, type CatalogueKind, type Clinic, type DoctorKind, type InsurerEntry } from '../catalogue-documents.ts';
import f002 from './F002.json' with { type: 'json' };
import f003 from './F003.json' with { type: 'json' };
import doctors from './doctors.json' with { type: 'json' };
import freeCare from './free-care.json' with { type: 'json' };

/** One catalogue document of the seed: what its first version holds. */
export interface SeedDocument<K extends CatalogueKind = CatalogueKind> {
  kind: K;
  scope: string;
  data: CatalogueData[K];
  /** Tells a changed seed from the one loaded before. */
  hash: string;
}

const hashOf = (data: unknown) => createHash('sha256').update(JSON.stringify(data)).digest('base64url');

function seed<K extends CatalogueKind>(kind: K, scope: string, data: CatalogueData[K]): SeedDocument {
  return { kind, scope, data, hash: hashOf(data) } as SeedDocument;
}

/** Groups rows by region: F002 and F003 codes start with the region's two digits. */
function byRegion<T>(rows: T[], code: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const region = code(row).slice(0, 2);
    groups.set(region, [...(groups.get(region) ?? []), row]);
  }
  return groups;
}

/**
 * The seed, as catalogue documents: the files in this folder (shaped like the federal F002 and F003
 * catalogues, one row per insurer or clinic per region) and the production calendar's year files.
 * The register loads them into its table on start and on deploy (`seed-loader.ts`).
 */
export function seedDocuments(calendarDir?: string): SeedDocument[] {
  const documents: SeedDocument[] = [];
  for (const [region, rows] of byRegion(f002.insCompany, (r) => r.smocod)) {
    const insurers: InsurerEntry[] = rows.map((r) => ({
      id: r.id,
      code: r.smocod,
      name: r.nam_smop,
      shortName: r.nam_smok,
      ogrn: r.Ogrn,
      phone: r.phone,
      site: r.www,
      address: r.pstAddress.addr_p,
      contractEnd: r.d_end,
      insured: r.kol_zl,
    }));
    documents.push(seed('insurers', region, { insurers }));
  }
  for (const [region, rows] of byRegion(f003.medCompany, (r) => r.mcod)) {
    const clinics: Clinic[] = rows.map((r) => ({ code: r.mcod, name: r.nam_mop, shortName: r.nam_mok, address: r.addr_j, attaches: r.attaches as DoctorKind[] }));
    documents.push(seed('clinics', region, { clinics }));
  }
  for (const [clinic, list] of Object.entries(doctors.doctors)) {
    documents.push(seed('doctors', clinic, { doctors: list.map((d) => ({ ...d, specialty: d.specialty as DoctorKind })) }));
  }
  documents.push(seed('free-care', COUNTRY, { care: freeCare.base }));
  for (const [region, change] of Object.entries(freeCare.regions)) documents.push(seed('regional-care', region, change));
  for (const year of readCalendarYears(calendarDir)) documents.push(seed('calendar', String(year.year), year));
  return documents;
}

import type { CalendarYear } from '../schemas/calendar-year.ts';
import type { Actor } from '../store/records.ts';

/**
 * The catalogues the fund maintains, each kept as numbered versions of one document per scope:
 * a region's insurers, a region's clinics, a clinic's doctors, the federal free-care program, a
 * region's changes to it, a year of the production calendar. A change writes the next version and
 * never rewrites an old one, so a history entry that names a catalogue version keeps its meaning.
 */
export const DOCTOR_KINDS = ['therapist', 'pediatrician', 'gp'] as const;
export type DoctorKind = (typeof DOCTOR_KINDS)[number];

export interface InsurerEntry {
  /** The register's short name of the insurer, the same in every region (tokens carry it). */
  id: string;
  /** F002 `smocod`: the insurer's code in this region. */
  code: string;
  name: string;
  shortName: string;
  ogrn: string;
  phone: string;
  site?: string;
  address: string;
  /** Last day of the insurer's contract with the region's fund; null while open-ended. */
  contractEnd: string | null;
  /** F002 `kol_zl`: how many people it insures in the region (the weight of the fund's assignment). */
  insured: number;
}

export interface Clinic {
  /** F003 `mcod`: six digits, the first two the region's. */
  code: string;
  name: string;
  shortName: string;
  address: string;
  /** The kinds of doctor the clinic attaches people to. */
  attaches: DoctorKind[];
}

export interface Doctor {
  code: string;
  name: string;
  specialty: DoctorKind;
}

export interface CatalogueData {
  insurers: { insurers: InsurerEntry[] };
  clinics: { clinics: Clinic[] };
  doctors: { doctors: Doctor[] };
  'free-care': { care: string[] };
  'regional-care': { add: string[]; remove: string[] };
  calendar: CalendarYear;
}
export type CatalogueKind = keyof CatalogueData;

/** What each kind's scope is: the whole country, a region, a clinic or a year. */
export const CATALOGUE_SCOPES: Record<CatalogueKind, 'country' | 'region' | 'clinic' | 'year'> = {
  insurers: 'region',
  clinics: 'region',
  doctors: 'clinic',
  'free-care': 'country',
  'regional-care': 'region',
  calendar: 'year',
};
export const COUNTRY = 'RU';

export interface CatalogueVersion<K extends CatalogueKind = CatalogueKind> {
  kind: K;
  scope: string;
  version: number;
  data: CatalogueData[K];
  changedAt: string;
  /** Who wrote it: the fund's administrator, or the seed. */
  source: 'seed' | 'fund';
  changedBy?: Actor;
  /** A seed version: the hash of the seed it was loaded from (a changed seed loads again). */
  seedHash?: string;
}

/** What a change's `If-Match` asks: any current version (`*`), or one of these versions. */
export type Precondition = 'any' | number[];

/** A catalogue as a reader sees it: no version yet is an empty document. */
export const EMPTY: { [K in CatalogueKind]: K extends 'calendar' ? undefined : CatalogueData[K] } = {
  insurers: { insurers: [] },
  clinics: { clinics: [] },
  doctors: { doctors: [] },
  'free-care': { care: [] },
  'regional-care': { add: [], remove: [] },
  calendar: undefined,
};

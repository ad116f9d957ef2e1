import { COUNTRY, EMPTY, type CatalogueData, type CatalogueKind, type CatalogueVersion, type Clinic, type Doctor, type InsurerEntry } from '../../catalogues/catalogue-documents.ts';
import { freeCareOf } from '../../catalogues/free-care.ts';
import type { CatalogueStore } from '../../store/catalogue-store.ts';

/**
 * The catalogues as the services read them. Each function keeps what it read for a while
 * (`ttlMs`, a minute by default), so a catalogue costs one read per function instance a minute,
 * not one per request: a change reaches every function within that time. A code not found is
 * looked up once more fresh, so something the fund has just added is never refused for staleness.
 */
export class CatalogueReader {
  private readonly cache = new Map<string, { at: number; value: Promise<CatalogueVersion | undefined> }>();

  constructor(
    readonly store: CatalogueStore,
    private readonly ttlMs: number,
    private readonly ticks: () => number = () => performance.now(),
  ) {}

  /** The current version, or undefined while the catalogue has none. */
  current<K extends CatalogueKind>(kind: K, scope: string, fresh = false): Promise<CatalogueVersion<K> | undefined> {
    const key = `${kind}#${scope}`;
    const cached = this.cache.get(key);
    if (!fresh && cached && this.ticks() - cached.at < this.ttlMs) return cached.value as Promise<CatalogueVersion<K> | undefined>;
    const value = this.store.latest(kind, scope);
    const entry = { at: this.ticks(), value };
    this.cache.set(key, entry);
    // A failed read is not kept (unless a newer read has taken its place meanwhile).
    value.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
    return value;
  }

  /** The current data, an empty catalogue while there is none. */
  async data<K extends Exclude<CatalogueKind, 'calendar'>>(kind: K, scope: string, fresh = false): Promise<CatalogueData[K]> {
    return (await this.current(kind, scope, fresh))?.data ?? (EMPTY[kind] as CatalogueData[K]);
  }

  /** Forgets what it keeps of one catalogue: after this function itself changed it. */
  forget(kind: CatalogueKind, scope: string): void {
    this.cache.delete(`${kind}#${scope}`);
  }

  async insurers(region: string): Promise<InsurerEntry[]> {
    return (await this.data('insurers', region)).insurers;
  }

  /** The region's insurer `id` as the catalogue lists it. */
  async insurer(region: string, id: string): Promise<InsurerEntry | undefined> {
    return (await this.find('insurers', region, (d) => d.insurers.find((i) => i.id === id)))?.found;
  }

  /** A clinic of the region, with the catalogue version it was found in. */
  async clinic(region: string, code: string): Promise<{ clinic: Clinic; version: number } | undefined> {
    const hit = await this.find('clinics', region, (d) => d.clinics.find((c) => c.code === code));
    return hit && { clinic: hit.found, version: hit.version };
  }

  /** A doctor of the clinic, with the catalogue version it was found in. */
  async doctor(clinic: string, code: string): Promise<{ doctor: Doctor; version: number } | undefined> {
    const hit = await this.find('doctors', clinic, (d) => d.doctors.find((x) => x.code === code));
    return hit && { doctor: hit.found, version: hit.version };
  }

  /** One entry of a catalogue: from what is kept, else from a fresh look before saying it is not there. */
  private async find<K extends CatalogueKind, T>(kind: K, scope: string, pick: (data: CatalogueData[K]) => T | undefined): Promise<{ found: T; version: number } | undefined> {
    for (const fresh of [false, true]) {
      const current = await this.current(kind, scope, fresh);
      const found = current && pick(current.data);
      if (found !== undefined) return { found, version: current!.version };
    }
    return undefined;
  }

  async freeCare(region: string): Promise<string[]> {
    const [base, regional] = await Promise.all([this.data('free-care', COUNTRY), this.data('regional-care', region)]);
    return freeCareOf(base, regional);
  }
}

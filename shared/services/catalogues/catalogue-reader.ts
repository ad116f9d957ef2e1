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
    this.cache.set(key, { at: this.ticks(), value });
    value.catch(() => this.cache.delete(key));
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

  /** The region's insurer `id` as the catalogue lists it (a fresh look before saying it is not there). */
  async insurer(region: string, id: string): Promise<InsurerEntry | undefined> {
    return (await this.insurers(region)).find((i) => i.id === id) ?? (await this.data('insurers', region, true)).insurers.find((i) => i.id === id);
  }

  async clinics(region: string): Promise<Clinic[]> {
    return (await this.data('clinics', region)).clinics;
  }

  async clinic(region: string, code: string): Promise<{ clinic: Clinic; version: number } | undefined> {
    for (const fresh of [false, true]) {
      const current = await this.current('clinics', region, fresh);
      const clinic = current?.data.clinics.find((c) => c.code === code);
      if (clinic) return { clinic, version: current!.version };
    }
    return undefined;
  }

  async doctor(clinic: string, code: string): Promise<{ doctor: Doctor; version: number } | undefined> {
    for (const fresh of [false, true]) {
      const current = await this.current('doctors', clinic, fresh);
      const doctor = current?.data.doctors.find((d) => d.code === code);
      if (doctor) return { doctor, version: current!.version };
    }
    return undefined;
  }

  async freeCare(region: string): Promise<string[]> {
    const [base, regional] = await Promise.all([this.data('free-care', COUNTRY), this.data('regional-care', region)]);
    return freeCareOf(base, regional);
  }
}

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CatalogueKind, CatalogueVersion } from '#shared/catalogues/catalogue-documents.ts';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { CatalogueReader } from '#shared/services/catalogues/catalogue-reader.ts';
import { loadSeed } from '#shared/services/catalogues/seed-loader.ts';
import { DynamoDbCatalogueStore, type CatalogueStore } from '#shared/store/catalogue-store.ts';

/** The catalogues in memory, as the table would hold them: for handlers over mocked AWS clients. */
export class MemoryCatalogueStore implements CatalogueStore {
  readonly versions = new Map<string, CatalogueVersion[]>();

  async latest<K extends CatalogueKind>(kind: K, scope: string) {
    return this.versions.get(`${kind}#${scope}`)?.at(-1) as CatalogueVersion<K> | undefined;
  }

  async version<K extends CatalogueKind>(kind: K, scope: string, version: number) {
    return this.versions.get(`${kind}#${scope}`)?.find((v) => v.version === version) as CatalogueVersion<K> | undefined;
  }

  async putVersion(version: CatalogueVersion) {
    const list = this.versions.get(`${version.kind}#${version.scope}`) ?? [];
    if (list.some((v) => v.version === version.version)) return false;
    this.versions.set(`${version.kind}#${version.scope}`, [...list, version]);
    return true;
  }
}

const SEED = seedDocuments();

/** A reader over the seed in memory, reading through every time (no keeping). */
export async function seededMemoryCatalogues(): Promise<CatalogueReader> {
  const store = new MemoryCatalogueStore();
  await loadSeed(store, SEED, '2026-01-01T00:00:00Z');
  return new CatalogueReader(store, 0);
}

/** Loads the seed into a table of DynamoDB Local, and a reader over it that reads through every time. */
export async function seededTableCatalogues(client: DynamoDBClient, tableName: string): Promise<CatalogueReader> {
  const store = new DynamoDbCatalogueStore(client, tableName);
  await loadSeed(store, SEED, '2026-01-01T00:00:00Z');
  return new CatalogueReader(store, 0);
}

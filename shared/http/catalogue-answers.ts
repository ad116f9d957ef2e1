import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CatalogueKind, CatalogueVersion } from '../catalogues/catalogue-documents.ts';
import { versionView } from '../services/catalogues/version-view.ts';
import { cacheableAnswer, etagOf } from './entity-tags.ts';
import { json, type HttpResult } from './responses.ts';

/** How long a cache may keep the current version: as long as each function keeps it (a minute). */
export const CURRENT_MAX_AGE_SECONDS = 60;
/** An older version asked for by number never changes: a cache may keep it a day. */
export const VERSION_MAX_AGE_SECONDS = 86_400;

/** A version read: its tag, cacheable; 304 to a caller who holds it. */
export function catalogueAnswer<K extends CatalogueKind>(event: APIGatewayProxyEventV2, version: CatalogueVersion<K>, asked: number | undefined): HttpResult {
  return cacheableAnswer(event, etagOf(version.version), asked === undefined ? CURRENT_MAX_AGE_SECONDS : VERSION_MAX_AGE_SECONDS, () => versionView(version));
}

/** A version written: 201 for a catalogue's first version, 200 for a next one. */
export function writtenAnswer<K extends CatalogueKind>({ version, created }: { version: CatalogueVersion<K>; created: boolean }): HttpResult {
  return json(created ? 201 : 200, versionView(version));
}

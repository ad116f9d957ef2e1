import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Precondition } from '../catalogues/catalogue-documents.ts';
import { header } from './request.ts';
import { json, type HttpResult } from './responses.ts';

/**
 * Entity tags (RFC 9110 §8.8.3, §13.1): a catalogue's version is its tag, `"3"`. `If-None-Match`
 * on a read answers 304 when the caller holds the current version (weak comparison); `If-Match` on
 * a change holds only for the current version (strong comparison: a weak tag never matches).
 */
export const etagOf = (version: number | string) => `"${version}"`;

interface EntityTags {
  any: boolean;
  tags: { weak: boolean; opaque: string }[];
}

/** `*`, or a comma-separated list of `"tag"` and `W/"tag"`; anything else in the list matches nothing. */
function entityTags(value: string | undefined): EntityTags | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '*') return { any: true, tags: [] };
  const tags = [...value.matchAll(/(W\/)?"([\x21\x23-\x7e]*)"/g)].map((m) => ({ weak: m[1] !== undefined, opaque: m[2]! }));
  return { any: false, tags };
}

/** Whether a read's `If-None-Match` names the tag it would answer with (weak comparison: `W/` aside). */
export function notModified(event: APIGatewayProxyEventV2, etag: string): boolean {
  const given = entityTags(header(event, 'if-none-match'));
  if (!given) return false;
  return given.any || given.tags.some((t) => `"${t.opaque}"` === etag.replace(/^W\//, ''));
}

/** What a change's `If-Match` asks, as versions; undefined without the header. */
export function ifMatch(event: APIGatewayProxyEventV2): Precondition | undefined {
  const given = entityTags(header(event, 'if-match'));
  if (!given) return undefined;
  if (given.any) return 'any';
  return given.tags.filter((t) => !t.weak && /^[1-9]\d{0,9}$/.test(t.opaque)).map((t) => Number(t.opaque));
}

/**
 * A cacheable read: 200 with its tag and caching, or 304 (no body) when the caller has it already.
 * `public`: the answers are the same for every caller, so shared caches may keep them.
 */
export function cacheableAnswer(event: APIGatewayProxyEventV2, etag: string, maxAgeSeconds: number, body: () => unknown): HttpResult {
  const headers = { etag, 'cache-control': `public, max-age=${maxAgeSeconds}` };
  if (notModified(event, etag)) return { statusCode: 304, headers: { ...headers, 'x-content-type-options': 'nosniff' }, body: '' };
  return json(200, body(), headers);
}

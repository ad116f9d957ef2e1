import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { Problem } from '../domain/problem.ts';
import type { LookupHasher } from '../privacy/lookup-hasher.ts';

/**
 * Page cursors as callers see them: opaque and URL-safe (base64url of a small JSON), bound to the
 * list they page through and sealed with the register's key. The table's keys stay inside, and a
 * cursor the register did not hand out, or one changed in any way, is a 400.
 */
const contents = z.strictObject({ v: z.literal(1), list: z.string(), after: z.string(), seal: z.string() });

export function encodeCursor(hasher: LookupHasher, list: string, after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, list, after, seal: hasher.cursor(list, after) })).toString('base64url');
}

const invalid = () =>
  new Problem({
    status: 400,
    code: 'invalid-cursor',
    title: 'Invalid cursor',
    detail: 'Pass the `next` of the previous page unchanged.',
    errors: [{ pointer: '/cursor', code: 'invalid-cursor', detail: 'Not a cursor the register gave for this list.' }],
  });

/** The position a cursor continues after, if the register sealed it for this list. */
export function decodeCursor(hasher: LookupHasher, list: string, cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // Only our own spelling: base64url decoding forgives trailing garbage, the comparison does not.
  if (bytes.toString('base64url') !== cursor) throw invalid();
  let parsed: z.infer<typeof contents>;
  try {
    parsed = contents.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw invalid();
  }
  const expected = Buffer.from(hasher.cursor(list, parsed.after));
  const given = Buffer.from(parsed.seal);
  if (parsed.list !== list || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  return parsed.after;
}

/**
 * A page of a list that is not a person's (the fund's unmatched events, an insurer's open
 * complaints): the cursor unsealed before the read, the next one sealed after, both for `list`.
 */
export async function sealedPage<T>(
  deps: { hasher: () => Promise<LookupHasher> },
  list: string,
  page: { limit?: number; cursor?: string },
  read: (limit: number, after?: string) => Promise<{ items: T[]; cursor?: string }>,
): Promise<{ items: T[]; next?: string }> {
  const after = page.cursor === undefined ? undefined : decodeCursor(await deps.hasher(), list, page.cursor);
  const { items, cursor } = await read(page.limit ?? 50, after);
  return { items, ...(cursor ? { next: encodeCursor(await deps.hasher(), list, cursor) } : {}) };
}

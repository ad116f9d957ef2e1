import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Problem } from '../domain/problem.ts';
import type { LookupHasher } from '../privacy/lookup-hasher.ts';

/**
 * Page cursors as callers see them: opaque and URL-safe. The position (a table key) is encrypted
 * with AES-256-GCM under a key derived from the register's, the list it pages through bound in as
 * associated data: a cursor reads as noise, and one the register did not hand out, changed in any
 * way, or given for another list, is a 400. Layout, in base64url: version (1 byte), nonce (12),
 * tag (16), ciphertext.
 */
const VERSION = 1;
const HEAD = 1 + 12 + 16;

export function encodeCursor(hasher: LookupHasher, list: string, after: string): string {
  const nonce = hasher.cursorNonce(list, after);
  const cipher = createCipheriv('aes-256-gcm', hasher.cursorKey(), nonce).setAAD(Buffer.from(list, 'utf8'));
  const sealed = Buffer.concat([cipher.update(after, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

const invalid = () =>
  new Problem({
    status: 400,
    code: 'invalid-cursor',
    title: 'Invalid cursor',
    detail: 'Pass the `next` of the previous page unchanged.',
    errors: [{ pointer: '/cursor', code: 'invalid-cursor', detail: 'Not a cursor the register gave for this list.' }],
  });

/** The position a cursor continues after, if the register made it for this list. */
export function decodeCursor(hasher: LookupHasher, list: string, cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // Only our own spelling: base64url decoding forgives trailing garbage, the comparison does not.
  if (bytes.toString('base64url') !== cursor || bytes.length <= HEAD || bytes[0] !== VERSION) throw invalid();
  try {
    const decipher = createDecipheriv('aes-256-gcm', hasher.cursorKey(), bytes.subarray(1, 13)).setAAD(Buffer.from(list, 'utf8'));
    decipher.setAuthTag(bytes.subarray(13, HEAD));
    return Buffer.concat([decipher.update(bytes.subarray(HEAD)), decipher.final()]).toString('utf8');
  } catch {
    throw invalid();
  }
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

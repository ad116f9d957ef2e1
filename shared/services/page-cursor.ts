import { z } from 'zod';
import { Problem } from '../domain/problem.ts';

/**
 * Page cursors as callers see them: opaque and URL-safe (base64url of a small JSON), bound to the
 * list they page through. The table's keys stay inside; a cursor that is not one of ours is a 400.
 */
const contents = z.object({ v: z.literal(1), list: z.string(), after: z.string() }).strict();

export function encodeCursor(list: string, after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, list, after })).toString('base64url');
}

/** The position a cursor continues after; `accept` checks it is a position of this list. */
export function decodeCursor(list: string, cursor: string, accept: (after: string) => boolean): string {
  const invalid = () =>
    new Problem({
      status: 400,
      code: 'invalid-cursor',
      title: 'Invalid cursor',
      detail: 'Pass the `next` of the previous page unchanged.',
      errors: [{ pointer: '/cursor', code: 'invalid-cursor', detail: 'Not a cursor of this list.' }],
    });
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // Only our own spelling: base64url decoding forgives trailing garbage, the comparison does not.
  if (bytes.toString('base64url') !== cursor) throw invalid();
  let parsed: z.infer<typeof contents>;
  try {
    parsed = contents.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw invalid();
  }
  if (parsed.list !== list || !accept(parsed.after)) throw invalid();
  return parsed.after;
}

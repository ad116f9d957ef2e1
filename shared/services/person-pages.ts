import { grantFor } from '../auth/access.ts';
import type { Caller } from '../auth/caller.ts';
import { Problem } from '../domain/problem.ts';
import { auditRead } from './audit.ts';
import type { Dependencies } from './dependencies.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/**
 * A page of one of a person's lists (audit trail, history), newest first, for a caller who may see
 * the person, with cursors sealed to that list. The page is read beside the audit write of this
 * very read (it may or may not list it: both are true).
 */
export async function personPage<T, V>(
  deps: Dependencies,
  caller: Caller,
  personId: string,
  page: PageRequest,
  list: { name: string; operation: string; read(limit: number, after?: string): Promise<{ items: T[]; cursor?: string }>; view(item: T): V },
): Promise<{ items: V[]; next?: string }> {
  const sealedTo = `${list.name}:${personId}`;
  const after = page.cursor === undefined ? undefined : decodeCursor(await deps.hasher(), sealedTo, page.cursor);
  const person = await deps.store.getPerson(personId);
  const grant = person && (await grantFor(deps, caller, person));
  if (!person || !grant) throw Problem.notFound('The person');
  const [{ items, cursor }] = await Promise.all([list.read(page.limit ?? 50, after), auditRead(deps, caller, personId, list.operation, grant === 'self')]);
  return {
    items: items.map((i) => list.view(i)),
    ...(cursor ? { next: encodeCursor(await deps.hasher(), sealedTo, cursor) } : {}),
  };
}

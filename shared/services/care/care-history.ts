import { grantFor } from '../../auth/access.ts';
import { hasRole, type Caller } from '../../auth/caller.ts';
import { Problem } from '../../domain/problem.ts';
import type { CareEventView } from '../../schemas/care.ts';
import { auditRead } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type { PageRequest } from '../person-pages.ts';
import { careView } from './care-view.ts';

export const HISTORY_OPERATION = 'getPersonCareHistory';

/**
 * The person's care history, newest date first, a page at a time. The person (and a parent) and the
 * fund see every event; an insurer sees the events stamped with it: its current insured's from the
 * day it took them over, and a former insured's from its own time, for as long as it holds at least
 * one there (it no longer passes `grantFor` for that person: without one, 404). Each read of this
 * medical data is audited like any other read of the record (the person's own reads are not news to them).
 */
export async function careHistory(deps: Dependencies, caller: Caller, personId: string, page: PageRequest): Promise<{ items: Partial<CareEventView>[]; next?: string }> {
  const insurerId = hasRole(caller, 'citizen', 'fund_admin') ? undefined : caller.insurerId!;
  const sealedTo = `care:${personId}${insurerId ? `:${insurerId}` : ''}`;
  const hasher = await deps.hasher();
  const after = page.cursor === undefined ? undefined : decodeCursor(hasher, sealedTo, page.cursor);
  const person = await deps.store.getPerson(personId);
  const grant = person && (await grantFor(deps, caller, person));
  const limit = page.limit ?? 50;
  const read = () => deps.care.listCare(personId, limit, after, insurerId);
  let items, cursor;
  if (grant) {
    [{ items, cursor }] = await Promise.all([read(), auditRead(deps, caller, personId, HISTORY_OPERATION, grant === 'self')]);
  } else {
    // A former insurer: what it may see is what it stamped. Nothing stamped (and no page of it begun): not its record.
    if (!person || !insurerId) throw Problem.notFound('The person');
    ({ items, cursor } = await read());
    if (items.length === 0 && after === undefined) throw Problem.notFound('The person');
    await auditRead(deps, caller, personId, HISTORY_OPERATION, false);
  }
  return {
    items: items.map((e) => careView(e, caller)),
    ...(cursor ? { next: encodeCursor(hasher, sealedTo, cursor) } : {}),
  };
}

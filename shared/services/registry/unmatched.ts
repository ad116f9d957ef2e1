import type { UnmatchedEventRecord } from '../../store/registry-store.ts';
import type { Dependencies } from '../dependencies.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type { PageRequest } from '../person-pages.ts';

const LIST = 'registry-unmatched';

/**
 * The civil-registry events that named nobody, or two people, oldest first: the fund's work list
 * (the route admits fund administrators only). Cursors are sealed like every other page's.
 */
export async function unmatchedEvents(deps: Dependencies, page: PageRequest): Promise<{ items: UnmatchedEventRecord[]; next?: string }> {
  const after = page.cursor === undefined ? undefined : decodeCursor(await deps.hasher(), LIST, page.cursor);
  const { items, cursor } = await deps.registry.listUnmatched(page.limit ?? 50, after);
  return { items, ...(cursor ? { next: encodeCursor(await deps.hasher(), LIST, cursor) } : {}) };
}

import type { UnmatchedEventRecord } from '../../store/registry-store.ts';
import type { Dependencies } from '../dependencies.ts';
import { sealedPage } from '../page-cursor.ts';
import type { PageRequest } from '../person-pages.ts';

const LIST = 'registry-unmatched';

/**
 * The civil-registry events that named nobody, or two people, oldest first: the fund's work list
 * (the route admits fund administrators only). Cursors are sealed like every other page's.
 */
export function unmatchedEvents(deps: Dependencies, page: PageRequest): Promise<{ items: UnmatchedEventRecord[]; next?: string }> {
  return sealedPage(deps, LIST, page, (limit, after) => deps.registry.listUnmatched(limit, after));
}

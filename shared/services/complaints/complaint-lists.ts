import { hasRole, type Caller } from '../../auth/caller.ts';
import { incompleteToken } from '../../auth/scopes.ts';
import type { ComplaintView, OverdueCounts } from '../../schemas/complaints/complaint-answers.ts';
import type { ComplaintRecord } from '../../store/complaint-store.ts';
import type { Dependencies } from '../dependencies.ts';
import { sealedPage } from '../page-cursor.ts';
import { personPage, type PageRequest } from '../person-pages.ts';
import { complaintView } from './complaint-view.ts';

/**
 * The person's complaints, newest first, with their status, answer and due date: for the person
 * (or a parent), the fund, and the person's insurer, which sees only those routed to it. Offices
 * (MFC operators) do not read them: a complaint's text is for the person, its insurer and the fund.
 */
export async function personComplaints(deps: Dependencies, caller: Caller, personId: string, page: PageRequest): Promise<{ items: ComplaintView[]; next?: string }> {
  const now = deps.clock.now();
  const onlyRouted = !hasRole(caller, 'citizen', 'fund_admin') ? caller.insurerId : undefined;
  const listed = await personPage<ComplaintRecord, ComplaintView | undefined>(deps, caller, personId, page, {
    name: 'complaints',
    operation: 'listPersonComplaints',
    read: (limit, after) => deps.complaints.listForPerson(personId, limit, after),
    view: (c) => (onlyRouted === undefined || c.insurerId === onlyRouted ? complaintView(c, now) : undefined),
  });
  return { items: listed.items.filter((c): c is ComplaintView => c !== undefined), ...(listed.next ? { next: listed.next } : {}) };
}

/** The insurer's own insurer id (the HTTP boundary refuses an insurer token without one already). */
export function insurerOf(caller: Caller): string {
  if (!caller.insurerId) throw incompleteToken('insurer');
  return caller.insurerId;
}

/**
 * The insurer's open complaints (received or in progress), oldest first, a page at a time through
 * the sparse open-complaints entries of the index: only those routed to this insurer.
 */
export async function openComplaints(deps: Dependencies, caller: Caller, page: PageRequest): Promise<{ items: ComplaintView[]; next?: string }> {
  const insurerId = insurerOf(caller);
  const { items, next } = await sealedPage(deps, `open-complaints:${insurerId}`, page, (limit, after) => deps.complaints.listOpen(insurerId, limit, after));
  const now = deps.clock.now();
  return { items: items.map((c) => complaintView(c, now)), ...(next ? { next } : {}) };
}

/** The fund's overview: each insurer's open and overdue complaints in each region, from the counts kept with every change. */
export async function complaintCounts(deps: Dependencies): Promise<OverdueCounts> {
  const counts = await deps.complaints.counts();
  return { items: counts.sort((a, b) => a.insurerId.localeCompare(b.insurerId) || a.region.localeCompare(b.region)) };
}

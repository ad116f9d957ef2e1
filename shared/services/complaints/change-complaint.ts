import { actorOf, type Caller } from '../../auth/caller.ts';
import { checkTransition, type ComplaintAction } from '../../domain/complaints/complaint-rules.ts';
import { REGISTER_CODES } from '../../domain/lifecycle/history-codes.ts';
import { Problem } from '../../domain/problem.ts';
import { metric } from '../../observability/metrics.ts';
import type { ComplaintView } from '../../schemas/complaints/complaint-answers.ts';
import type { ComplaintRecord } from '../../store/complaint-store.ts';
import { auditEntry } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { historyEntry } from '../lifecycle/history-entry.ts';
import { insurerOf } from './complaint-lists.ts';
import { complaintView } from './complaint-view.ts';

/** Rounds of read, decide, write when the complaint changed in between (e.g. the overdue job flagged it). */
const ROUNDS = 4;

/**
 * The insurer takes a complaint in hand, answers it or forwards it: decided on the complaint as
 * read (strongly consistent) and written on the condition that it is still that version and open.
 * Of two answers racing, the loser reads the complaint again, finds it closed and gets a 409. Closing
 * takes it off the insurer's open list and counts and writes the R072 history entry (the answer's
 * text stays on the complaint, never in the history).
 */
export async function changeComplaint(deps: Dependencies, caller: Caller, personId: string, complaintId: string, action: ComplaintAction): Promise<ComplaintView> {
  const insurerId = insurerOf(caller);
  for (let round = 0; round < ROUNDS; round++) {
    const complaint = await deps.complaints.get(personId, complaintId, true);
    // Another insurer's complaint is as good as absent to this one.
    if (!complaint || complaint.insurerId !== insurerId) throw Problem.notFound('The complaint');
    checkTransition(complaint.status, action);
    const now = deps.clock.now();
    const at = now.toISOString();
    const changed: ComplaintRecord = { ...complaint, status: action.status, version: complaint.version + 1 };
    if (action.status === 'in_progress') changed.takenAt = at;
    else {
      changed.answer = { text: action.answer, at, by: actorOf(caller) };
      changed.closedAt = at;
      if (action.status === 'forwarded') changed.forwardedTo = action.forwardedTo;
    }
    const closing = action.status !== 'in_progress';
    const outcome = await deps.complaints.change({
      complaint: changed,
      expectedVersion: complaint.version,
      ...(closing
        ? {
            event: historyEntry(
              deps,
              personId,
              { kind: 'complaint_closed', registerCode: REGISTER_CODES.complaintClosed, complaintId, changes: { complaintStatus: { from: complaint.status, to: action.status } }, ...(action.status === 'forwarded' ? { reason: action.forwardedTo } : {}) },
              caller,
            ),
          }
        : {}),
      audit: auditEntry(deps, caller, personId, 'update', 'changeComplaint'),
    });
    if (outcome === 'applied') {
      if (closing) metric.complaintClosed();
      return complaintView(changed, now);
    }
  }
  throw new Problem({ status: 409, code: 'concurrent-change', title: 'Changed meanwhile', detail: 'The complaint kept changing while this change was decided. Read it and try again.' });
}

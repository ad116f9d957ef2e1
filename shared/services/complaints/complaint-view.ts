import { isOverdue } from '../../domain/complaints/complaint-rules.ts';
import type { ComplaintView } from '../../schemas/complaints/complaint-answers.ts';
import type { ComplaintRecord } from '../../store/complaint-store.ts';

/**
 * A complaint as the person, the insurer it was routed to and the fund see it (nobody else reads
 * one): the text and the answer included, who keyed them in left out. `overdue` is read off the
 * clock, so it holds before the hourly job has flagged it.
 */
export function complaintView(c: ComplaintRecord, now: Date): ComplaintView {
  return {
    complaintId: c.complaintId,
    personId: c.personId,
    insurerId: c.insurerId,
    region: c.region,
    kind: c.kind,
    clinicCode: c.clinicCode,
    incidentOn: c.incidentOn,
    text: c.text,
    status: c.status,
    receivedAt: c.receivedAt,
    dueAt: c.dueAt,
    overdue: c.overdueAt !== undefined || isOverdue(c, now),
    version: c.version,
    ...(c.takenAt ? { takenAt: c.takenAt } : {}),
    ...(c.answer ? { answer: { text: c.answer.text, at: c.answer.at } } : {}),
    ...(c.forwardedTo ? { forwardedTo: c.forwardedTo } : {}),
    ...(c.closedAt ? { closedAt: c.closedAt } : {}),
  };
}

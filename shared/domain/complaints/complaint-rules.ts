import { Problem } from '../problem.ts';

/**
 * A person's complaint to their insurer ("Решаем вместе"): what it is about, where it stands, when
 * the answer is due. Pure rules over the injected time; storage and routing are the services'.
 */
export const COMPLAINT_KINDS = ['no_appointment', 'refused_free_care', 'charged_for_free_care', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** received -> in_progress -> answered | forwarded; received may be answered or forwarded at once. */
export const COMPLAINT_STATUSES = ['received', 'in_progress', 'answered', 'forwarded'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'in_progress'];

/** Where an insurer sends a complaint that is not its to settle. */
export const FORWARD_BODIES = ['territorial_fund', 'federal_fund', 'roszdravnadzor', 'health_authority', 'other'] as const;
export type ForwardBody = (typeof FORWARD_BODIES)[number];

/** Longest free text of a complaint and of an answer, in characters (a page or two of text; Cyrillic is 2 bytes each in UTF-8). */
export const COMPLAINT_TEXT_MAX = 4000;

export const isOpen = (status: ComplaintStatus) => OPEN_STATUSES.includes(status);

/** The answer is due `dueDays` days after receipt, to the instant (the law counts 30 calendar days). */
export function dueAt(receivedAt: Date, dueDays: number): string {
  return new Date(receivedAt.getTime() + dueDays * 86_400_000).toISOString();
}

/** The incident happened on a real day not after today (the region's own date). */
export function checkIncidentDate(incidentOn: string, today: string): void {
  if (incidentOn > today) throw Problem.invalid([{ pointer: '/incidentOn', code: 'in-future', detail: 'The day of the incident cannot be after today.' }]);
}

/** Open and past its due instant. */
export function isOverdue(complaint: { status: ComplaintStatus; dueAt: string }, now: Date): boolean {
  return isOpen(complaint.status) && Date.parse(complaint.dueAt) <= now.getTime();
}

/** What an insurer does with a complaint. */
export type ComplaintAction =
  | { status: 'in_progress' }
  | { status: 'answered'; answer: string }
  | { status: 'forwarded'; forwardedTo: ForwardBody; answer: string };

const conflict = (code: string, title: string, detail: string, status: ComplaintStatus) =>
  new Problem({ status: 409, code, title, detail, extensions: { complaintStatus: status } });

/**
 * Whether `action` may be taken on a complaint in `status`: taking it in hand only from received;
 * answering or forwarding from either open status. A closed complaint stays closed, so of two
 * answers racing only the first applies.
 */
export function checkTransition(status: ComplaintStatus, action: ComplaintAction): void {
  if (!isOpen(status)) throw conflict('complaint-closed', 'The complaint is closed', 'It has been answered or forwarded already.', status);
  if (action.status === 'in_progress' && status !== 'received') {
    throw conflict('complaint-in-progress', 'The complaint is in progress', 'It has been taken in hand already.', status);
  }
}

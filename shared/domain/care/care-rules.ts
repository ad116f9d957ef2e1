import { localDate } from '../local-date.ts';
import type { FieldError } from '../problem.ts';

/**
 * The insurer's chronology of a person's requests for medical help (the product's promise, shared/domain/README.md §10: "Insurers keep each
 * person's chronology of requests for medical help"): minimal coded facts only, never free text.
 * Kinds of care: the federal program of free care (shared/domain/README.md §10), one code each.
 */
export const CARE_KINDS = ['emergency', 'primary', 'specialized', 'high_tech', 'palliative', 'dentistry', 'pregnancy', 'ambulance', 'diagnostics'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

/**
 * A diagnosis group: an ICD-10 three-character category (`J45`) or a block of them (`J00-J06`).
 * Coded only: a full diagnosis (`J45.0`) or words are refused, so the register holds the group, not the diagnosis.
 */
export const DIAGNOSIS_GROUP = /^[A-Z]\d{2}(-[A-Z]\d{2})?$/;

/** Why a diagnosis group that matches the pattern is still not one: a block runs within one letter, forwards. */
export function diagnosisGroupProblem(group: string): string | undefined {
  if (!DIAGNOSIS_GROUP.test(group)) return 'Expected an ICD-10 category (`J45`) or block (`J00-J06`).';
  const [from, to] = group.split('-');
  if (to !== undefined && (to[0] !== from![0] || to < from!)) return 'A block runs within one letter, from its first category to its last (`J00-J06`).';
  return undefined;
}

/** A clinic code of the fund's catalogue names its region in its first two digits (F003 `mcod`). */
export const clinicRegionOf = (clinicCode: string) => clinicCode.slice(0, 2);

/** The facts of one request for care, as the insurer reports them. */
export interface CareFacts {
  date: string;
  clinicCode: string;
  kind: CareKind;
  diagnosisGroup: string;
}

/** What a care event's date is checked against. */
export interface CareDateContext {
  /** Today in the person's region. */
  today: string;
  birthDate: string;
  /** The first day the calling insurer insures the person; none when it is the person's first insurer (from birth). */
  insurerSince?: string;
}

export type CareDateRefusal = { status: 422 | 409; code: string; error: FieldError };

/**
 * A care date is a day that has come (in the person's region), not before the person's birth, and
 * within the calling insurer's time: an event before the current insurer took the person over is
 * another insurer's and is refused (`care-before-insurer`), never stamped with the wrong insurer.
 * The day of a change belongs to both: the old insurer insured the person that morning, the new one since.
 */
export function careDateRefusal(date: string, context: CareDateContext): CareDateRefusal | undefined {
  if (date > context.today) return invalid('in-the-future', 'The care date is after today in the person\'s region.');
  if (date < context.birthDate) return invalid('before-birth', 'The care date is before the person\'s birth.');
  if (context.insurerSince !== undefined && date < context.insurerSince) {
    return {
      status: 409,
      code: 'care-before-insurer',
      error: { pointer: '/date', code: 'care-before-insurer', detail: `The person is insured by the caller from ${context.insurerSince}: an earlier event is the previous insurer's.` },
    };
  }
  return undefined;
}

const invalid = (code: string, detail: string): CareDateRefusal => ({ status: 422, code: 'validation-failed', error: { pointer: '/date', code, detail } });

/** A history entry that may have changed the person's insurer (`changes.insurerId`). */
export interface InsurerChange {
  at: string;
  changes?: Record<string, { from?: string | null; to?: string | null }>;
}

/**
 * The first day `insurerId` insures the person: the day (in the person's region) of the newest
 * history entry that made it the insurer (a choice at will П031/П034, a move П032/П035, the fund's
 * reassignment П033/П036). None when no entry did: it is the person's first insurer in the register.
 */
export function insurerSince(changes: readonly InsurerChange[], insurerId: string, timeZone: string): string | undefined {
  const newest = [...changes].sort((a, b) => (a.at < b.at ? 1 : -1)).find((e) => e.changes?.insurerId?.to === insurerId);
  return newest && localDate(new Date(newest.at), timeZone);
}

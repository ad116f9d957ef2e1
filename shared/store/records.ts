import type { DoctorKind } from '../catalogues/catalogue-documents.ts';
import type { IdentityDocument } from '../domain/documents.ts';
import type { Category } from '../domain/eligibility.ts';
import type { Sex } from '../domain/enp.ts';

/** What the register keeps. Keys are added by the store; these are the attributes. */
export interface PersonRecord {
  personId: string;
  category: Category;
  region: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  sex: Sex;
  birthPlace?: string;
  snils?: string;
  documents: IdentityDocument[];
  representative?: {
    lastName: string;
    firstName: string;
    middleName?: string;
    relation: string;
    document: IdentityDocument;
  };
  contact?: { phone?: string; email?: string };
  /** Where the person lives, as they or an office gave it (not the region of insurance: that changes by a move, `changeRegion`). */
  address?: Address;
  /** The civil-registry record (or court decision) behind the current name, when a caller changed it. */
  nameBasis?: NameBasis;
  insurerId: string;
  stayUntil?: string;
  /** Last day of the right to insurance; null for no end. */
  coverageEnd: string | null;
  enp?: string;
  /** A newborn registered from the civil registry: the mother's record. */
  motherId?: string;
  createdAt: string;
  updatedAt: string;
  /**
   * Counts the changes to the person and their policies: every change is written on the condition
   * that it is still the version it read, so two changes racing never both apply.
   */
  version: number;
  /** When the deadlines job next looks at the person (a suspension's end, a bounded policy's expiry). */
  nextDeadlineAt?: string;
}

/** A minimal structured address: the region's code, the locality, then street, house, building and apartment where they apply. */
export interface Address {
  region: string;
  locality: string;
  street?: string;
  house?: string;
  building?: string;
  apartment?: string;
  postalCode?: string;
}

/** What proves a change of name: a civil-registry certificate (marriage, divorce, change of name) or a court decision. */
export const NAME_BASIS_KINDS = ['marriage', 'divorce', 'name-change', 'court-decision'] as const;
export type NameBasisKind = (typeof NAME_BASIS_KINDS)[number];
export interface NameBasis {
  kind: NameBasisKind;
  series?: string;
  number: string;
  issuedOn: string;
}

/** Waiting for the number, numbered (the temporary policy runs), completed by the e-policy. */
export type ApplicationStatus = 'awaiting_number' | 'number_assigned' | 'completed';
/** Where an application or a change came from: `registry` for the civil registry's events (a newborn has no application). */
export type Channel = 'portal' | 'mfc' | 'insurer' | 'registry';

export interface ApplicationRecord {
  applicationId: string;
  personId: string;
  channel: Channel;
  region: string;
  insurerId: string;
  status: ApplicationStatus;
  /** None for a newborn registered from the civil registry: the e-policy comes at once, and the number completes the registration. */
  temporaryPolicyId?: string;
  submittedAt: string;
  numberDueAt: string;
  numberAssignedAt?: string;
  enp?: string;
  /** When the permanent e-policy replaced the temporary one. */
  completedAt?: string;
  /** When the sweeper should next look at it, while it waits for a number. */
  nextCheckAt?: string;
  requeues: number;
}

export type PolicyForm = 'В' | 'П' | 'Э' | 'К';

/**
 * What the record says: `replaced` is a temporary policy the e-policy took over. `expired` is
 * written by the deadlines job, but every reader treats a past `validTo` as expired already
 * (`shared/domain/lifecycle/policy-status.ts`).
 */
export const POLICY_STATUSES = ['active', 'suspended', 'replaced', 'terminated', 'expired'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export const SUSPENSION_REASONS = ['military_service', 'stay_abroad', 'other'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
export const TERMINATION_REASONS = ['death', 'citizenship_lost', 'permit_cancelled', 'stay_ended'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export interface Suspension {
  reason: SuspensionReason;
  /** First day suspended (the region's date). */
  from: string;
  /** The day insurance resumes by itself, if given. */
  endsOn?: string;
}

export interface PolicyRecord {
  policyId: string;
  personId: string;
  form: PolicyForm;
  status: PolicyStatus;
  validFrom: string;
  validTo: string | null;
  insurerId: string;
  region: string;
  applicationId: string;
  issuedAt: string;
  /** A temporary policy: the day the e-policy is due to replace it (none if it ends before the window), and that day's first instant in the region. */
  convertOn?: string;
  convertAt?: string;
  /** A temporary policy: the e-policy that replaced it, and when. */
  replacedBy?: string;
  replacedAt?: string;
  suspension?: Suspension;
  termination?: { reason: TerminationReason; on: string };
}

export const EVENT_KINDS = [
  'application_submitted',
  'number_assigned',
  'permanent_issued',
  'suspended',
  'resumed',
  'terminated',
  'expired',
  'region_changed',
  'pin_issued',
  'insurer_changed',
  'clinic_changed',
  'doctor_changed',
  /** Name, birth date or sex changed (П061). */
  'identity_changed',
  /** An identity document, SNILS, address or contacts changed (the register's own R061). */
  'details_changed',
  'registered_at_birth',
  'complaint_filed',
  'complaint_closed',
  'complaint_overdue',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A value a history entry says changed: only register facts (status, region, insurer, form, dates), never personal data. */
export type Change = { from?: string | null; to?: string | null };

/** A line of the person's history, with the federal register event code where there is one. */
export interface EventRecord {
  eventId: string;
  personId: string;
  kind: EventKind;
  /** Federal register event code (П010 ...), or the register's own where none exists (`shared/domain/lifecycle/history-codes.ts`). */
  registerCode?: string;
  at: string;
  channel: Channel | 'system';
  applicationId?: string;
  policyId?: string;
  /** The complaint an entry of a complaint's kind is about (its contents stay on the complaint). */
  complaintId?: string;
  /** Who made the change: ids and organization only; absent for the system's own steps. */
  actor?: Actor;
  /** What changed, field by field. */
  changes?: Record<string, Change>;
  /** Why (a suspension's or termination's reason code, or why an insurer changed). */
  reason?: string;
  /** The civil-registry event the change came from, when the register applied one itself. */
  registryEventId?: string;
  /** The catalogue version the entry's codes refer to (a clinic's or doctor's), so its meaning stays as it was. */
  catalogueVersion?: number;
}

/** Who did something, as the audit trail and history keep it: ids and organization, nothing personal. */
export interface Actor {
  subject: string;
  roles: string[];
  region?: string;
  insurerId?: string;
  clinicId?: string;
}

/** A yearly limit's count: changes at will made in `year` (the region's calendar year); another year's count is zero. */
export interface YearlyCount {
  year: number;
  insurer: number;
  clinic: number;
  doctor: number;
}

/**
 * The person's attachment to a clinic and a doctor, and the changes at will counted this year. The
 * counts remember their year, so a check on 1 January is right before the yearly reset has run;
 * the reset clears them (found through the work index while a count is above zero).
 */
export interface ChoicesRecord {
  personId: string;
  clinic?: { code: string; region: string; name: string; since: string; catalogueVersion: number };
  doctor?: { code: string; clinic: string; name: string; specialty: DoctorKind; since: string; catalogueVersion: number };
  used?: YearlyCount;
  /** The region whose new year ends the counts (where the person was when they last chose). */
  region?: string;
  /** The fund reassigned the insurer when its contract ended: the next change of insurer is free (П033). */
  insurerReassigned?: string;
  /** When the yearly reset clears the counts: the first instant of the next year in `region`. */
  resetAt?: string;
}

/**
 * The person's PIN. The right to one comes with the e-policy (the item, without a hash); the code
 * itself is drawn when it is first shown, and only its slow salted hash is ever stored, so the
 * register never holds a PIN in any readable form. Wrong attempts are counted here: a new PIN
 * starts clean.
 */
export interface PinRecord {
  personId: string;
  pinId: string;
  issuedAt: string;
  issuedBy: 'e-policy' | 'operator';
  /** Absent until the PIN is first shown (drawn). */
  hash?: PinHash;
  shownAt?: string;
  /** Wrong attempts in a row, the last at `lastWrongAt`: `max` of them lock the PIN for a while after the last. */
  wrong?: number;
  lastWrongAt?: string;
}

export interface PinHash {
  algorithm: 'scrypt';
  /** log2 of scrypt's N, its block size r and parallelism p: kept so the cost can rise without invalidating PINs. */
  cost: number;
  blockSize: number;
  parallelism: number;
  salt: string;
  hash: string;
}

/** Points from a keyed hash of an identifier to the one person holding it. */
export interface LookupRecord {
  personId: string;
  applicationId: string;
}

/** Who read or changed a person's record; the person can list these. */
export interface AuditRecord {
  auditId: string;
  personId: string;
  at: string;
  action: 'create' | 'read' | 'update';
  /** The operation, e.g. `getPersonPolicy`. */
  operation: string;
  actor: Actor;
}

/** A citizen's account reaches their own record and their children's. */
export type AccountRelation = 'self' | 'child';

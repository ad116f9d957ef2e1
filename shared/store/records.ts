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
  insurerId: string;
  stayUntil?: string;
  /** Last day of the right to insurance; null for no end. */
  coverageEnd: string | null;
  enp?: string;
  createdAt: string;
  updatedAt: string;
}

export type ApplicationStatus = 'awaiting_number' | 'number_assigned';
export type Channel = 'portal' | 'mfc' | 'insurer';

export interface ApplicationRecord {
  applicationId: string;
  personId: string;
  channel: Channel;
  region: string;
  insurerId: string;
  status: ApplicationStatus;
  temporaryPolicyId: string;
  submittedAt: string;
  numberDueAt: string;
  numberAssignedAt?: string;
  enp?: string;
  /** When the sweeper should next look at it, while it waits for a number. */
  nextCheckAt?: string;
  requeues: number;
}

export type PolicyForm = 'В' | 'П' | 'Э' | 'К';

export interface PolicyRecord {
  policyId: string;
  personId: string;
  form: PolicyForm;
  status: 'active' | 'suspended' | 'ended';
  validFrom: string;
  validTo: string | null;
  insurerId: string;
  region: string;
  applicationId: string;
  issuedAt: string;
}

/** A line of the person's history, with the federal register event code where there is one. */
export interface EventRecord {
  eventId: string;
  personId: string;
  kind: 'application_submitted' | 'number_assigned';
  /** Federal register event code (П010 ...), where the event has one. */
  registerCode?: string;
  at: string;
  channel: Channel | 'system';
  applicationId?: string;
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
  actor: { subject: string; roles: string[]; region?: string; insurerId?: string; clinicId?: string };
}

/** A citizen's account reaches their own record and their children's. */
export type AccountRelation = 'self' | 'child';

import type { AccountRelation, ApplicationRecord, AuditRecord, ChoicesRecord, EventRecord, LookupRecord, PersonRecord, PinHash, PinRecord, PolicyRecord } from './records.ts';
import type { Job } from './keys.ts';
import type { RegistryEventRecord } from './registry-store.ts';

/** A new person with their application, temporary policy and first history line: written all or nothing. */
export interface Intake {
  person: PersonRecord;
  application: ApplicationRecord;
  policy: PolicyRecord;
  event: EventRecord;
  snilsHash?: string;
  documentHashes: string[];
  idempotency?: { hash: string; fingerprint: string; expiresAt: number };
  /** A caller's filing; none for the register's own (a birth from the civil registry). */
  audit?: AuditRecord;
  /** The citizen account filing it (or a newborn's mother's): linked to the new person, as itself or as a parent. */
  account?: { subject: string; relation: AccountRelation };
  /** A person registered with the e-policy at once (a newborn) has the right to a PIN from the start. */
  pin?: PinRecord;
  /** The civil-registry event that registers the person: recorded once, in the same transaction. */
  registryEvent?: RegistryEventRecord;
}

export type IntakeOutcome =
  | { kind: 'created' }
  | ({ kind: 'replayed' } & IdempotencyRecord)
  | { kind: 'duplicate'; by: 'snils' | 'document'; documentIndex?: number; existing: LookupRecord }
  /** The citizen account already has its own person record. */
  | { kind: 'account-has-person'; personId: string }
  /** The registry event was recorded before: a repeated delivery. */
  | { kind: 'event-recorded' };

/**
 * What an Idempotency-Key remembers: the request's fingerprint and the records it made, not the
 * answer (a replay rebuilds it from them), so the record stays far under 1 KB.
 */
export interface IdempotencyRecord {
  fingerprint: string;
  applicationId: string;
  personId: string;
  policyId: string;
}

/** The system's own change: the history line says it, so it leaves no audit entry. */
export interface NumberAssignment {
  application: ApplicationRecord;
  enp: string;
  at: string;
}

export type AssignOutcome = 'assigned' | 'person-already-numbered' | 'number-taken' | 'application-not-waiting';

export interface WorkItem {
  applicationId: string;
  requeues: number;
}

/** One counter of attempts: a kind, a keyed hash of whose attempts they are, a fixed window. */
export interface AttemptWindow {
  kind: string;
  hash: string;
  windowStart: string;
}

/** What one Query over a person's partition gives: policies newest first, history newest first. */
export interface PersonRecords {
  person?: PersonRecord;
  policies: PolicyRecord[];
  pin?: PinRecord;
  choices?: ChoicesRecord;
  events: EventRecord[];
}

/**
 * A change to a person's insurance, written all or nothing, on the condition that the person is
 * still at the version the change was decided on: the person (its new version and deadline), the
 * changed policy, the history entry and, for a caller's change, its audit entry.
 */
export interface PolicyChangeWrite {
  person: PersonRecord;
  /** The version the change was decided on. */
  expectedVersion: number;
  /** The changed policy; none for a change that leaves it as it is (a clinic, a doctor). */
  policy?: PolicyRecord;
  /** The person's choices and yearly counts, when the change is one of them. */
  choices?: ChoicesRecord;
  event: EventRecord;
  audit?: AuditRecord;
}

/** The temporary policy replaced by the e-policy, with the П060 entry, the PIN and the application completed. */
export interface ConversionWrite extends PolicyChangeWrite {
  temporary: PolicyRecord;
  pin: PinRecord;
}

export type ChangeOutcome = 'applied' | 'version-conflict';
export type ConversionOutcome = 'converted' | 'already-converted' | 'version-conflict';

/** A PIN attempt, decided and counted in one conditional write. */
export type PinAttemptOutcome = { kind: 'counted' } | { kind: 'locked'; lastWrongAt: string } | { kind: 'replaced' };

/** The register's storage port: services depend on this, never on the SDK. A person's own details change through `PersonChangeStore` (`person-change-store.ts`). */
export interface RegisterStore {
  createIntake(intake: Intake): Promise<IntakeOutcome>;
  /** `consistent`: read what a transaction just wrote (an eventually consistent read may not see it yet). */
  getApplication(applicationId: string, consistent?: boolean): Promise<ApplicationRecord | undefined>;
  getPerson(personId: string): Promise<PersonRecord | undefined>;
  /** A person and their newest policy record, in one read. */
  getPersonAndPolicy(personId: string): Promise<{ person?: PersonRecord; policy?: PolicyRecord }>;
  getPolicy(personId: string, policyId: string): Promise<PolicyRecord | undefined>;
  /** A fresh serial for a ЕНП prefix: atomic, never returned twice, even if the caller then fails. */
  nextEnpSerial(prefix: string): Promise<number>;
  assignEnp(assignment: NumberAssignment): Promise<AssignOutcome>;
  /** Marks the application done when its person already holds a number (a repeated delivery). */
  completeApplication(application: ApplicationRecord, enp: string, at: string): Promise<void>;
  /** Applications whose number is due for another look, oldest first. */
  listWorkDue(job: Job, shard: number, until: string, limit: number): Promise<WorkItem[]>;
  /** Pushes the next look back; no-op if the application stopped waiting meanwhile. */
  rescheduleWork(applicationId: string, nextCheckAt: string, requeues: number): Promise<boolean>;
  /** Who holds a ЕНП, or a document (by its keyed hash), if anyone. */
  findByEnp(enp: string): Promise<LookupRecord | undefined>;
  findByDocument(hash: string): Promise<LookupRecord | undefined>;
  findBySnils(hash: string): Promise<LookupRecord | undefined>;
  /** The citizen account whose own record the person is, if any (a newborn is linked to its mother's). */
  accountOwner(personId: string): Promise<string | undefined>;
  appendAudit(record: AuditRecord): Promise<void>;
  /** Newest first; `cursor` continues where the previous page ended. */
  listAudit(personId: string, limit: number, cursor?: string): Promise<{ items: AuditRecord[]; cursor?: string }>;
  /**
   * Adds one attempt to a window's counter if it holds fewer than `max`, in one conditional write
   * (counted as refused at once when `refused`); when full, says how many of those were refusals.
   */
  takeAttempt(attempt: AttemptWindow & { max: number; expiresAt: number; refused?: boolean }): Promise<{ ok: true } | { ok: false; refused: number }>;
  /** Ends an attempt taken earlier: it stays as a refusal, or its slot is freed. */
  settleAttempt(attempt: AttemptWindow, outcome: 'refused' | 'returned'): Promise<void>;
  /** What an Idempotency-Key remembers, if anything and not expired at `now` (strongly consistent). */
  getIdempotencyRecord(hash: string, now: Date): Promise<IdempotencyRecord | undefined>;

  /** A person's records in one Query: policies, PIN, person and the `events` newest history entries. */
  getPersonRecords(personId: string, events: number, consistent?: boolean): Promise<PersonRecords>;
  /** People whose yearly counts are due to be cleared (the new year reached their region), in a shard. */
  listDueResets(shard: number, until: string, limit: number): Promise<ChoicesRecord[]>;
  /** Clears a person's yearly counts of `year` (and the reset's keys); false when they are another year's by now. */
  clearYearlyCounts(personId: string, year: number): Promise<boolean>;
  /** Ids of people insured by `insurerId` in `region`, in a shard of the "insured by" index. */
  listInsured(insurerId: string, region: string, shard: number, limit: number): Promise<string[]>;
  /** Temporary policies due for conversion in a shard, oldest due first. */
  listDueConversions(shard: number, until: string, limit: number): Promise<PolicyRecord[]>;
  /** Persons with a deadline due in a shard, oldest first. */
  listDueDeadlines(shard: number, until: string, limit: number): Promise<PersonRecord[]>;
  /** Moves a temporary policy's conversion to a later instant (its person has no number yet). */
  postponeConversion(policy: PolicyRecord, convertAt: string): Promise<boolean>;
  applyPolicyChange(change: PolicyChangeWrite): Promise<ChangeOutcome>;
  /** Moves (or, with none, removes) the person's next deadline, if the person is still at `expectedVersion`. */
  setNextDeadline(personId: string, expectedVersion: number, at: string | undefined): Promise<ChangeOutcome>;
  convertPolicy(conversion: ConversionWrite & { applicationId: string }): Promise<ConversionOutcome>;
  /** Replaces the person's PIN (the old one stops working), with its history entry and audit entry. */
  replacePin(pin: PinRecord, event: EventRecord, audit: AuditRecord): Promise<void>;
  /** Stores the hash of the PIN just drawn for its first showing, unless it was drawn already: only one caller ever shows it. */
  setFirstPinHash(personId: string, pinId: string, hash: PinHash, at: string): Promise<boolean>;
  /**
   * Records a PIN attempt unless the PIN is locked (`max` wrong in a row, the last after `lockStart`):
   * a wrong one counts toward the lock, a right one clears the count.
   */
  recordPinAttempt(attempt: { personId: string; pinId: string; right: boolean; at: string; lockStart: string; max: number }): Promise<PinAttemptOutcome>;
  listHistory(personId: string, limit: number, cursor?: string): Promise<{ items: EventRecord[]; cursor?: string }>;
  /** A citizen account's links: its own person and its children. */
  accountLinks(subject: string): Promise<{ self?: string; children: string[] }>;
}

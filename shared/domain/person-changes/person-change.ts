import { checkDocumentMasks, nameScriptsOf, normalizeDocument, sameDocument, type IdentityDocument } from '../documents.ts';
import type { Sex } from '../enp.ts';
import { REGISTER_CODES } from '../lifecycle/history-codes.ts';
import { effectiveStatus } from '../lifecycle/policy-status.ts';
import { refuseUnless } from '../lifecycle/status-changes.ts';
import { nameErrors } from '../names.ts';
import { Problem, type FieldError } from '../problem.ts';
import type { Address, Change, EventKind, NameBasis, PersonRecord, PolicyRecord } from '../../store/records.ts';

/**
 * A change to a person's own details. An absent field stays as it is; `null` removes an optional
 * one (merge-patch). `document` replaces the person's document of the same type (or adds one of a
 * type they hold none of: a child's first passport at 14). `snils` is the 11 digits, checked.
 * The ЕНП is not here: it never changes, even when the birth date or sex it encodes does.
 */
export interface PersonChange {
  lastName?: string;
  firstName?: string;
  middleName?: string | null;
  birthDate?: string;
  sex?: Sex;
  document?: IdentityDocument;
  snils?: string;
  address?: Address | null;
  contact?: { phone?: string | null; email?: string | null } | null;
  /** What proves a change of name; a caller must give one, the civil registry is its own proof. */
  nameBasis?: NameBasis;
}

/**
 * Who makes the change: the person (with their PIN, in their account), an office after checking
 * documents in person, or the register applying a civil-registry event.
 */
export type ChangeSource = 'person' | 'office' | 'registry';

export const IDENTITY_FIELDS = ['lastName', 'firstName', 'middleName', 'birthDate', 'sex'] as const;
export const DETAIL_FIELDS = ['documents', 'snils', 'address', 'contact'] as const;
export type ChangedField = (typeof IDENTITY_FIELDS)[number] | (typeof DETAIL_FIELDS)[number];

/** Fields only an office (documents seen in person) or the civil registry may change. */
const OFFICE_ONLY = ['birthDate', 'sex', 'snils'] as const;

export interface LookupMove<T> {
  /** The identifier whose lookup goes (none when the person held none of the kind). */
  from?: T;
  to: T;
}

export interface PersonChangeDecision {
  /** The record after the change (the store moves its version). */
  person: PersonRecord;
  changed: ChangedField[];
  /** A new identity document: its keyed lookup moves (only when type, series or number changed). */
  document?: LookupMove<IdentityDocument>;
  snils?: LookupMove<string>;
  /**
   * The history entries: П061 for name, birth date or sex, R061 for the rest. They say which
   * fields changed and never their values (a document's classifier code is a register fact).
   */
  events: { kind: EventKind; registerCode: string; changes: Record<string, Change> }[];
}

/** Equal values, whatever the order of their keys (a stored map comes back in any order). */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);
/** An object without its absent (undefined or null) members, so two equal values compare equal. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
/** A record without its undefined members (null stays: `coverageEnd: null` means "no end"). */
const withoutUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const CERTIFICATE_SERIES = /^[IVXLC]+-[А-ЯЁ]{2}$/;
const CERTIFICATE_NUMBER = /^\d{6}$/;

function basisErrors(basis: NameBasis, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const at = '/nameChangeBasis';
  if (basis.kind === 'court-decision') {
    if (basis.series !== undefined) errors.push({ pointer: `${at}/series`, code: 'invalid', detail: 'A court decision has no series.' });
  } else {
    // Civil-registry certificates (marriage, divorce, change of name) share the birth certificate's masks.
    if (!CERTIFICATE_SERIES.test(basis.series ?? '')) errors.push({ pointer: `${at}/series`, code: 'document-series-format', detail: 'A civil-registry certificate\'s series is a Roman number, a hyphen and two Cyrillic letters (II-МЮ).' });
    if (!CERTIFICATE_NUMBER.test(basis.number)) errors.push({ pointer: `${at}/number`, code: 'document-number-format', detail: 'A civil-registry certificate\'s number is six digits.' });
  }
  if (basis.issuedOn > today) errors.push({ pointer: `${at}/issuedOn`, code: 'not-in-past', detail: 'The document is dated later than today.' });
  return errors;
}

function mergedContact(current: PersonRecord['contact'], patch: PersonChange['contact']): PersonRecord['contact'] {
  if (patch === undefined) return current;
  if (patch === null) return undefined;
  const merged = defined({ ...current, ...patch }) as NonNullable<PersonRecord['contact']>;
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/**
 * Decides a change of a person's own details on `today` (the region's date): the same rule for the
 * person, an office and the civil registry. Refuses (Problem) a terminated policy, a field the
 * source may not change and invalid values; answers 'no-change' when nothing would differ, so a
 * repeated change (or a redelivered registry event) writes nothing.
 */
export function decidePersonChange(person: PersonRecord, policy: PolicyRecord | undefined, change: PersonChange, source: ChangeSource, today: string): PersonChangeDecision | 'no-change' {
  // A terminated policy (death, a lost right) closes the record: nothing of it changes any more.
  if (policy && effectiveStatus(policy, today) === 'terminated') refuseUnless('terminated', []);
  const refusedFields = source === 'person' ? OFFICE_ONLY.filter((f) => change[f] !== undefined) : [];
  if (refusedFields.length > 0) {
    throw Problem.forbidden(
      'Birth date, sex and SNILS are changed by an office after seeing the documents, or by the civil registry.',
      refusedFields.map((f) => ({ pointer: `/${f}`, code: 'office-only', detail: 'An office changes this after seeing the documents.' })),
      'office-only',
    );
  }

  const errors: FieldError[] = [];
  let documents = person.documents;
  let document: LookupMove<IdentityDocument> | undefined;
  let documentChanged = false;
  if (change.document) {
    const next = normalizeDocument(change.document);
    errors.push(...checkDocumentMasks(next, '/document'));
    if (next.issuedOn !== undefined && next.issuedOn > today) errors.push({ pointer: '/document/issuedOn', code: 'not-in-past', detail: 'The document is dated later than today.' });
    const held = person.documents.find((d) => d.type === next.type);
    if (!held || !sameJson(defined(held), defined(next))) {
      documentChanged = true;
      documents = held ? person.documents.map((d) => (d === held ? defined(next) : d)) : [...person.documents, defined(next)];
      if (!held || !sameDocument(held, next)) document = { ...(held ? { from: held } : {}), to: defined(next) };
    }
  }
  if (change.birthDate !== undefined) {
    if (change.birthDate > today) errors.push({ pointer: '/birthDate', code: 'birth-date-in-future', detail: 'Birth date is later than today.' });
    if (change.birthDate < '1900-01-01') errors.push({ pointer: '/birthDate', code: 'birth-date-too-early', detail: 'Birth date is before 1900.' });
  }

  const next: PersonRecord = withoutUndefined({
    ...person,
    lastName: change.lastName ?? person.lastName,
    firstName: change.firstName ?? person.firstName,
    middleName: change.middleName === undefined ? person.middleName : (change.middleName ?? undefined),
    birthDate: change.birthDate ?? person.birthDate,
    sex: change.sex ?? person.sex,
    snils: change.snils ?? person.snils,
    documents,
    address: change.address === undefined ? person.address : (change.address ? defined(change.address) : undefined),
    contact: mergedContact(person.contact, change.contact),
  });

  const changed: ChangedField[] = [
    ...IDENTITY_FIELDS.filter((f) => next[f] !== person[f]),
    ...(documentChanged ? (['documents'] as const) : []),
    ...(next.snils !== person.snils ? (['snils'] as const) : []),
    ...(!sameJson(next.address, person.address) ? (['address'] as const) : []),
    ...(!sameJson(next.contact, person.contact) ? (['contact'] as const) : []),
  ];
  const renamed = changed.some((f) => f === 'lastName' || f === 'firstName' || f === 'middleName');
  if (renamed || documentChanged) errors.push(...nameErrors(next, '', nameScriptsOf(next.documents)));
  if (renamed && source !== 'registry') {
    if (!change.nameBasis) errors.push({ pointer: '/nameChangeBasis', code: 'required', detail: 'A change of name needs the document that proves it.' });
    else errors.push(...basisErrors(change.nameBasis, today));
  }
  if (errors.length > 0) throw Problem.invalid(errors);
  if (changed.length === 0) return 'no-change';

  // The basis proves the current name only: a later change of name without one (the registry's) drops it.
  if (renamed) {
    if (change.nameBasis && source !== 'registry') next.nameBasis = defined(change.nameBasis);
    else delete next.nameBasis;
  }
  const marks = (fields: readonly ChangedField[]) => Object.fromEntries(fields.map((f): [string, Change] => [f, f === 'documents' && change.document ? { to: String(change.document.type) } : {}]));
  const identity = changed.filter((f) => (IDENTITY_FIELDS as readonly string[]).includes(f));
  const details = changed.filter((f) => (DETAIL_FIELDS as readonly string[]).includes(f));
  return {
    person: next,
    changed,
    ...(document ? { document } : {}),
    ...(next.snils && next.snils !== person.snils ? { snils: { ...(person.snils ? { from: person.snils } : {}), to: next.snils } } : {}),
    events: [
      ...(identity.length > 0 ? [{ kind: 'identity_changed' as const, registerCode: REGISTER_CODES.personalDataChanged, changes: marks(identity) }] : []),
      ...(details.length > 0 ? [{ kind: 'details_changed' as const, registerCode: REGISTER_CODES.detailsChanged, changes: marks(details) }] : []),
    ],
  };
}

import { countAttempt, DUPLICATE_PROBES_PER_CALLER, DUPLICATE_PROBES_PER_PERSON } from '../../abuse/attempt-limits.ts';
import { grantFor, type Grant } from '../../auth/access.ts';
import { hasRole, type Caller } from '../../auth/caller.ts';
import { getRegion } from '../../catalogues/regions.ts';
import { localDate } from '../../domain/local-date.ts';
import { decidePersonChange, type ChangedField, type ChangeSource, type PersonChange } from '../../domain/person-changes/person-change.ts';
import { Problem } from '../../domain/problem.ts';
import { logger } from '../../observability/logger.ts';
import type { PersonChangeWrite } from '../../store/person-change-store.ts';
import type { RegistryEventRecord } from '../../store/registry-store.ts';
import type { PersonRecord } from '../../store/records.ts';
import { auditEntry, auditRead } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { onLatest } from '../lifecycle/current-records.ts';
import { historyEntry } from '../lifecycle/history-entry.ts';
import { verifyPin } from '../pin.ts';

/**
 * Who changes the details: a caller (the person or a parent with the person's own PIN, an office
 * without one), or the register applying a civil-registry event (no caller, no PIN, no audit entry:
 * the history entry names the event).
 */
export type ChangedBy =
  | { caller: Caller; pin?: string; operation?: string }
  /** `received`: the event's record, written with the change (its outcome and person are added here). */
  | { system: 'registry'; eventId: string; received?: Pick<RegistryEventRecord, 'eventId' | 'kind' | 'receivedAt'> };

export type PersonChangeResult =
  /** Written, at `person.version`. */
  | { outcome: 'applied'; person: PersonRecord; changed: ChangedField[] }
  /** The record already says all this: nothing written (a repeated request, a redelivered event). */
  | { outcome: 'no-change'; person: PersonRecord }
  /** The registry event that asked for it was recorded meanwhile: a redelivery, nothing written. */
  | { outcome: 'repeated'; person: PersonRecord };

const concurrentChange = () => new Problem({ status: 409, code: 'concurrent-change', title: 'Changed meanwhile', detail: 'The record kept changing while this change was decided. Read it and try again.' });

function heldByAnother(by: 'document' | 'snils'): Problem {
  const what = by === 'document' ? 'identity document' : 'SNILS';
  return new Problem({
    status: 409,
    code: by === 'document' ? 'document-registered' : 'snils-registered',
    title: `The ${what} belongs to another person in the register`,
    detail: `Another person in the register holds this ${what}; nothing was changed. An office resolves such clashes with the documents in hand.`,
    errors: [{ pointer: by === 'document' ? '/document' : '/snils', code: by === 'document' ? 'document-registered' : 'snils-registered', detail: 'Already held by another person in the register.' }],
  });
}

/**
 * Changes a person's own details (names, birth date, sex, an identity document, SNILS, address,
 * contacts): the rule is `decidePersonChange`, decided on the latest record and written in one
 * transaction on the condition that the record is still that version, with the document and SNILS
 * lookups moved (a new identifier another person holds refuses the whole change: 409), the history
 * entries (П061 / R061, the fields' names only) and the caller's audit entry. A change that lands
 * in between is decided again on the new version. Refusals are `Problem`s with stable codes:
 * not-found, policy-terminated, office-only, validation-failed, document-registered,
 * snils-registered, concurrent-change, and for the person's PIN no-pin, pin-not-shown, wrong-pin,
 * pin-locked, pin-replaced.
 *
 * A citizen may change their own record and a child's linked to their account, each with that
 * record's own PIN (a child's PIN is the child's, shown in the child's account). An operator of the
 * person's region (MFC) or insurer (office) changes it without a PIN, having seen the documents.
 */
export async function changePersonDetails(deps: Dependencies, personId: string, change: PersonChange, by: ChangedBy): Promise<PersonChangeResult> {
  const caller = 'caller' in by ? by.caller : undefined;
  const operation = ('caller' in by && by.operation) || 'changePerson';
  let grant: Grant | undefined;
  let pinChecked = false;
  return onLatest(
    deps,
    personId,
    async ({ person, policy, pin }) => {
      if (!person) throw Problem.notFound('The person');
      let source: ChangeSource = 'registry';
      if ('caller' in by) {
        grant ??= await grantFor(deps, by.caller, person);
        // Insurers and the fund see a person but change nothing of them: only the person and an office do.
        if (!grant || (grant === 'role' && !hasRole(by.caller, 'operator'))) throw Problem.notFound('The person');
        source = grant !== 'role' && hasRole(by.caller, 'citizen') ? 'person' : 'office';
        if (source === 'person' && !pinChecked) {
          if (by.pin === undefined) throw Problem.invalid([{ pointer: '/pin', code: 'required', detail: 'The person\'s PIN confirms a change made in their account.' }]);
          await verifyPin(deps, pin, by.pin);
          pinChecked = true;
        }
        if (source === 'office' && by.pin !== undefined) {
          throw Problem.invalid([{ pointer: '/pin', code: 'pin-not-expected', detail: 'An office changes the record after seeing the documents, without the person\'s PIN.' }]);
        }
      }
      if (!policy) throw Problem.notFound('The policy');
      const now = deps.clock.now();
      const decided = decidePersonChange(person, policy, change, source, localDate(now, getRegion(person.region).timeZone));
      if (decided === 'no-change') {
        // Nothing written, but the record is answered: a read, audited as one.
        if (caller) await auditRead(deps, caller, personId, operation, grant === 'self');
        return { outcome: 'no-change' as const, person };
      }

      const hasher = await deps.hasher();
      const expectedVersion = person.version ?? 0;
      const changed: PersonRecord = { ...decided.person, updatedAt: now.toISOString(), version: expectedVersion + 1 };
      const write: PersonChangeWrite = {
        person: changed,
        expectedVersion,
        applicationId: policy.applicationId,
        ...(decided.document ? { document: { ...(decided.document.from ? { from: hasher.document(decided.document.from) } : {}), to: hasher.document(decided.document.to) } } : {}),
        ...(decided.snils ? { snils: { ...(decided.snils.from ? { from: hasher.snils(decided.snils.from) } : {}), to: hasher.snils(decided.snils.to) } } : {}),
        events: decided.events.map((e) => ({
          ...historyEntry(deps, personId, e, caller, 'registry'),
          ...('system' in by ? { reason: 'civil-registry', registryEventId: by.eventId } : {}),
        })),
        ...(caller ? { audit: auditEntry(deps, caller, personId, 'update', operation) } : {}),
        ...('received' in by && by.received ? { registryEvent: { ...by.received, outcome: 'applied' as const, personId } } : {}),
      };
      const outcome = await deps.personChanges.applyPersonChange(write);
      if (outcome.kind === 'version-conflict') return undefined;
      if (outcome.kind === 'event-recorded') return { outcome: 'repeated' as const, person };
      if (outcome.kind === 'duplicate') {
        // A 409 tells "this document is in the register": counted like intake's, so it is no oracle.
        if (caller) {
          const probed = outcome.by === 'document' ? write.document!.to : write.snils!.to;
          await Promise.all([countAttempt(deps, DUPLICATE_PROBES_PER_CALLER, caller.subject), countAttempt(deps, DUPLICATE_PROBES_PER_PERSON, probed)]);
        }
        throw heldByAnother(outcome.by);
      }
      // Which fields, never their values.
      logger.info('person details changed', { personId, fields: decided.changed, source, version: changed.version });
      return { outcome: 'applied' as const, person: changed, changed: decided.changed };
    },
    concurrentChange,
  );
}

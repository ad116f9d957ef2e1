import { grantFor } from '../auth/access.ts';
import type { Caller } from '../auth/caller.ts';
import { checkDocumentMasks, normalizeDocument, sameDocument, type IdentityDocument } from '../domain/documents.ts';
import { Problem } from '../domain/problem.ts';
import { hashPin, newPin, pinMatches } from '../pin/pin-code.ts';
import type { PersonRecord, PinRecord } from '../store/records.ts';
import { auditEntry } from './audit.ts';
import type { Dependencies } from './dependencies.ts';
import { historyEntry } from './lifecycle/history-entry.ts';
import { currentRecords } from './lifecycle/current-records.ts';

const noPin = () => new Problem({ status: 404, code: 'no-pin', title: 'No PIN', detail: 'The person has no PIN yet: it comes with the permanent e-policy.' });

/** The PIN item of a person the caller may act for (404 for another), if the person has one. */
async function pinOf(deps: Dependencies, caller: Caller, personId: string): Promise<PinRecord | undefined> {
  const { person, pin } = await deps.store.getPersonRecords(personId, 0, true);
  if (!person || !(await grantFor(deps, caller, person))) throw Problem.notFound('The person');
  return pin;
}

/**
 * The first showing of the PIN that came with the e-policy, to the person in their account or to
 * an office printing it on their behalf. The code is drawn now and only its hash is stored, in a
 * write that succeeds once: a second showing, or two at once, get 410 and nothing.
 */
export async function showPin(deps: Dependencies, caller: Caller, personId: string): Promise<{ pin: string; issuedAt: string }> {
  const stored = await pinOf(deps, caller, personId);
  if (!stored) throw noPin();
  if (stored.hash) throw pinShown();
  const pin = newPin();
  const hash = await hashPin(pin, deps.settings.pin.hashCost);
  const now = deps.clock.now().toISOString();
  if (!(await deps.store.setFirstPinHash(personId, stored.pinId, hash, now))) throw pinShown();
  await deps.store.appendAudit(auditEntry(deps, caller, personId, 'update', 'showPin'));
  return { pin, issuedAt: stored.issuedAt };
}

const pinShown = () =>
  new Problem({ status: 410, code: 'pin-already-shown', title: 'PIN already shown', detail: 'A PIN is shown once. An office issues a new one after checking the person\'s documents.' });

/** Whether a document shown at a desk is one the register holds for the person, or for the representative (a child's parent). */
function isDocumentOf(person: PersonRecord, shown: IdentityDocument): boolean {
  const same = (held: IdentityDocument) => sameDocument(normalizeDocument(held), shown);
  return person.documents.some(same) || (person.representative !== undefined && same(person.representative.document));
}

/**
 * A new PIN, issued by an office after checking the person's documents: the document checked must
 * be one the register holds for the person (or a child's representative), else 422 and nothing
 * changes. Shown once, in this answer, to print for the person; the old one stops working at once
 * (its hash and its wrong attempts go with it). Only for a person who holds the e-policy.
 */
export async function issuePin(deps: Dependencies, caller: Caller, personId: string, checked: IdentityDocument): Promise<{ pin: string; issuedAt: string }> {
  const shown = normalizeDocument(checked);
  const malformed = checkDocumentMasks(shown, '/document');
  if (malformed.length > 0) throw Problem.invalid(malformed);
  const { person, policy } = await currentRecords(deps, personId);
  if (!person || !(await grantFor(deps, caller, person))) throw Problem.notFound('The person');
  if (!isDocumentOf(person, shown)) {
    throw new Problem({
      status: 422,
      code: 'document-not-matching',
      title: 'Not the person\'s document',
      detail: 'The document checked is not one the register holds for this person, or for their representative.',
      errors: [{ pointer: '/document', code: 'document-not-matching', detail: 'Not a document of this person or of their representative.' }],
    });
  }
  if (!policy || policy.form === 'В') throw new Problem({ status: 409, code: 'no-e-policy', title: 'No e-policy yet', detail: 'A PIN comes with the permanent e-policy.' });
  if (policy.status === 'terminated') throw new Problem({ status: 409, code: 'policy-terminated', title: 'The policy is terminated', detail: 'A terminated policy cannot be changed.' });
  const pin = newPin();
  const now = deps.clock.now().toISOString();
  const record: PinRecord = { personId, pinId: deps.newId(), issuedAt: now, issuedBy: 'operator', hash: await hashPin(pin, deps.settings.pin.hashCost), shownAt: now };
  await deps.store.replacePin(record, historyEntry(deps, personId, { kind: 'pin_issued' }, caller), auditEntry(deps, caller, personId, 'update', 'issuePin'));
  return { pin, issuedAt: now };
}

/**
 * Checks a PIN. Wrong attempts in a row are counted on the PIN itself, and after `maxWrong` of them
 * the PIN is locked for `lockMinutes` after the last: 423 with when to retry, for a right PIN too.
 * The check is decided and counted in one conditional write, so a burst of guesses learns no more
 * than `maxWrong` answers; a right PIN clears the count.
 */
export async function checkPin(deps: Dependencies, caller: Caller, personId: string, pin: string): Promise<{ valid: true }> {
  await verifyPin(deps, await pinOf(deps, caller, personId), pin);
  return { valid: true };
}

/**
 * The PIN check itself, for every route that acts on the PIN (`checkPin`, a person's change of
 * their details): throws the refusal (no PIN, not shown yet, locked, replaced, wrong) or returns
 * when `pin` is the person's. The caller has already been granted the person.
 */
export async function verifyPin(deps: Pick<Dependencies, 'store' | 'clock' | 'settings'>, stored: PinRecord | undefined, pin: string): Promise<void> {
  if (!stored) throw noPin();
  if (!stored.hash) throw new Problem({ status: 409, code: 'pin-not-shown', title: 'PIN not shown yet', detail: 'Read the PIN once in the personal account first.' });
  const { maxWrong, lockMinutes } = deps.settings.pin;
  const now = deps.clock.now();
  const lockStart = new Date(now.getTime() - lockMinutes * 60_000).toISOString();
  const locked = (lastWrongAt: string) => pinLocked(now, new Date(Date.parse(lastWrongAt) + lockMinutes * 60_000));
  // A PIN already locked is refused before the slow hash is spent on it.
  if (stored.lastWrongAt && stored.lastWrongAt >= lockStart && (stored.wrong ?? 0) >= maxWrong) throw locked(stored.lastWrongAt);
  const right = await pinMatches(pin, stored.hash);
  const outcome = await deps.store.recordPinAttempt({ personId: stored.personId, pinId: stored.pinId, right, at: now.toISOString(), lockStart, max: maxWrong });
  if (outcome.kind === 'locked') throw locked(outcome.lastWrongAt);
  if (outcome.kind === 'replaced') throw new Problem({ status: 409, code: 'pin-replaced', title: 'PIN replaced', detail: 'A new PIN was issued meanwhile.' });
  if (!right) throw new Problem({ status: 422, code: 'wrong-pin', title: 'Wrong PIN', detail: 'The PIN does not match.', errors: [{ pointer: '/pin', code: 'wrong-pin', detail: 'The PIN does not match.' }] });
}

function pinLocked(now: Date, until: Date): Problem {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new Problem({
    status: 423,
    code: 'pin-locked',
    title: 'PIN locked',
    detail: `Too many wrong PINs. Try again in ${retryAfter} seconds.`,
    extensions: { retryAt: until.toISOString() },
    headers: { 'retry-after': String(retryAfter) },
  });
}

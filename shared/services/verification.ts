import { countAttempt, takeAttempt, VERIFICATION_MISSES_PER_CLINIC, VERIFICATIONS_PER_PERSON } from '../abuse/attempt-limits.ts';
import type { Caller } from '../auth/caller.ts';
import { incompleteToken } from '../auth/scopes.ts';
import { checkDocumentMasks, normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { Problem } from '../domain/problem.ts';
import { careState } from '../domain/verification/care-today.ts';
import type { Verification, VerificationRequest } from '../schemas/verification.ts';
import type { PersonRecord, PolicyRecord } from '../store/records.ts';
import { auditEntry } from './audit.ts';
import { scannedBarcode, type ScannedBarcode } from './barcodes/scanned-barcode.ts';
import type { Dependencies } from './dependencies.ts';
import { policyFacts } from './policy-facts.ts';

async function findPolicy(deps: Dependencies, enp: string | undefined, document: IdentityDocument | undefined): Promise<{ person?: PersonRecord; policy?: PolicyRecord }> {
  const holder = document ? await deps.store.findByDocument((await deps.hasher()).document(document)) : await deps.store.findByEnp(enp!);
  return holder ? deps.store.getPersonAndPolicy(holder.personId) : {};
}

const notFound = () => new Problem({ status: 404, code: 'policy-not-found', title: 'No policy found', detail: 'No policy in the register for that number, document or barcode.' });

/**
 * A clinic checks that a person is insured: by the number, the identity document shown, or the
 * policy's scanned barcode. Misses are counted against the clinic (guessing numbers, or showing
 * forged barcodes, whichever of its users asks), checks against the person (tracking); each check
 * leaves an audit entry the person sees. Every check takes a miss first and gives it back on a
 * hit, so a burst of guesses cannot learn more than the clinic's remaining misses allow. A request
 * that cannot be a policy (a document no mask allows, bytes that are no barcode) is a mistake to
 * correct (422), not a guess to count.
 */
export async function verifyPolicy(deps: Dependencies, caller: Caller, request: VerificationRequest): Promise<Verification> {
  if (!caller.clinicId) throw incompleteToken('clinic');
  const document = 'document' in request ? normalizeDocument(request.document as IdentityDocument) : undefined;
  const malformed = document ? checkDocumentMasks(document, '/document') : [];
  if (malformed.length > 0) throw Problem.invalid(malformed);
  const scanned: ScannedBarcode | undefined = 'barcode' in request ? await scannedBarcode(deps, request.barcode) : undefined;
  const miss = await takeAttempt(deps, VERIFICATION_MISSES_PER_CLINIC, caller.clinicId);
  if (scanned?.refusal) {
    await miss.refused();
    throw scanned.refusal;
  }
  const enp = scanned ? scanned.decoded.enp : 'enp' in request ? request.enp : undefined;
  const { person, policy } = await findPolicy(deps, enp, document).catch(async (error: unknown) => {
    await miss.returned(); // a failure of ours is not the clinic's miss
    throw error;
  });
  if (!person || !policy) {
    await miss.refused();
    throw notFound();
  }
  const mismatch = scanned?.mismatchWith(person, policy);
  if (mismatch) {
    // The person's record was compared: the check is theirs to see, refused as it was.
    await Promise.all([miss.refused(), deps.store.appendAudit(auditEntry(deps, caller, person.personId, 'read', 'verifyPolicy'))]);
    throw mismatch;
  }
  await Promise.all([miss.returned(), countAttempt(deps, VERIFICATIONS_PER_PERSON, person.personId)]);
  const [insurer] = await Promise.all([deps.catalogues.insurer(policy.region, policy.insurerId), deps.store.appendAudit(auditEntry(deps, caller, person.personId, 'read', 'verifyPolicy'))]);
  const facts = policyFacts(person, policy, deps.clock.now(), insurer);
  return { ...facts, ...careState(facts.form, facts.status), ...(policy.termination ? { terminatedOn: policy.termination.on } : {}), ...(scanned ? { barcode: scanned.answer } : {}) };
}

import { countAttempt, takeAttempt, VERIFICATION_MISSES_PER_CLINIC, VERIFICATIONS_PER_PERSON } from '../abuse/attempt-limits.ts';
import type { Caller } from '../auth/caller.ts';
import { incompleteToken } from '../auth/scopes.ts';
import { checkDocumentMasks, normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { Problem } from '../domain/problem.ts';
import type { Verification, VerificationRequest } from '../schemas/verification.ts';
import type { PersonRecord, PolicyRecord } from '../store/records.ts';
import { auditEntry } from './audit.ts';
import type { Dependencies } from './dependencies.ts';
import { policyFacts } from './policy-facts.ts';

async function findPolicy(deps: Dependencies, request: VerificationRequest, document: IdentityDocument | undefined): Promise<{ person?: PersonRecord; policy?: PolicyRecord }> {
  const holder = document ? await deps.store.findByDocument((await deps.hasher()).document(document)) : await deps.store.findByEnp((request as { enp: string }).enp);
  return holder ? deps.store.getPersonAndPolicy(holder.personId) : {};
}

/**
 * A clinic checks that a person is insured. Misses are counted against the clinic (guessing
 * numbers, whichever of its users asks), checks against the person (tracking); each check leaves
 * an audit entry the person sees. Every check takes a miss first and gives it back on a hit, so a
 * burst of guesses cannot learn more than the clinic's remaining misses allow.
 */
export async function verifyPolicy(deps: Dependencies, caller: Caller, request: VerificationRequest): Promise<Verification> {
  if (!caller.clinicId) throw incompleteToken('clinic');
  // A document that cannot exist is a mistake to correct (422), not a guess to count.
  const document = 'document' in request ? normalizeDocument(request.document as IdentityDocument) : undefined;
  const malformed = document ? checkDocumentMasks(document, '/document') : [];
  if (malformed.length > 0) throw Problem.invalid(malformed);
  const miss = await takeAttempt(deps, VERIFICATION_MISSES_PER_CLINIC, caller.clinicId);
  const { person, policy } = await findPolicy(deps, request, document).catch(async (error: unknown) => {
    await miss.returned(); // a failure of ours is not the clinic's miss
    throw error;
  });
  if (!person || !policy) {
    await miss.refused();
    throw new Problem({ status: 404, code: 'policy-not-found', title: 'No policy found', detail: 'No policy in the register for that number or document.' });
  }
  await Promise.all([miss.returned(), countAttempt(deps, VERIFICATIONS_PER_PERSON, person.personId)]);
  const [insurer] = await Promise.all([deps.catalogues.insurer(policy.region, policy.insurerId), deps.store.appendAudit(auditEntry(deps, caller, person.personId, 'read', 'verifyPolicy'))]);
  return policyFacts(person, policy, deps.clock.now(), insurer);
}

import { countAttempt, takeAttempt, VERIFICATION_MISSES_PER_CLINIC, VERIFICATIONS_PER_PERSON } from '../abuse/attempt-limits.ts';
import type { Caller } from '../auth/caller.ts';
import { incompleteToken } from '../auth/scopes.ts';
import { normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { Problem } from '../domain/problem.ts';
import type { Verification, VerificationRequest } from '../schemas/verification.ts';
import { auditEntry } from './audit.ts';
import type { Dependencies } from './dependencies.ts';
import { policyFacts } from './policy-facts.ts';

/**
 * A clinic checks that a person is insured. Misses are counted against the clinic (guessing
 * numbers, whichever of its users asks), checks against the person (tracking); each check leaves
 * an audit entry the person sees. Every check takes a miss first and gives it back on a hit, so a
 * burst of guesses cannot learn more than the clinic's remaining misses allow.
 */
export async function verifyPolicy(deps: Dependencies, caller: Caller, request: VerificationRequest): Promise<Verification> {
  if (!caller.clinicId) throw incompleteToken('clinic');
  const miss = await takeAttempt(deps, VERIFICATION_MISSES_PER_CLINIC, caller.clinicId);
  const holder =
    'enp' in request
      ? await deps.store.findByEnp(request.enp)
      : await deps.store.findByDocument((await deps.hasher()).document(normalizeDocument(request.document as IdentityDocument)));
  const [person, policy] = holder ? await Promise.all([deps.store.getPerson(holder.personId), deps.store.getCurrentPolicy(holder.personId)]) : [];
  if (!person || !policy) {
    await miss.refused();
    throw new Problem({ status: 404, code: 'policy-not-found', title: 'No policy found', detail: 'No policy in the register for that number or document.' });
  }
  await Promise.all([miss.returned(), countAttempt(deps, VERIFICATIONS_PER_PERSON, person.personId)]);
  await deps.store.appendAudit(auditEntry(deps, caller, person.personId, 'read', 'verifyPolicy'));
  return policyFacts(person, policy);
}

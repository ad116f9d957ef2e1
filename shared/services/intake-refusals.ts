import { grantFor } from '../auth/access.ts';
import type { Caller } from '../auth/caller.ts';
import { Problem } from '../domain/problem.ts';
import type { IntakeOutcome } from '../store/register-store.ts';
import type { Dependencies } from './dependencies.ts';

/** The ways intake refuses an application that was valid in itself. */
export function idempotencyKeyReused(): Problem {
  return new Problem({
    status: 422,
    code: 'idempotency-key-reused',
    title: 'Idempotency-Key reused',
    detail: 'This Idempotency-Key was used with a different request body.',
    errors: [{ pointer: '/', code: 'idempotency-key-reused', detail: 'Use a new key for a new request.' }],
  });
}

export function accountHasPerson(personId: string): Problem {
  return new Problem({
    status: 409,
    code: 'account-has-person',
    title: 'This account already has its own record',
    detail: 'A citizen account files for itself once; further applications are for its children.',
    errors: [{ pointer: '/person', code: 'account-has-person', detail: 'Already linked to a person in the register.' }],
    extensions: { existing: { personId } },
  });
}

export async function duplicateProblem(deps: Dependencies, caller: Caller, outcome: Extract<IntakeOutcome, { kind: 'duplicate' }>) {
  const existingApplication = await deps.store.getApplication(outcome.existing.applicationId);
  const applying = existingApplication?.status === 'awaiting_number';
  // Name the existing record only to a caller who may see it anyway.
  const visible = existingApplication && (await grantFor(deps, caller, existingApplication));
  const pointer = outcome.by === 'snils' ? '/person/snils' : `/documents/${outcome.documentIndex}`;
  return new Problem({
    status: 409,
    code: applying ? 'already-applying' : 'already-insured',
    title: applying ? 'An application for this person is already in progress' : 'This person is already in the register',
    detail: `A person with the same ${outcome.by === 'snils' ? 'SNILS' : 'identity document'} is already ${applying ? 'applying' : 'insured'}.`,
    errors: [{ pointer, code: outcome.by === 'snils' ? 'snils-registered' : 'document-registered', detail: 'Already held by a person in the register.' }],
    extensions: visible ? { existing: { personId: outcome.existing.personId, applicationId: outcome.existing.applicationId } } : {},
  });
}

import { grantFor, type Grant } from '../../auth/access.ts';
import { hasRole, type Caller } from '../../auth/caller.ts';
import { insurerContacts } from '../../catalogues/insurers.ts';
import { getRegion } from '../../catalogues/regions.ts';
import type { ChoiceAnswer } from '../../schemas/choices.ts';
import { ageInYears, localDate, startOfLocalDay } from '../../domain/dates.ts';
import { decideChoice, type Choice, type ChoiceDecided } from '../../domain/choices/choice-rules.ts';
import { anyUsed, firstDayOfNextYear } from '../../domain/choices/yearly-limits.ts';
import { Problem } from '../../domain/problem.ts';
import type { ChoicesRecord, PersonRecord, PolicyRecord } from '../../store/records.ts';
import { auditEntry } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { onLatest } from '../lifecycle/current-records.ts';
import { historyEntry } from '../lifecycle/history-entry.ts';
import { choicesView } from './choices-view.ts';

/** What a caller asks for: the catalogues' side of it is looked up here. */
export type ChoiceRequest = { kind: 'insurer'; insurerId?: string } | { kind: 'clinic'; clinicCode: string } | { kind: 'doctor'; doctorCode: string };

/**
 * A choice of insurer, clinic or doctor, decided by the domain on the person's latest records and
 * written on the condition that the person is still at that version, with the counts, the history
 * entry and the audit entry, all or nothing. Twenty at once: one applies, the others are decided
 * again on the new version and refused by the yearly limit (or as already chosen).
 */
export async function makeChoice(deps: Dependencies, caller: Caller, personId: string, request: ChoiceRequest, operation: string) {
  return onLatest(
    deps,
    personId,
    async ({ person, policy, choices }) => {
      const grant = person && (await mayChoose(deps, caller, person, request));
      if (!person || !grant) throw Problem.notFound('The person');
      if (!policy) throw Problem.notFound('The policy');
      const today = localDate(deps.clock.now(), getRegion(person.region).timeZone);
      if (grant === 'self' && ageInYears(person.birthDate, today) < 18) {
        throw Problem.forbidden("A child's insurer, clinic and doctor are chosen through a parent's account.", undefined, 'representative-required');
      }
      const choice = await lookUp(deps, person, choices, request);
      const decided = decideChoice({ person, policy, choices, today, rules: deps.settings.choices }, choice);
      const written = await writeChoice(deps, person, policy, decided, caller, operation);
      return written && answer(deps, written, decided);
    },
    () => new Problem({ status: 409, code: 'concurrent-change', title: 'Changed meanwhile', detail: 'The record kept changing while this choice was decided. Read it and try again.' }),
  );
}

/**
 * Whoever may see the person; and an insurer's office may take a person over to its own insurer.
 * A child's choices are made through a parent's account (or an office), not the child's own.
 */
async function mayChoose(deps: Dependencies, caller: Caller, person: PersonRecord, request: ChoiceRequest): Promise<Grant | 'office' | undefined> {
  const grant = await grantFor(deps, caller, person);
  if (grant) return grant;
  return request.kind === 'insurer' && hasRole(caller, 'operator') && caller.insurerId !== undefined && caller.insurerId === request.insurerId ? 'office' : undefined;
}

async function lookUp(deps: Dependencies, person: PersonRecord, choices: ChoicesRecord | undefined, request: ChoiceRequest): Promise<Choice> {
  switch (request.kind) {
    case 'insurer':
      return { kind: 'insurer', ...(request.insurerId !== undefined ? { insurerId: request.insurerId } : {}), insurers: await deps.catalogues.insurers(person.region), assignment: deps.settings.choices.assignment };
    case 'clinic':
      return { kind: 'clinic', code: request.clinicCode, clinic: request.clinicCode.startsWith(person.region) ? await deps.catalogues.clinic(person.region, request.clinicCode) : undefined };
    case 'doctor': {
      const clinic = choices?.clinic?.code;
      return { kind: 'doctor', code: request.doctorCode, doctor: clinic ? await deps.catalogues.doctor(clinic, request.doctorCode) : undefined };
    }
  }
}

/** Writes a decided choice (or the fund's reassignment); undefined when the person changed in between. */
export async function writeChoice(deps: Dependencies, person: PersonRecord, policy: PolicyRecord, decided: ChoiceDecided, caller: Caller | undefined, operation: string) {
  const zone = getRegion(person.region).timeZone;
  const today = localDate(deps.clock.now(), zone);
  const { resetAt: _old, ...choices } = decided.choices;
  const counted: ChoicesRecord = anyUsed(choices.used) ? { ...choices, resetAt: startOfLocalDay(firstDayOfNextYear(today), zone).toISOString() } : choices;
  const changedPerson = { ...person, ...decided.person };
  const outcome = await deps.store.applyPolicyChange({
    person: changedPerson,
    expectedVersion: person.version ?? 0,
    ...(decided.policy ? { policy: decided.policy } : {}),
    choices: counted,
    event: historyEntry(deps, person.personId, { ...decided.event, policyId: policy.policyId }, caller),
    ...(caller ? { audit: auditEntry(deps, caller, person.personId, 'update', operation) } : {}),
  });
  if (outcome === 'version-conflict') return undefined;
  return { person: changedPerson, choices: counted };
}

async function answer(deps: Dependencies, written: { person: PersonRecord; choices: ChoicesRecord }, decided: ChoiceDecided): Promise<ChoiceAnswer> {
  const { person, choices } = written;
  const insurer = await deps.catalogues.insurer(person.region, person.insurerId);
  return {
    personId: person.personId,
    changed: decided.event.changes,
    ...(decided.event.registerCode ? { registerCode: decided.event.registerCode } : {}),
    insurer: insurerContacts(insurer, person.insurerId),
    ...choicesView(deps, person.region, choices),
  };
}

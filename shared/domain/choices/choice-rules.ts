import type { Clinic, Doctor, DoctorKind, InsurerEntry } from '../../catalogues/catalogue-documents.ts';
import { assignInsurer, insurerWorking, worksOn, type AssignmentRule } from '../../catalogues/insurers.ts';
import type { Change, ChoicesRecord, EventKind, PersonRecord, PolicyRecord } from '../../store/records.ts';
import { ageInYears } from '../dates.ts';
import { REGISTER_CODES } from '../lifecycle/history-codes.ts';
import { effectiveStatus } from '../lifecycle/policy-status.ts';
import { refuseUnless } from '../lifecycle/status-changes.ts';
import { Problem } from '../problem.ts';
import { counted, countsOf, firstDayOfNextYear, yearOf, type LimitedChoice, type YearlyRules } from './yearly-limits.ts';

/** A choice the person (or an office for them) asks for, with what the catalogues say of it. */
export type Choice =
  /** `insurerId` absent: "any other insurer", assigned by the fund's rule. */
  | { kind: 'insurer'; insurerId?: string; insurers: readonly InsurerEntry[]; assignment: AssignmentRule }
  | { kind: 'clinic'; code: string; clinic?: { clinic: Clinic; version: number } }
  | { kind: 'doctor'; code: string; doctor?: { doctor: Doctor; version: number } };

export interface ChoiceDecided {
  person: Pick<PersonRecord, 'region' | 'insurerId'>;
  /** The policy, when the insurer changes (the policy names it). */
  policy?: PolicyRecord;
  choices: ChoicesRecord;
  event: { kind: EventKind; registerCode?: string; changes: Record<string, Change>; reason?: string; catalogueVersion?: number };
}

export interface ChoiceState {
  person: PersonRecord;
  policy: PolicyRecord;
  choices?: ChoicesRecord;
  /** The region's date. */
  today: string;
  rules: YearlyRules;
}

const conflict = (code: string, title: string, detail: string, nextChangeOn?: string) =>
  new Problem({ status: 409, code, title, detail, ...(nextChangeOn ? { extensions: { nextChangeOn } } : {}) });
const invalid = (pointer: string, code: string, detail: string) => Problem.invalid([{ pointer, code, detail }]);

/** The kinds of doctor that attach a person of that age: a pediatrician or a general practitioner for a child, a therapist or a GP for an adult. */
export function doctorKindsFor(birthDate: string, today: string): DoctorKind[] {
  return ageInYears(birthDate, today) < 18 ? ['pediatrician', 'gp'] : ['therapist', 'gp'];
}

/** Refuses a change at will past the year's limit (or, for an insurer, past the year's last day). */
function refuseOverLimit(choice: LimitedChoice, state: ChoiceState): void {
  const { today, rules } = state;
  const next = firstDayOfNextYear(today);
  if (choice === 'insurer' && today > `${yearOf(today)}-${rules.insurerChangeLastDay}`) {
    throw conflict('deadline-passed', 'Too late this year', `A change of insurer at will is taken until ${yearOf(today)}-${rules.insurerChangeLastDay}; the next is possible from ${next}.`, next);
  }
  if (countsOf(state.choices?.used, yearOf(today))[choice] >= rules.yearly[choice]) {
    throw conflict('yearly-limit-reached', 'Yearly limit reached', `The ${choice} can be changed ${rules.yearly[choice]} time(s) a year; the next change is possible from ${next}.`, next);
  }
}

/** The choices' item after a change: counted or not, with the reset's due year while anything is counted. */
function nextChoices(state: ChoiceState, change: Partial<ChoicesRecord>, countAs?: LimitedChoice): ChoicesRecord {
  const { personId } = state.person;
  const used = countAs ? counted(state.choices?.used, countAs, state.today) : state.choices?.used;
  return { ...state.choices, personId, ...change, ...(used ? { used } : {}), region: state.person.region };
}

/**
 * Decides a choice on the region's `today`: the rules of each, in one place, for the portal and
 * the offices alike. Only an active policy is changed (a suspended one only by resuming).
 */
export function decideChoice(state: ChoiceState, choice: Choice): ChoiceDecided {
  refuseUnless(effectiveStatus(state.policy, state.today), ['active']);
  switch (choice.kind) {
    case 'insurer':
      return changeInsurer(state, choice);
    case 'clinic':
      return attachClinic(state, choice);
    case 'doctor':
      return attachDoctor(state, choice);
  }
}

/**
 * At will: once a year, until the year's last day (П031 chosen, П034 assigned by the fund when the
 * person asks for "another insurer" without naming one). After the fund reassigned the person
 * because their insurer's contract ended, the next change is free of both (П033).
 */
function changeInsurer(state: ChoiceState, choice: Extract<Choice, { kind: 'insurer' }>): ChoiceDecided {
  const { person, policy, today } = state;
  const afterContractEnd = state.choices?.insurerReassigned !== undefined;
  if (!afterContractEnd) refuseOverLimit('insurer', state);
  let insurer: InsurerEntry;
  if (choice.insurerId !== undefined) {
    const chosen = insurerWorking(choice.insurers, choice.insurerId, today);
    if (!chosen) throw invalid('/insurerId', 'not-in-region', "This insurer does not work in the person's region.");
    if (chosen.id === person.insurerId) throw conflict('already-chosen', 'Already chosen', 'The person is insured by this insurer already.');
    insurer = chosen;
  } else {
    if (!choice.insurers.some((i) => i.id !== person.insurerId && worksOn(i, today))) {
      throw conflict('no-other-insurer', 'No other insurer', "No other insurer works in the person's region.");
    }
    insurer = assignInsurer(choice.insurers, person.personId, today, choice.assignment, person.insurerId);
  }
  const registerCode = afterContractEnd ? REGISTER_CODES.changedAfterContractEndByChoice : choice.insurerId !== undefined ? REGISTER_CODES.changedAtWillByChoice : REGISTER_CODES.changedAtWillByFund;
  const { insurerReassigned: _free, ...rest } = state.choices ?? { personId: person.personId };
  return {
    person: { region: person.region, insurerId: insurer.id },
    policy: { ...policy, insurerId: insurer.id },
    choices: nextChoices({ ...state, choices: rest as ChoicesRecord }, {}, afterContractEnd ? undefined : 'insurer'),
    event: { kind: 'insurer_changed', registerCode, changes: { insurerId: { from: person.insurerId, to: insurer.id } }, reason: afterContractEnd ? 'contract-ended' : 'at-will' },
  };
}

/** Once a year; the first attachment and one after moving to another region are not counted. A new clinic lets go of the old clinic's doctor. */
function attachClinic(state: ChoiceState, choice: Extract<Choice, { kind: 'clinic' }>): ChoiceDecided {
  const { person, today } = state;
  const found = choice.clinic;
  if (!found) {
    if (!choice.code.startsWith(person.region)) throw invalid('/clinicCode', 'not-in-region', "This clinic is not in the person's region.");
    throw invalid('/clinicCode', 'unknown-clinic', "No clinic with this code in the region's catalogue.");
  }
  const { clinic, version } = found;
  const kinds = doctorKindsFor(person.birthDate, today);
  if (!clinic.attaches.some((k) => kinds.includes(k))) {
    throw invalid('/clinicCode', 'clinic-not-attaching', `This clinic does not attach a person of this age (it attaches: ${clinic.attaches.join(', ')}).`);
  }
  const current = state.choices?.clinic;
  if (current?.code === clinic.code && current.region === person.region) throw conflict('already-chosen', 'Already chosen', 'The person is attached to this clinic already.');
  const counts = current !== undefined && current.region === person.region;
  if (counts) refuseOverLimit('clinic', state);
  const { doctor, ...rest } = state.choices ?? { personId: person.personId };
  const changes: Record<string, Change> = { clinic: { from: current?.code ?? null, to: clinic.code } };
  if (doctor) changes.doctor = { from: doctor.code, to: null };
  return {
    person: { region: person.region, insurerId: person.insurerId },
    choices: nextChoices({ ...state, choices: rest as ChoicesRecord }, { clinic: { code: clinic.code, region: person.region, name: clinic.shortName, since: today, catalogueVersion: version } }, counts ? 'clinic' : undefined),
    event: { kind: 'clinic_changed', changes, catalogueVersion: version },
  };
}

/** A doctor of the person's clinic, once a year; the first one at a clinic is not counted. */
function attachDoctor(state: ChoiceState, choice: Extract<Choice, { kind: 'doctor' }>): ChoiceDecided {
  const { person, today } = state;
  const clinic = state.choices?.clinic;
  if (!clinic || clinic.region !== person.region) throw conflict('no-clinic', 'No clinic chosen', 'Choose a clinic in the region first: a doctor is chosen among its doctors.');
  const found = choice.doctor;
  if (!found) throw invalid('/doctorCode', 'doctor-not-in-clinic', "No doctor with this code at the person's clinic.");
  const { doctor, version } = found;
  if (!doctorKindsFor(person.birthDate, today).includes(doctor.specialty)) {
    throw invalid('/doctorCode', 'doctor-not-for-age', `A ${doctor.specialty} does not attach a person of this age.`);
  }
  const current = state.choices?.doctor;
  if (current?.code === doctor.code) throw conflict('already-chosen', 'Already chosen', 'The person is attached to this doctor already.');
  const counts = current !== undefined && current.clinic === clinic.code;
  if (counts) refuseOverLimit('doctor', state);
  return {
    person: { region: person.region, insurerId: person.insurerId },
    choices: nextChoices(state, { doctor: { code: doctor.code, clinic: clinic.code, name: doctor.name, specialty: doctor.specialty, since: today, catalogueVersion: version } }, counts ? 'doctor' : undefined),
    event: { kind: 'doctor_changed', changes: { doctor: { from: current?.code ?? null, to: doctor.code } }, catalogueVersion: version },
  };
}

/**
 * The fund's reassignment when an insurer's contract in the region ended (П036): whatever the
 * policy's state, so that nobody stays with an insurer that no longer works there; the person's
 * next change is then free of the yearly limit and the deadline.
 */
export function reassignAfterContractEnd(state: Omit<ChoiceState, 'rules'>, insurers: readonly InsurerEntry[], assignment: AssignmentRule): ChoiceDecided {
  const { person, policy, today } = state;
  const insurer = assignInsurer(insurers, person.personId, today, assignment, person.insurerId);
  return {
    person: { region: person.region, insurerId: insurer.id },
    policy: { ...policy, insurerId: insurer.id },
    choices: { ...state.choices, personId: person.personId, insurerReassigned: today },
    event: { kind: 'insurer_changed', registerCode: REGISTER_CODES.reassignedAfterContractEnd, changes: { insurerId: { from: person.insurerId, to: insurer.id } }, reason: 'contract-ended' },
  };
}

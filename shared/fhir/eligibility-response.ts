import { SYSTEMS } from './systems.ts';
import type { Coverage, CoverageEligibilityResponse, CoverageStatus, Identifier, Patient, Reference } from './types.ts';

export type EligibilityState = 'active' | 'temporary' | 'suspended' | 'terminated' | 'expired' | 'unknown';
export type PolicyForm = 'В' | 'П' | 'Э' | 'К';

export interface EligibilityPolicy {
  enp: string | null;
  form: PolicyForm;
  validFrom: string;
  validTo: string | null;
  insurer: { id: string; name: string; ogrn?: string; phone?: string };
  region: { code: string; name: string };
}

/** The id and identifier of the CoverageEligibilityRequest the check answers, when it came as FHIR. */
export interface EligibilityRequestEcho {
  id?: string;
  identifier?: { system?: string; value: string };
}

/** One check at a clinic's reception, as the register decided it. */
export interface EligibilityCheck {
  /** The check's id (a ULID), used as the answer's id. */
  id: string;
  /** ISO instant. */
  checkedAt: string;
  state: EligibilityState;
  /** Whether care under ОМС can be given today. */
  careToday: boolean;
  /** Short human text when it cannot (Russian or English); a default per state otherwise. */
  reason?: string;
  /** Absent only when the state is `unknown`. */
  policy?: EligibilityPolicy;
  request?: EligibilityRequestEcho;
}

/**
 * Coverage.status says whether the policy stands, `inforce` whether it gives care today. A
 * suspended policy stands (it resumes by itself, with no new filing), so it stays `active` with
 * `inforce` false; a terminated or expired one never gives care again, so it is `cancelled`, and
 * a reader that looks at the status alone never sees `active` for it.
 */
export const COVERAGE_STATUS: Record<Exclude<EligibilityState, 'unknown'>, CoverageStatus> = {
  active: 'active',
  temporary: 'active',
  suspended: 'active',
  terminated: 'cancelled',
  expired: 'cancelled',
};

const DISPOSITION: Record<EligibilityState, string> = {
  active: 'Полис ОМС действует.',
  temporary: 'Действует временное свидетельство ОМС.',
  suspended: 'Страхование по ОМС приостановлено.',
  terminated: 'Страхование по ОМС прекращено.',
  expired: 'Срок действия полиса ОМС истёк.',
  unknown: 'Полис ОМС в регистре не найден.',
};

const FORM_NAMES: Record<PolicyForm, string> = {
  В: 'временное свидетельство',
  П: 'полис на бумажном бланке',
  Э: 'электронный полис',
  К: 'универсальная электронная карта',
};

const PATIENT_ID = 'patient';
const COVERAGE_ID = 'coverage';

/** R4 requires a patient and an insurer even when the register knows neither: say so, name no one. */
const absent: Reference = { extension: [{ url: SYSTEMS.dataAbsentReason, valueCode: 'unknown' }] };

/** The insurer by its ОГРН (the register's id when the catalogue has none), with its name. */
function insurerReference(insurer: EligibilityPolicy['insurer']): Reference {
  const identifier: Identifier = insurer.ogrn ? { system: SYSTEMS.ogrn, value: insurer.ogrn } : { system: SYSTEMS.insurer, value: insurer.id };
  return { type: 'Organization', identifier, display: insurer.name };
}

/**
 * The incoming request as the client named it: by its identifier, by its id (which the client
 * resolves on its own side: the register keeps no requests), or else by the check's own id.
 */
function requestReference(check: EligibilityCheck): Reference {
  const { id, identifier } = check.request ?? {};
  return {
    type: 'CoverageEligibilityRequest',
    ...(id ? { reference: `CoverageEligibilityRequest/${id}` } : {}),
    ...(identifier ? { identifier: { ...identifier } } : id ? {} : { identifier: { system: SYSTEMS.verification, value: check.id } }),
  };
}

function coverage(policy: EligibilityPolicy, status: CoverageStatus, beneficiary: Reference): Coverage {
  return {
    resourceType: 'Coverage',
    id: COVERAGE_ID,
    ...(policy.enp ? { identifier: [{ system: SYSTEMS.enp, value: policy.enp }] } : {}),
    status,
    type: { coding: [{ system: SYSTEMS.policyForm, code: policy.form, display: FORM_NAMES[policy.form] }], text: 'ОМС' },
    beneficiary,
    // A date-only end covers that whole day, the policy's last; no end is a policy without one.
    period: { start: policy.validFrom, ...(policy.validTo ? { end: policy.validTo } : {}) },
    payor: [insurerReference(policy.insurer)],
  };
}

/**
 * The check as a FHIR R4 CoverageEligibilityResponse. Nothing about the person but the ЕНП: the
 * patient is a contained Patient holding that one identifier (or, with no number, a reference
 * that says it is unknown), never a name, a birth date or a document the clinic asked by.
 */
export function eligibilityResponse(check: EligibilityCheck): CoverageEligibilityResponse {
  const { policy } = check;
  const base = {
    resourceType: 'CoverageEligibilityResponse' as const,
    id: check.id,
    identifier: [{ system: SYSTEMS.verification, value: check.id }],
    status: 'active' as const,
    purpose: ['validation'] as ['validation'],
    created: check.checkedAt,
    request: requestReference(check),
    disposition: check.reason ?? DISPOSITION[check.state],
  };
  if (check.state === 'unknown') {
    return {
      ...base,
      patient: absent,
      outcome: 'error',
      insurer: absent,
      error: [{ code: { coding: [{ system: SYSTEMS.problem, code: 'policy-not-found', display: 'No policy found' }] } }],
    };
  }
  if (!policy) throw new TypeError(`A check in state ${check.state} carries its policy.`);
  const patient: Patient | undefined = policy.enp ? { resourceType: 'Patient', id: PATIENT_ID, identifier: [{ system: SYSTEMS.enp, value: policy.enp }] } : undefined;
  const patientReference: Reference = patient ? { reference: `#${PATIENT_ID}`, type: 'Patient' } : absent;
  return {
    ...base,
    contained: [...(patient ? [patient] : []), coverage(policy, COVERAGE_STATUS[check.state], patientReference)],
    patient: patientReference,
    outcome: 'complete',
    insurer: insurerReference(policy.insurer),
    insurance: [{ coverage: { reference: `#${COVERAGE_ID}`, type: 'Coverage' }, inforce: check.careToday }],
  };
}

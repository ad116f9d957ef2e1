/**
 * Just the parts of FHIR R4 the register writes, as plain JSON. Narrower than the standard's
 * types on purpose: the tests validate every answer against the R4 JSON schema.
 */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
  type?: CodeableConcept;
}

export interface Extension {
  url: string;
  valueCode?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
  extension?: Extension[];
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Patient {
  resourceType: 'Patient';
  id: string;
  identifier?: Identifier[];
}

export type CoverageStatus = 'active' | 'cancelled' | 'draft' | 'entered-in-error';

export interface Coverage {
  resourceType: 'Coverage';
  id: string;
  identifier?: Identifier[];
  status: CoverageStatus;
  type?: CodeableConcept;
  beneficiary: Reference;
  period: Period;
  payor: Reference[];
}

export interface CoverageEligibilityResponse {
  resourceType: 'CoverageEligibilityResponse';
  id: string;
  contained?: (Patient | Coverage)[];
  identifier: Identifier[];
  status: 'active';
  purpose: ['validation'];
  patient: Reference;
  created: string;
  request: Reference;
  outcome: 'complete' | 'error';
  disposition: string;
  insurer: Reference;
  insurance?: { coverage: Reference; inforce: boolean }[];
  error?: { code: CodeableConcept }[];
}

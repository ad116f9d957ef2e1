/**
 * Every HTTP route, declared once. The CDK stack makes an API Gateway route and a Lambda function
 * of each; the local runner serves the same handler files; the OpenAPI document describes each
 * operation from here and from its description in `shared/openapi/operations.ts` (its schemas and
 * answers, which only the document's function and the tests load: a handler's bundle carries only
 * its own route's facts, never every route's schemas).
 */
export const ROLES = ['citizen', 'operator', 'clinic', 'insurer', 'fund_admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RouteDeclaration {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway syntax: `{name}` for a path parameter. */
  path: string;
  /** File under `functions/`, without `.ts`; it exports `handler`. */
  handler: string;
  /** The OpenAPI operation; `shared/openapi/operations.ts` describes it. */
  operationId: string;
  /** Who may call it; 'public' for no token. API Gateway checks the token, the handler the role. */
  roles: readonly Role[] | 'public';
  /** Steady requests per second and burst for this route, across all callers (API Gateway stage). */
  throttle: { rateLimit: number; burstLimit: number };
}

/** Catalogue reads: front ends list insurers, clinics and doctors to choose from (answers are cacheable for a minute). */
const CATALOGUE_READS = { rateLimit: 200, burstLimit: 400 };
/** The fund's changes: a few a day, a batch of clinics' doctors at most. */
const CATALOGUE_CHANGES = { rateLimit: 10, burstLimit: 20 };

export const routes = [
  { method: 'POST', path: '/applications', handler: 'applications/submit-application', operationId: 'submitApplication', roles: ['citizen', 'operator'], throttle: { rateLimit: 100, burstLimit: 200 } },
  { method: 'GET', path: '/applications/{applicationId}', handler: 'applications/get-application', operationId: 'getApplication', roles: ['citizen', 'operator', 'fund_admin'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  { method: 'GET', path: '/persons/{personId}', handler: 'persons/get-person', operationId: 'getPerson', roles: ['citizen', 'operator', 'insurer', 'fund_admin'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  // The person's own details: by the person with their PIN (a child's with the child's), or by an office that saw the documents.
  { method: 'PATCH', path: '/persons/{personId}', handler: 'persons/change-person', operationId: 'changePerson', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'GET', path: '/persons/{personId}/policy', handler: 'persons/get-policy', operationId: 'getPersonPolicy', roles: ['citizen', 'operator', 'insurer', 'fund_admin'], throttle: { rateLimit: 1000, burstLimit: 2000 } },
  { method: 'GET', path: '/persons/{personId}/audit', handler: 'persons/get-audit', operationId: 'getPersonAudit', roles: ['citizen', 'fund_admin'], throttle: { rateLimit: 100, burstLimit: 200 } },
  { method: 'GET', path: '/persons/{personId}/account', handler: 'persons/get-account', operationId: 'getPersonAccount', roles: ['citizen', 'operator', 'insurer'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  { method: 'GET', path: '/persons/{personId}/history', handler: 'persons/get-history', operationId: 'getPersonHistory', roles: ['citizen', 'operator', 'insurer', 'fund_admin'], throttle: { rateLimit: 100, burstLimit: 200 } },
  { method: 'POST', path: '/persons/{personId}/policy/suspension', handler: 'policies/suspend-policy', operationId: 'suspendPolicy', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'DELETE', path: '/persons/{personId}/policy/suspension', handler: 'policies/resume-policy', operationId: 'resumePolicy', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/policy/termination', handler: 'policies/terminate-policy', operationId: 'terminatePolicy', roles: ['operator', 'fund_admin'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/region', handler: 'persons/change-region', operationId: 'changeRegion', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/insurer', handler: 'choices/choose-insurer', operationId: 'chooseInsurer', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/clinic', handler: 'choices/choose-clinic', operationId: 'chooseClinic', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/doctor', handler: 'choices/choose-doctor', operationId: 'chooseDoctor', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/pin', handler: 'pins/issue-pin', operationId: 'issuePin', roles: ['operator'], throttle: { rateLimit: 20, burstLimit: 40 } },
  { method: 'POST', path: '/persons/{personId}/pin/reveal', handler: 'pins/show-pin', operationId: 'showPin', roles: ['citizen', 'operator'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'POST', path: '/persons/{personId}/pin/check', handler: 'pins/check-pin', operationId: 'checkPin', roles: ['citizen'], throttle: { rateLimit: 50, burstLimit: 100 } },
  // Care history: insurers report their insured's requests for care (one, or a day's file), the person, the insurers and the fund read it.
  { method: 'POST', path: '/persons/{personId}/care-events', handler: 'care/record-care-event', operationId: 'recordCareEvent', roles: ['insurer'], throttle: { rateLimit: 100, burstLimit: 200 } },
  { method: 'POST', path: '/care-events', handler: 'care/record-care-events', operationId: 'recordCareEvents', roles: ['insurer'], throttle: { rateLimit: 20, burstLimit: 40 } },
  { method: 'GET', path: '/persons/{personId}/care-history', handler: 'care/get-care-history', operationId: 'getPersonCareHistory', roles: ['citizen', 'insurer', 'fund_admin'], throttle: { rateLimit: 100, burstLimit: 200 } },
  // The policy shown: its barcode (phone screens, print) and the register's extract (a lost paper policy).
  { method: 'GET', path: '/persons/{personId}/policy/barcode', handler: 'barcodes/get-policy-barcode', operationId: 'getPolicyBarcode', roles: ['citizen', 'operator', 'insurer'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  { method: 'GET', path: '/persons/{personId}/extract.pdf', handler: 'extracts/get-extract', operationId: 'getPolicyExtract', roles: ['citizen', 'operator', 'insurer'], throttle: { rateLimit: 100, burstLimit: 200 } },
  // Complaints to the insurer ("Решаем вместе"): filed for the person, answered by the insurer it was routed to, watched by the fund.
  { method: 'POST', path: '/persons/{personId}/complaints', handler: 'complaints/file-complaint', operationId: 'fileComplaint', roles: ['citizen', 'operator'], throttle: { rateLimit: 20, burstLimit: 40 } },
  { method: 'GET', path: '/persons/{personId}/complaints', handler: 'complaints/get-person-complaints', operationId: 'listPersonComplaints', roles: ['citizen', 'insurer', 'fund_admin'], throttle: { rateLimit: 100, burstLimit: 200 } },
  { method: 'PATCH', path: '/persons/{personId}/complaints/{complaintId}', handler: 'complaints/change-complaint', operationId: 'changeComplaint', roles: ['insurer'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'GET', path: '/complaints', handler: 'complaints/get-open-complaints', operationId: 'listOpenComplaints', roles: ['insurer'], throttle: { rateLimit: 50, burstLimit: 100 } },
  { method: 'GET', path: '/complaints/overdue', handler: 'complaints/get-complaint-counts', operationId: 'getComplaintCounts', roles: ['fund_admin'], throttle: { rateLimit: 10, burstLimit: 20 } },
  { method: 'POST', path: '/verifications', handler: 'verifications/verify-policy', operationId: 'verifyPolicy', roles: ['clinic'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  { method: 'GET', path: '/openapi.json', handler: 'openapi/get-document', operationId: 'getOpenApiDocument', roles: 'public', throttle: { rateLimit: 20, burstLimit: 40 } },
  // The barcode signatures' public keys: anyone checks a barcode offline with them (cacheable a minute).
  { method: 'GET', path: '/.well-known/jwks.json', handler: 'signing/get-jwks', operationId: 'getSigningKeys', roles: 'public', throttle: { rateLimit: 50, burstLimit: 100 } },
  // The fund's catalogues and the production calendar: read by everyone (cacheable, versioned), changed by the fund.
  { method: 'GET', path: '/catalogues/insurers', handler: 'catalogues/get-insurers', operationId: 'getInsurers', roles: ROLES, throttle: CATALOGUE_READS },
  { method: 'PUT', path: '/catalogues/insurers', handler: 'catalogues/put-insurers', operationId: 'putInsurers', roles: ['fund_admin'], throttle: CATALOGUE_CHANGES },
  { method: 'GET', path: '/catalogues/clinics', handler: 'catalogues/get-clinics', operationId: 'getClinics', roles: ROLES, throttle: CATALOGUE_READS },
  { method: 'PUT', path: '/catalogues/clinics', handler: 'catalogues/put-clinics', operationId: 'putClinics', roles: ['fund_admin'], throttle: CATALOGUE_CHANGES },
  { method: 'GET', path: '/catalogues/clinics/{code}/doctors', handler: 'catalogues/get-doctors', operationId: 'getClinicDoctors', roles: ROLES, throttle: CATALOGUE_READS },
  { method: 'PUT', path: '/catalogues/clinics/{code}/doctors', handler: 'catalogues/put-doctors', operationId: 'putClinicDoctors', roles: ['fund_admin'], throttle: CATALOGUE_CHANGES },
  { method: 'GET', path: '/catalogues/free-care', handler: 'catalogues/get-free-care', operationId: 'getFreeCare', roles: ROLES, throttle: CATALOGUE_READS },
  { method: 'PUT', path: '/catalogues/free-care', handler: 'catalogues/put-free-care', operationId: 'putFreeCare', roles: ['fund_admin'], throttle: CATALOGUE_CHANGES },
  { method: 'GET', path: '/catalogues/regional-care', handler: 'catalogues/get-regional-care', operationId: 'getRegionalCare', roles: ROLES, throttle: CATALOGUE_READS },
  { method: 'PUT', path: '/catalogues/regional-care', handler: 'catalogues/put-regional-care', operationId: 'putRegionalCare', roles: ['fund_admin'], throttle: CATALOGUE_CHANGES },
  { method: 'GET', path: '/calendar/{year}', handler: 'calendar/get-year', operationId: 'getCalendarYear', roles: ROLES, throttle: CATALOGUE_READS },
  { method: 'PUT', path: '/calendar/{year}', handler: 'calendar/put-year', operationId: 'putCalendarYear', roles: ['fund_admin'], throttle: CATALOGUE_CHANGES },
  // Civil-registry events that named nobody, or two people: the fund resolves them.
  { method: 'GET', path: '/registry/unmatched', handler: 'registry/get-unmatched', operationId: 'getUnmatchedRegistryEvents', roles: ['fund_admin'], throttle: { rateLimit: 10, burstLimit: 20 } },
  { method: 'POST', path: '/registry/unmatched/{eventId}/resolution', handler: 'registry/resolve-unmatched', operationId: 'resolveUnmatchedRegistryEvent', roles: ['fund_admin'], throttle: { rateLimit: 10, burstLimit: 20 } },
] as const satisfies readonly RouteDeclaration[];

export type OperationId = (typeof routes)[number]['operationId'];

export function routeOf(operationId: OperationId): RouteDeclaration {
  return routes.find((r) => r.operationId === operationId)!;
}

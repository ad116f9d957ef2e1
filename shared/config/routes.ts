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

export const routes = [
  { method: 'POST', path: '/applications', handler: 'applications/submit-application', operationId: 'submitApplication', roles: ['citizen', 'operator'], throttle: { rateLimit: 100, burstLimit: 200 } },
  { method: 'GET', path: '/applications/{applicationId}', handler: 'applications/get-application', operationId: 'getApplication', roles: ['citizen', 'operator', 'fund_admin'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  { method: 'GET', path: '/persons/{personId}', handler: 'persons/get-person', operationId: 'getPerson', roles: ['citizen', 'operator', 'insurer', 'fund_admin'], throttle: { rateLimit: 500, burstLimit: 1000 } },
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
  { method: 'POST', path: '/verifications', handler: 'verifications/verify-policy', operationId: 'verifyPolicy', roles: ['clinic'], throttle: { rateLimit: 500, burstLimit: 1000 } },
  { method: 'GET', path: '/openapi.json', handler: 'openapi/get-document', operationId: 'getOpenApiDocument', roles: 'public', throttle: { rateLimit: 20, burstLimit: 40 } },
] as const satisfies readonly RouteDeclaration[];

export type OperationId = (typeof routes)[number]['operationId'];

export function routeOf(operationId: OperationId): RouteDeclaration {
  return routes.find((r) => r.operationId === operationId)!;
}

import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { applicationCreatedSchema, applicationRequestSchema, applicationSchema } from '../schemas/application.ts';
import { recordId } from '../schemas/common.ts';
import { auditPageSchema, auditQuerySchema, personViewSchema } from '../schemas/person.ts';
import { policyViewSchema } from '../schemas/policy.ts';
import { verificationRequestSchema, verificationSchema } from '../schemas/verification.ts';
import { badPath, bodyProblems, internalError, problem, retryAfter, unauthorized } from '../openapi/responses.ts';

/**
 * Every HTTP route, declared once. The CDK stack makes an API Gateway route and a Lambda function
 * of each; the local runner serves the same handler files; the OpenAPI document is built from here.
 */
export const ROLES = ['citizen', 'operator', 'clinic', 'insurer', 'fund_admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RouteDeclaration {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway syntax: `{name}` for a path parameter. */
  path: string;
  /** File under `functions/`, without `.ts`; it exports `handler`. */
  handler: string;
  /** Who may call it; 'public' for no token. API Gateway checks the token, the handler the role. */
  roles: readonly Role[] | 'public';
  /** Steady requests per second and burst for this route, across all callers (API Gateway stage). */
  throttle: { rateLimit: number; burstLimit: number };
  operation: ZodOpenApiOperationObject & { operationId: string };
}

export const routes = [
  {
    method: 'POST',
    path: '/applications',
    handler: 'applications/submit-application',
    roles: ['citizen', 'operator'],
    throttle: { rateLimit: 100, burstLimit: 200 },
    operation: {
      operationId: 'submitApplication',
      summary: 'Apply for a policy: get a temporary policy at once and a number within one working day',
      requestParams: {
        header: z.object({
          'idempotency-key': z.string().min(1).max(255).optional().meta({ description: 'Repeats with the same key return the first answer.' }),
        }),
      },
      requestBody: { required: true, content: { 'application/json': { schema: applicationRequestSchema } } },
      responses: {
        '201': {
          description: 'Filed; the temporary policy and its leaflet (or, for a repeated Idempotency-Key, the first answer again)',
          headers: z.object({
            location: z.string().meta({ description: 'The new application.' }),
            'idempotent-replayed': z.literal('true').optional().meta({ description: 'Present when this is the first answer again.' }),
          }),
          content: { 'application/json': { schema: applicationCreatedSchema } },
        },
        ...bodyProblems,
        '400': problem('Malformed JSON, nesting deeper than 32, a key given twice, another charset than UTF-8, bytes that are not UTF-8, or an invalid Idempotency-Key'),
        '401': unauthorized,
        '403': problem('The caller\'s role may not file applications, or not in this region (`forbidden`, `out-of-scope`, `incomplete-token`)'),
        '409': problem('The same person is already insured or applying (`already-insured`, `already-applying`, `account-has-person`)'),
        '422': problem('Invalid fields, the person cannot be insured, or an Idempotency-Key reused with another body'),
        '429': { ...problem('Too many refused attempts; retry after the Retry-After seconds'), headers: retryAfter },
        '500': internalError,
      },
    },
  },
  {
    method: 'GET',
    path: '/applications/{applicationId}',
    handler: 'applications/get-application',
    roles: ['citizen', 'operator', 'fund_admin'],
    throttle: { rateLimit: 500, burstLimit: 1000 },
    operation: {
      operationId: 'getApplication',
      summary: 'Status of an application and the deadline for its number',
      requestParams: { path: z.object({ applicationId: recordId }) },
      responses: {
        '200': { description: 'The application', content: { 'application/json': { schema: applicationSchema } } },
        '400': badPath,
        '401': unauthorized,
        '403': problem('The caller\'s role may not read applications'),
        '404': problem('No such application, or not one the caller may see'),
        '500': internalError,
      },
    },
  },
  {
    method: 'GET',
    path: '/persons/{personId}',
    handler: 'persons/get-person',
    roles: ['citizen', 'operator', 'insurer', 'fund_admin'],
    throttle: { rateLimit: 500, burstLimit: 1000 },
    operation: {
      operationId: 'getPerson',
      summary: "A person's record, with each field shown only to the roles that need it",
      requestParams: { path: z.object({ personId: recordId }) },
      responses: {
        '200': { description: 'The person', content: { 'application/json': { schema: personViewSchema } } },
        '400': badPath,
        '401': unauthorized,
        '403': problem('The caller\'s role may not read persons'),
        '404': problem('No such person, or not one the caller may see'),
        '500': internalError,
      },
    },
  },
  {
    method: 'GET',
    path: '/persons/{personId}/policy',
    handler: 'persons/get-policy',
    roles: ['citizen', 'operator', 'insurer', 'fund_admin'],
    throttle: { rateLimit: 1000, burstLimit: 2000 },
    operation: {
      operationId: 'getPersonPolicy',
      summary: "A person's current policy: number, status, validity, insurer, region",
      requestParams: { path: z.object({ personId: recordId }) },
      responses: {
        '200': { description: 'The current policy', content: { 'application/json': { schema: policyViewSchema } } },
        '400': badPath,
        '401': unauthorized,
        '403': problem('The caller\'s role may not read policies'),
        '404': problem('No such person, or not one the caller may see'),
        '500': internalError,
      },
    },
  },
  {
    method: 'GET',
    path: '/persons/{personId}/audit',
    handler: 'persons/get-audit',
    roles: ['citizen', 'fund_admin'],
    throttle: { rateLimit: 100, burstLimit: 200 },
    operation: {
      operationId: 'getPersonAudit',
      summary: 'Who read or changed the person\'s record, newest first',
      requestParams: {
        path: z.object({ personId: recordId }),
        query: auditQuerySchema,
      },
      responses: {
        '200': { description: 'A page of audit entries', content: { 'application/json': { schema: auditPageSchema } } },
        '400': { description: `${badPath.description}; or a cursor that is not the \`next\` of a previous page (\`invalid-cursor\`)`, content: { ...badPath.content, ...problem('').content } },
        '401': unauthorized,
        '403': problem('The caller\'s role may not read audit trails'),
        '404': problem('No such person, or not one the caller may see'),
        '422': problem('A limit that is not 1 to 100 (`validation-failed`)'),
        '500': internalError,
      },
    },
  },
  {
    method: 'POST',
    path: '/verifications',
    handler: 'verifications/verify-policy',
    roles: ['clinic'],
    throttle: { rateLimit: 500, burstLimit: 1000 },
    operation: {
      operationId: 'verifyPolicy',
      summary: 'A clinic checks a policy by its number or by the identity document shown (identifiers in the body, not the URL)',
      requestBody: { required: true, content: { 'application/json': { schema: verificationRequestSchema } } },
      responses: {
        '200': { description: 'The policy, as far as care needs it', content: { 'application/json': { schema: verificationSchema } } },
        ...bodyProblems,
        '401': unauthorized,
        '403': problem('Only clinics verify, with a token naming the clinic (`forbidden`, `incomplete-token`)'),
        '404': problem('No policy for that number or document (`policy-not-found`, counted against the clinic)'),
        '429': { ...problem('Too many misses by the clinic, or too many checks of one person; retry after the Retry-After seconds'), headers: retryAfter },
        '500': internalError,
      },
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi/get-document',
    roles: 'public',
    throttle: { rateLimit: 20, burstLimit: 40 },
    operation: {
      operationId: 'getOpenApiDocument',
      summary: 'This API as an OpenAPI 3.1 document',
      responses: {
        '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: z.object({}).catchall(z.unknown()) } } },
        '500': internalError,
      },
    },
  },
] as const satisfies readonly RouteDeclaration[];

export type OperationId = (typeof routes)[number]['operation']['operationId'];

export function routeOf(operationId: OperationId): RouteDeclaration {
  return routes.find((r) => r.operation.operationId === operationId)!;
}

import { z } from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { applicationCreatedSchema, applicationRequestSchema, applicationSchema } from '../schemas/application.ts';
import { recordId } from '../schemas/common.ts';
import { policyViewSchema } from '../schemas/policy.ts';
import { problemSchema } from '../schemas/problem.ts';

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
  /** Who may call it; 'public' for no token. Enforced by the authorization layer (issue 3). */
  roles: readonly Role[] | 'public';
  operation: ZodOpenApiOperationObject;
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

export const routes = [
  {
    method: 'POST',
    path: '/applications',
    handler: 'applications/submit-application',
    roles: ['citizen', 'operator'],
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
        '201': { description: 'Filed; the temporary policy and its leaflet', content: { 'application/json': { schema: applicationCreatedSchema } } },
        '400': problem('Malformed JSON'),
        '409': problem('The same person is already insured or applying'),
        '413': problem('Body too large'),
        '415': problem('Not JSON'),
        '422': problem('Invalid fields, or the person cannot be insured'),
      },
    },
  },
  {
    method: 'GET',
    path: '/applications/{applicationId}',
    handler: 'applications/get-application',
    roles: ['citizen', 'operator', 'fund_admin'],
    operation: {
      operationId: 'getApplication',
      summary: 'Status of an application and the deadline for its number',
      requestParams: { path: z.object({ applicationId: recordId }) },
      responses: {
        '200': { description: 'The application', content: { 'application/json': { schema: applicationSchema } } },
        '404': problem('No such application'),
      },
    },
  },
  {
    method: 'GET',
    path: '/persons/{personId}/policy',
    handler: 'persons/get-policy',
    roles: ['citizen', 'operator', 'insurer', 'fund_admin'],
    operation: {
      operationId: 'getPersonPolicy',
      summary: "A person's current policy: number, status, validity, insurer, region",
      requestParams: { path: z.object({ personId: recordId }) },
      responses: {
        '200': { description: 'The current policy', content: { 'application/json': { schema: policyViewSchema } } },
        '404': problem('No such person'),
      },
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi/get-document',
    roles: 'public',
    operation: {
      operationId: 'getOpenApiDocument',
      summary: 'This API as an OpenAPI 3.1 document',
      responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: z.object({}).catchall(z.unknown()) } } } },
    },
  },
] as const satisfies readonly RouteDeclaration[];

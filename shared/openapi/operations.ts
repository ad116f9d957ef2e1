import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import type { OperationId } from '../config/routes.ts';
import { applicationCreatedSchema, applicationRequestSchema, applicationSchema } from '../schemas/application.ts';
import { auditPageSchema, personViewSchema } from '../schemas/person.ts';
import { auditQuerySchema } from '../schemas/audit-query.ts';
import { recordId } from '../schemas/identifiers.ts';
import { policyViewSchema } from '../schemas/policy.ts';
import { verificationRequestSchema, verificationSchema } from '../schemas/verification.ts';
import { badPath, bodyProblems, internalError, problem, retryAfter, unauthorized } from './responses.ts';

/**
 * What the OpenAPI document says of each operation: its parameters, body and answers, with their
 * zod schemas. The routes themselves (method, path, handler, roles) are declared once in
 * `shared/config/routes.ts`; this is only their description, loaded by the document's function
 * and the tests, never by a handler that serves a route.
 */
export const operations = {
  submitApplication: {
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
  getApplication: {
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
  getPerson: {
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
  getPersonPolicy: {
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
  getPersonAudit: {
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
  verifyPolicy: {
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
  getOpenApiDocument: {
    summary: 'This API as an OpenAPI 3.1 document',
    responses: {
      '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: z.object({}).catchall(z.unknown()) } } },
      '500': internalError,
    },
  },
} satisfies Record<OperationId, Omit<ZodOpenApiOperationObject, 'operationId'>>;

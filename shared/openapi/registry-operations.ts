import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { auditQuerySchema } from '../schemas/audit-query.ts';
import * as z from 'zod';
import { resolutionSchema, resolvedEventSchema, unmatchedPageSchema } from '../schemas/registry-events.ts';
import { bodyProblems, internalError, problem, unauthorized } from './responses.ts';

/** The civil-registry routes' operations (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

export const registryOperations = {
  getUnmatchedRegistryEvents: {
    summary: 'Civil-registry events that named nobody in the register, or two people, oldest first: kept whole for the fund to resolve',
    requestParams: { query: auditQuerySchema },
    responses: {
      '200': { description: 'A page of unmatched events', content: { 'application/json': { schema: unmatchedPageSchema } } },
      '400': problem('A cursor that is not the `next` of a previous page (`invalid-cursor`)'),
      '401': unauthorized,
      '403': problem('Only fund administrators see unmatched events'),
      '422': problem('A limit that is not 1 to 100 (`validation-failed`)'),
      '500': internalError,
    },
  },
  resolveUnmatchedRegistryEvent: {
    summary: 'Resolve an unmatched civil-registry event: apply it to the person the fund names (for a birth, the mother), by the rules it meets on arrival, or dismiss it',
    requestParams: { path: z.object({ eventId: z.string().meta({ description: "The sender's event id." }) }) },
    requestBody: { required: true, content: { 'application/json': { schema: resolutionSchema } } },
    responses: {
      '200': { description: 'Resolved: applied (or nothing to change), or dismissed; off the list', content: { 'application/json': { schema: resolvedEventSchema } } },
      ...bodyProblems,
      '401': unauthorized,
      '403': problem('Only fund administrators resolve events'),
      '404': problem('No such event waiting for the fund'),
      '409': problem('Resolved meanwhile (`already-resolved`), being resolved by another request (`resolution-in-progress`), or refused by the rules for this person (e.g. `policy-terminated`, `document-registered`, `category-excluded`): the event stays on the list'),
      '422': problem('An invalid resolution, or a person id no one in the register has (`unknown-person`)'),
      '500': internalError,
    },
  },
} satisfies Record<string, Operation>;

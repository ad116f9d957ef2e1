import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { auditQuerySchema } from '../schemas/audit-query.ts';
import { unmatchedPageSchema } from '../schemas/registry-events.ts';
import { internalError, problem, unauthorized } from './responses.ts';

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
} satisfies Record<string, Operation>;

import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { complaintPageSchema, complaintSchema, overdueCountsSchema } from '../schemas/complaints/complaint-answers.ts';
import { complaintChangeSchema, complaintQuerySchema, complaintRequestSchema, openComplaintsQuerySchema } from '../schemas/complaints/complaint-requests.ts';
import { recordId } from '../schemas/identifiers.ts';
import { badPath, bodyProblems, internalError, problem, unauthorized } from './responses.ts';

/** The complaint routes' operations (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

const personPath = z.object({ personId: recordId });
const complaint = (description: string) => ({ description, content: { 'application/json': { schema: complaintSchema } } });
const page = { description: 'A page of complaints', content: { 'application/json': { schema: complaintPageSchema } } };
const badCursor = { description: `${badPath.description}; or a cursor that is not the \`next\` of a previous page (\`invalid-cursor\`)`, content: { ...badPath.content, ...problem('').content } };
const bodyOrPath = (also = '') => ({ description: `${bodyProblems['400'].description}${also}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } });

export const complaintOperations = {
  fileComplaint: {
    summary: 'File a complaint to the person\'s insurer ("Решаем вместе"): could not get an appointment, refused free care, charged for free care; answered within 30 days (R071)',
    requestParams: {
      path: personPath,
      header: z.object({ 'idempotency-key': z.string().min(1).max(255).meta({ description: 'Required: a retry with the same key files nothing more and gets the first answer.' }) }),
    },
    requestBody: { required: true, content: { 'application/json': { schema: complaintRequestSchema } } },
    responses: {
      '201': {
        description: 'Filed and routed to the person\'s insurer (or, for a repeated Idempotency-Key, the first answer again)',
        headers: z.object({
          location: z.string().meta({ description: "The person's complaints." }),
          'idempotent-replayed': z.literal('true').optional().meta({ description: 'Present when this answers a repeated Idempotency-Key.' }),
        }),
        content: { 'application/json': { schema: complaintSchema } },
      },
      ...bodyProblems,
      '400': bodyOrPath(', or a missing or invalid Idempotency-Key (`invalid-idempotency-key`)'),
      '401': unauthorized,
      '403': problem("The caller's role may not file complaints"),
      '404': problem('No such person or policy, or not one the caller may see'),
      '409': problem('The policy is terminated: no insurer to answer (`policy-terminated`)'),
      '422': problem('Invalid fields, an incident after today (`in-future`), a clinic not in the catalogue of the person\'s region (`unknown-clinic`), or an Idempotency-Key reused with another body (`idempotency-key-reused`)'),
      '500': internalError,
    },
  },
  listPersonComplaints: {
    summary: "The person's complaints, newest first, with their status, answer and due date: for the person, the fund, and the insurer (only those routed to it)",
    requestParams: { path: personPath, query: complaintQuerySchema },
    responses: {
      '200': page,
      '400': badCursor,
      '401': unauthorized,
      '403': problem("The caller's role may not read complaints"),
      '404': problem('No such person, or not one the caller may see'),
      '422': problem('A limit that is not 1 to 100 (`validation-failed`)'),
      '500': internalError,
    },
  },
  changeComplaint: {
    summary: 'The insurer takes a complaint in hand (`in_progress`), answers it, or forwards it to another body (R072); of two racing, one applies',
    requestParams: { path: personPath.extend({ complaintId: recordId }) },
    requestBody: { required: true, content: { 'application/json': { schema: complaintChangeSchema } } },
    responses: {
      '200': complaint('The complaint as changed'),
      ...bodyProblems,
      '400': bodyOrPath(),
      '401': unauthorized,
      '403': problem('Only insurers, with a token naming the insurer'),
      '404': problem('No such complaint, or one routed to another insurer'),
      '409': problem('Closed already (`complaint-closed`), in progress already (`complaint-in-progress`), both with `complaintStatus`; or `concurrent-change`'),
      '500': internalError,
    },
  },
  listOpenComplaints: {
    summary: "The insurer's open complaints (received or in progress), oldest first: only those routed to it",
    requestParams: { query: openComplaintsQuerySchema },
    responses: {
      '200': page,
      '400': { description: 'A cursor that is not the `next` of a previous page (`invalid-cursor`)', content: problem('').content },
      '401': unauthorized,
      '403': problem('Only insurers, with a token naming the insurer'),
      '422': problem('A limit that is not 1 to 100, or a status other than `open` (`validation-failed`)'),
      '500': internalError,
    },
  },
  getComplaintCounts: {
    summary: "The fund's overview: each insurer's open and overdue complaints, per region",
    responses: {
      '200': { description: 'The counts, by insurer and region', content: { 'application/json': { schema: overdueCountsSchema } } },
      '401': unauthorized,
      '403': problem('Only the fund'),
      '500': internalError,
    },
  },
} satisfies Record<string, Operation>;

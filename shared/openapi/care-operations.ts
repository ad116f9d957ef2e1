import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { auditQuerySchema } from '../schemas/audit-query.ts';
import { careBatchResultSchema, careEventSchema, careHistoryPageSchema } from '../schemas/care.ts';
import { careBatchSchema, careEventRequestSchema } from '../schemas/care-requests.ts';
import { recordId } from '../schemas/identifiers.ts';
import { badPath, bodyProblems, internalError, problem, unauthorized } from './responses.ts';

/** The care history's operations (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

const personPath = z.object({ personId: recordId });
const careEvent = (description: string) => ({ description, content: { 'application/json': { schema: careEventSchema } } });
const insurersOnly = problem("Only insurers report care, with a token naming the insurer (`forbidden`, `incomplete-token`)");

export const careOperations = {
  recordCareEvent: {
    summary: "An insurer reports one of its insured's requests for medical help: coded facts only, idempotent by the insurer's own event id",
    requestParams: { path: personPath },
    requestBody: { required: true, content: { 'application/json': { schema: careEventRequestSchema } } },
    responses: {
      '201': careEvent('Recorded, stamped with the caller as the insurer of that day'),
      '200': careEvent('Recorded before: a repeat with the same event id and facts answers the same'),
      ...bodyProblems,
      '400': { description: `${bodyProblems['400'].description}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } },
      '401': unauthorized,
      '403': insurersOnly,
      '404': problem('No such person, or not insured by the caller'),
      '409': problem('The event id was reported before with other facts (`care-event-id-reused`), or the date is before the caller insures the person (`care-before-insurer`): that is the previous insurer\'s'),
      '422': problem('Invalid fields: a date after today or before the birth (`in-the-future`, `before-birth`), a clinic not in its region\'s catalogue (`unknown-clinic`), a diagnosis group that is not an ICD-10 category or block (`validation-failed`)'),
      '500': internalError,
    },
  },
  recordCareEvents: {
    summary: "An insurer reports a day's file of care events for any of its insured: each event is made, replayed or refused on its own",
    requestBody: { required: true, content: { 'application/json': { schema: careBatchSchema } } },
    responses: {
      '200': { description: "Each event's result in order (partial success is success); a retry makes only what is missing", content: { 'application/json': { schema: careBatchResultSchema } } },
      ...bodyProblems,
      '401': unauthorized,
      '403': insurersOnly,
      '422': problem('No `events`, not an array, or more than `CARE_BATCH_MAX_EVENTS` (`too-many-events`); a bad event is refused in its own result, not here'),
      '500': internalError,
    },
  },
  getPersonCareHistory: {
    summary: "The person's requests for medical help, newest first: the person (and a parent) and the fund see all; an insurer those it reported, also after the person moved on",
    requestParams: { path: personPath, query: auditQuerySchema },
    responses: {
      '200': { description: 'A page of care events', content: { 'application/json': { schema: careHistoryPageSchema } } },
      '400': { description: `${badPath.description}; or a cursor that is not the \`next\` of a previous page (\`invalid-cursor\`)`, content: { ...badPath.content, ...problem('').content } },
      '401': unauthorized,
      '403': problem("The caller's role may not read care histories (operators and clinics do not), or a token without its role's scope (`incomplete-token`)"),
      '404': problem('No such person, or not one the caller may see (an insurer: neither its insured nor any event of its own there)'),
      '422': problem('A limit that is not 1 to 100 (`validation-failed`)'),
      '500': internalError,
    },
  },
} satisfies Record<string, Operation>;

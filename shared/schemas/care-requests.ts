import * as z from 'zod/mini';
import { CARE_KINDS, diagnosisGroupProblem } from '../domain/care/care-rules.ts';
import { calendarDate } from './calendar-date.ts';
import { recordId } from './identifiers.ts';
import './zod-messages.ts';

/**
 * The bodies insurers report care with, with zod's light entry point (see `identifiers.ts`): coded
 * fields only, none of them free text, so that no diagnosis in words and no personal data can get in.
 */
const careFacts = {
  eventId: z
    .string()
    .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'Expected the insurer\'s own event id: 1 to 64 letters, digits, `.`, `_`, `:`, `-`.'))
    .register(z.globalRegistry, { description: "The insurer's own id of the event: a repeat with the same id and facts answers the same; with other facts it is refused (`care-event-id-reused`).", example: 'SOGAZ-2026-000123' }),
  date: calendarDate({ description: "The day of the care: not after today in the person's region, not before their birth.", example: '2026-11-20' }),
  clinicCode: z
    .string()
    .check(z.regex(/^\d{6}$/, 'Expected the clinic code of the catalogue (six digits).'))
    .register(z.globalRegistry, { description: 'The clinic (`GET /catalogues/clinics?region=`; its first two digits name its region, wherever the person is insured).', example: '770101' }),
  kind: z.enum(CARE_KINDS).register(z.globalRegistry, { description: 'The kind of care, from the federal program of free care.' }),
  diagnosisGroup: z
    .string()
    .check(z.refine((g) => diagnosisGroupProblem(g) === undefined, 'Expected an ICD-10 category (`J45`) or block (`J00-J06`).'))
    .register(z.globalRegistry, { description: 'ICD-10 category or block, coded: never a full diagnosis or words.', example: 'J00-J06' }),
};

export const careEventRequestSchema = z.strictObject(careFacts).register(z.globalRegistry, { id: 'CareEventRequest' });
export type CareEventRequest = z.infer<typeof careEventRequestSchema>;

export const careBatchItemSchema = z.strictObject({ personId: recordId, ...careFacts }).register(z.globalRegistry, { id: 'CareBatchItem' });
export type CareBatchItem = z.infer<typeof careBatchItemSchema>;

/** The batch as documented: each item is checked on its own (a bad one is refused alone), so the handler reads `careBatchEnvelope`. */
export const careBatchSchema = z
  .strictObject({ events: z.array(careBatchItemSchema).check(z.minLength(1)).register(z.globalRegistry, { description: 'A day\'s file: at most `CARE_BATCH_MAX_EVENTS` (100 by default) events, of any of the insurer\'s insured.' }) })
  .register(z.globalRegistry, { id: 'CareBatch' });

export const careBatchEnvelope = z.strictObject({ events: z.array(z.unknown()).check(z.minLength(1)) });

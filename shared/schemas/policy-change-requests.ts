import * as z from 'zod/mini';
import { regionCodes } from '../catalogues/regions.ts';
import { calendarDate } from './calendar-date.ts';
import { SUSPENSION_REASONS, TERMINATION_REASONS } from '../store/records.ts';
import { presentedDocumentSchema } from './presented-document.ts';
import './zod-messages.ts';

/** The small bodies of the changes to a person's policy and of a PIN check, with zod's light entry point (see `identifiers.ts`). */
const date = calendarDate({ example: '2027-11-30' });

export const suspensionRequestSchema = z
  .strictObject({
    reason: z.enum(SUSPENSION_REASONS),
    endsOn: z.optional(date).register(z.globalRegistry, { description: 'Insurance resumes by itself on this day (e.g. the end of military service).' }),
  })
  .register(z.globalRegistry, { id: 'SuspensionRequest' });

export const terminationRequestSchema = z
  .strictObject({
    reason: z.enum(TERMINATION_REASONS).register(z.globalRegistry, { description: '`death` (П022), or the loss of the right to insurance.' }),
  })
  .register(z.globalRegistry, { id: 'TerminationRequest' });

export const regionChangeSchema = z
  .strictObject({
    region: z.enum(regionCodes).register(z.globalRegistry, { description: 'The region the person moves to.' }),
    insurerId: z
      .optional(z.string().check(z.minLength(1), z.maxLength(64)))
      .register(z.globalRegistry, { description: 'An insurer of the new region; by default the current one if it works there, else the fund assigns one.' }),
  })
  .register(z.globalRegistry, { id: 'RegionChange' });

export const pinIssueSchema = z
  .strictObject({
    document: presentedDocumentSchema.register(z.globalRegistry, {
      description: "The identity document the office checked: one the register holds for the person, or for the child's representative.",
    }),
  })
  .register(z.globalRegistry, { id: 'PinIssue', example: { document: { type: 14, series: '4512', number: '123456' } } });

export const pinCheckSchema = z.strictObject({ pin: z.string().check(z.maxLength(64)) }).register(z.globalRegistry, { id: 'PinCheck' });

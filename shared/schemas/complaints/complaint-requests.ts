import * as z from 'zod/mini';
import { COMPLAINT_KINDS, COMPLAINT_TEXT_MAX, FORWARD_BODIES } from '../../domain/complaints/complaint-rules.ts';
import { calendarDate } from '../calendar-date.ts';
import '../zod-messages.ts';

/** The small bodies and queries of complaints, with zod's light entry point (see `../identifiers.ts`). */
const text = (description: string) =>
  z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(COMPLAINT_TEXT_MAX))
    .register(z.globalRegistry, { description: `${description} (1 to ${COMPLAINT_TEXT_MAX} characters). Personal data: shown to the person, the insurer and the fund only, never logged.` });

export const complaintRequestSchema = z
  .strictObject({
    kind: z.enum(COMPLAINT_KINDS).register(z.globalRegistry, { description: 'Could not get an appointment, refused free care, charged for free care, or another matter.' }),
    clinicCode: z
      .string()
      .check(z.regex(/^\d{6}$/, 'Expected the clinic code of the catalogue (six digits).'))
      .register(z.globalRegistry, { description: "The clinic it is about: one of the person's region (`GET /catalogues/clinics?region=`).", example: '770101' }),
    incidentOn: calendarDate({ description: 'The day it happened; not after today in the region.', example: '2026-11-20' }),
    text: text('What happened'),
  })
  .register(z.globalRegistry, { id: 'ComplaintRequest' });
export type ComplaintRequest = z.infer<typeof complaintRequestSchema>;

export const complaintChangeSchema = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('in_progress') }),
    z.strictObject({ status: z.literal('answered'), answer: text('The answer to the person') }),
    z.strictObject({
      status: z.literal('forwarded'),
      forwardedTo: z.enum(FORWARD_BODIES).register(z.globalRegistry, { description: 'The body it was sent on to, e.g. the territorial fund or Roszdravnadzor.' }),
      answer: text('What the person is told'),
    }),
  ])
  .register(z.globalRegistry, { id: 'ComplaintChange' });

/** The query of a page of complaints. */
export const complaintQuerySchema = z.object({
  limit: z
    .optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)))
    .register(z.globalRegistry, { description: 'Page size, 50 by default.' }),
  cursor: z
    .optional(z.string().check(z.maxLength(600)))
    .register(z.globalRegistry, { description: 'The `next` of the previous page, unchanged (opaque, URL-safe).' }),
});

/** The insurer's worklist: its open complaints (the only status listed so far). */
export const openComplaintsQuerySchema = z.object({
  ...complaintQuerySchema.shape,
  status: z.optional(z.literal('open')).register(z.globalRegistry, { description: 'Only `open` (received or in progress), the default.' }),
});

import * as z from 'zod';
import { POLICY_STATUSES, SUSPENSION_REASONS, TERMINATION_REASONS } from '../store/records.ts';
import { enpNumber, isoDate, recordId } from './common.ts';

export const policyStatus = z.enum(POLICY_STATUSES).meta({
  description: 'As of today in the policy\'s region: a bounded policy past its last day reads `expired` at once. `replaced`: a temporary policy the e-policy took over.',
});
export const policyInsurer = z
  .object({ id: z.string(), name: z.string(), ogrn: z.string().optional(), phone: z.string(), site: z.string().optional(), address: z.string().optional() })
  .meta({ description: 'The insurer and its contacts, as the fund\'s catalogue says today.' });
export const policyRegion = z.object({ code: z.string(), name: z.string() });

export const suspensionSchema = z
  .object({
    reason: z.enum(SUSPENSION_REASONS),
    from: isoDate,
    endsOn: isoDate.optional().meta({ description: 'Insurance resumes by itself on this day.' }),
  })
  .meta({ id: 'Suspension' });

export const policyViewSchema = z
  .object({
    personId: recordId,
    enp: z.nullable(enpNumber).meta({ description: 'Null until the number is assigned (within one working day).' }),
    form: z.enum(['В', 'П', 'Э', 'К']),
    status: policyStatus,
    validFrom: isoDate,
    validTo: isoDate.nullable().meta({ description: 'Null for no end.' }),
    insurer: policyInsurer,
    region: policyRegion,
    suspension: suspensionSchema.optional(),
    termination: z.object({ reason: z.enum(TERMINATION_REASONS), on: isoDate }).optional(),
  })
  .meta({ id: 'Policy' });
export type PolicyView = z.infer<typeof policyViewSchema>;

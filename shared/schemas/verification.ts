import * as z from 'zod';
import { enpNumber, isoDate } from './common.ts';
import { policyInsurer, policyRegion, policyStatus } from './policy.ts';
import { CARE_STATES } from '../domain/verification/care-today.ts';

export { verificationRequestSchema, type VerificationRequest } from './verification-request.ts';

/** A policy's facts: number, form, status, validity, insurer and region. */
export const policyFactsSchema = z.object({
  enp: z.nullable(enpNumber),
  form: z.enum(['В', 'П', 'Э', 'К']),
  status: policyStatus,
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  insurer: policyInsurer,
  region: policyRegion,
});
export type PolicyFacts = z.infer<typeof policyFactsSchema>;

/** Just what a clinic needs to give care under ОМС: nothing about the person beyond the policy. */
export const verificationSchema = policyFactsSchema
  .extend({
    state: z.enum(CARE_STATES).meta({ description: '`active` (the e-policy or a paper one), `temporary` (the temporary policy), `suspended`, `terminated` or `expired`.' }),
    careToday: z.boolean().meta({ description: 'Whether care under ОМС is given on this policy today (active or temporary).' }),
    terminatedOn: isoDate.optional().meta({ description: 'A terminated policy: the day it ended.' }),
    barcode: z
      .object({
        structure: z.union([z.literal(1), z.literal(2)]).meta({ description: 'The payload\'s structure type: 02 today, 01 on old paper policies.' }),
        signedBy: z.enum(['register', 'other']).meta({ description: '`register`: signed with one of the register\'s keys (`kid`); `other`: someone else\'s signature (the fund\'s, on a paper policy), not checkable here: the payload\'s name, sex and birth date were found to be the register\'s for that ЕНП.' }),
        kid: z.number().int().optional(),
      })
      .optional()
      .meta({ description: 'For a check by scanned barcode: what the barcode was.' }),
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof verificationSchema>;

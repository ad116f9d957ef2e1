import * as z from 'zod';
import { enpNumber, isoDate } from './common.ts';
import { policyInsurer, policyRegion, policyStatus } from './policy.ts';

export { verificationRequestSchema, type VerificationRequest } from './verification-request.ts';

/** Just what a clinic needs to give care under ОМС: nothing about the person beyond the policy. */
export const verificationSchema = z
  .object({
    enp: z.nullable(enpNumber),
    form: z.enum(['В', 'П', 'Э', 'К']),
    status: policyStatus,
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    insurer: policyInsurer,
    region: policyRegion,
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof verificationSchema>;

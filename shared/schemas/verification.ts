import * as z from 'zod';
import { enpNumber, isoDate } from './common.ts';

export { verificationRequestSchema, type VerificationRequest } from './verification-request.ts';

/** Just what a clinic needs to give care under ОМС: nothing about the person beyond the policy. */
export const verificationSchema = z
  .object({
    enp: z.nullable(enpNumber),
    form: z.enum(['В', 'П', 'Э', 'К']),
    status: z.enum(['active', 'suspended', 'ended']),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    insurer: z.object({ id: z.string(), name: z.string(), phone: z.string() }),
    region: z.object({ code: z.string(), name: z.string() }),
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof verificationSchema>;

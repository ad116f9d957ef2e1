import * as z from 'zod';
import { documentTypeCodes } from '../domain/documents.ts';
import { enpNumber, isoDate } from './common.ts';

/** A clinic asks by the policy number (from the barcode) or by the identity document shown. */
export const verificationRequestSchema = z
  .union([
    z.object({ enp: enpNumber }).strict(),
    z
      .object({
        document: z
          .object({
            type: z.union(documentTypeCodes.map((c) => z.literal(c)) as [z.ZodLiteral<14>, ...z.ZodLiteral<number>[]]),
            series: z.string().trim().max(12).optional(),
            number: z.string().trim().min(1).max(20),
          })
          .strict(),
      })
      .strict(),
  ])
  .meta({ id: 'VerificationRequest', example: { enp: '7851000840000199' } });
export type VerificationRequest = z.infer<typeof verificationRequestSchema>;

/** Just what a clinic needs to give care under ОМС: nothing about the person beyond the policy. */
export const verificationSchema = z
  .object({
    enp: enpNumber.nullable(),
    form: z.enum(['В', 'П', 'Э', 'К']),
    status: z.enum(['active', 'suspended', 'ended']),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    insurer: z.object({ id: z.string(), name: z.string(), phone: z.string() }),
    region: z.object({ code: z.string(), name: z.string() }),
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof verificationSchema>;

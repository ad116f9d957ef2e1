import * as z from 'zod/mini';
import { documentTypeCodes } from '../domain/documents.ts';
import { enpNumber } from './identifiers.ts';
import './zod-messages.ts';

/**
 * A clinic asks by the policy number (from the barcode) or by the identity document shown. Apart
 * from the answer's schema, with zod's light entry point (see `identifiers.ts`).
 */
export const verificationRequestSchema = z
  .union([
    z.strictObject({ enp: enpNumber }),
    z.strictObject({
      document: z.strictObject({
        type: z.union(documentTypeCodes.map((c) => z.literal(c)) as [z.ZodMiniLiteral<14>, ...z.ZodMiniLiteral<number>[]]),
        series: z.optional(z.string().check(z.trim(), z.maxLength(12))),
        number: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
      }),
    }),
  ])
  .register(z.globalRegistry, { id: 'VerificationRequest', example: { enp: '7851000840000199' } });
export type VerificationRequest = z.infer<typeof verificationRequestSchema>;

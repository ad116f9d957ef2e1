import * as z from 'zod/mini';
import { isValidEnp } from '../domain/enp.ts';
import { enpNumber } from './identifiers.ts';
import { presentedDocumentSchema } from './presented-document.ts';
import './zod-messages.ts';

/**
 * A clinic asks by the policy number, by the identity document shown, or by the policy's scanned
 * barcode (its 130 bytes as hex or base64). Apart from the answer's schema, with zod's light entry
 * point (see `identifiers.ts`).
 */
export const verificationRequestSchema = z
  .union([
    // A number whose check digit fails is a typo to correct, not a guess to count against the clinic.
    z.strictObject({ enp: enpNumber.check(z.refine(isValidEnp, 'The check digit (Luhn) does not match: a mistyped number.')) }),
    z.strictObject({ document: presentedDocumentSchema }),
    z.strictObject({
      // 130 bytes: 260 hex digits, 176 base64 characters; room for spaces between hex pairs.
      barcode: z.string().check(z.minLength(1), z.maxLength(400)).register(z.globalRegistry, { description: "The barcode's 130 bytes as a scanner reads them, in hex or base64." }),
    }),
  ], { error: 'Give exactly one of enp (16 digits), document ({type, series, number}) or barcode (the 130 bytes as hex or base64).' })
  .register(z.globalRegistry, { id: 'VerificationRequest', example: { enp: '7851000840000199' } });
export type VerificationRequest = z.infer<typeof verificationRequestSchema>;

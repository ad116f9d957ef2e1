import * as z from 'zod/mini';
import { documentTypeCodes } from '../domain/documents.ts';
import './zod-messages.ts';

/**
 * An identity document someone shows at a desk (a clinic's reception, an office): its type, series
 * and number, as the register holds them. With zod's light entry point (see `identifiers.ts`).
 */
export const presentedDocumentSchema = z.strictObject({
  type: z.union(documentTypeCodes.map((c) => z.literal(c)) as [z.ZodMiniLiteral<14>, ...z.ZodMiniLiteral<number>[]]),
  series: z.optional(z.string().check(z.trim(), z.maxLength(12))),
  number: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
});

import * as z from 'zod/mini';
import { documentTypeCodes, type DocumentType } from '../domain/documents.ts';
import './zod-messages.ts';

/**
 * What names an identity document, as the register holds it: its type's code in the federal
 * classifier, series and number. New schemas at each call, so that each body may describe the type
 * in its own words in the OpenAPI document (a filing, a change of details, a document shown at a desk).
 * With zod's light entry point (see `identifiers.ts`).
 */
export function documentFields() {
  return {
    type: z.union(documentTypeCodes.map((c) => z.literal(c)) as [z.ZodMiniLiteral<DocumentType>, ...z.ZodMiniLiteral<DocumentType>[]]),
    series: z.optional(z.string().check(z.trim(), z.maxLength(12))),
    number: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
  };
}

/** An identity document someone shows at a desk (a clinic's reception, an office): its type, series and number. */
export const presentedDocumentSchema = z.strictObject(documentFields());

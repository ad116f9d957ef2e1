import type { FieldError } from './problem.ts';
import { addDays, anniversary } from './dates.ts';

/** Codes of the federal ID-document classifier that the register accepts. */
export const DOCUMENT_TYPES = {
  14: { name: 'Паспорт гражданина РФ', series: /^\d{4}$/, number: /^\d{6}$/ },
  3: { name: 'Свидетельство о рождении, выданное в РФ', series: /^[IVXLC]+-[А-ЯЁ]{2}$/, number: /^\d{6}$/ },
  9: { name: 'Паспорт иностранного гражданина', series: /^.{0,8}$/, number: /^[0-9A-ZА-ЯЁ]{1,10}$/ },
  11: { name: 'Вид на жительство', series: /^.{0,10}$/, number: /^[0-9A-ZА-ЯЁ]{1,8}$/ },
  23: { name: 'Разрешение на временное проживание', series: /^.{0,10}$/, number: /^[0-9A-ZА-ЯЁ]{1,10}$/ },
  12: { name: 'Удостоверение беженца', series: /^.{0,10}$/, number: /^[0-9A-ZА-ЯЁ]{1,8}$/ },
  25: { name: 'Свидетельство о предоставлении временного убежища', series: /^[А-ЯЁ]{2}$/, number: /^\d{7}$/ },
  13: { name: 'Временное удостоверение личности гражданина РФ', series: /^.{0,10}$/, number: /^.{1,20}$/ },
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const documentTypeCodes = Object.keys(DOCUMENT_TYPES).map(Number) as DocumentType[];

export interface IdentityDocument {
  type: DocumentType;
  series?: string;
  number: string;
  issuedOn?: string;
  validUntil?: string;
}

/** Upper case, passport series without its space, so one document has one spelling. */
export function normalizeDocument(doc: IdentityDocument): IdentityDocument {
  const series = doc.series?.trim().toUpperCase();
  return {
    ...doc,
    series: doc.type === 14 ? series?.replace(/\s+/g, '') : series || undefined,
    number: doc.number.trim().toUpperCase().replace(/\s+/g, ''),
  };
}

/** The series/number masks of the classifier; `pointer` is where the document sits in the request. */
export function checkDocumentMasks(doc: IdentityDocument, pointer: string): FieldError[] {
  const mask = DOCUMENT_TYPES[doc.type];
  const errors: FieldError[] = [];
  if (!mask.series.test(doc.series ?? '')) {
    errors.push({ pointer: `${pointer}/series`, code: 'document-series-format', detail: `Series does not match the format of «${mask.name}».` });
  }
  if (!mask.number.test(doc.number)) {
    errors.push({ pointer: `${pointer}/number`, code: 'document-number-format', detail: `Number does not match the format of «${mask.name}».` });
  }
  return errors;
}

/**
 * A birth certificate identifies a citizen until 14 years and 30 days (time to get a passport);
 * a passport from 14.
 */
export function birthCertificateAccepted(birthDate: string, onDate: string): boolean {
  return onDate <= addDays(anniversary(birthDate, 14), 30);
}

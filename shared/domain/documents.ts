import type { FieldError } from './problem.ts';
import type { Script } from './text.ts';

/**
 * Where the classifier leaves series and numbers free, they are still only letters (Latin or
 * Russian), digits, spaces and hyphens: nothing that could join two fields into one (`|`) or hide.
 */
const freeSeries = (max: number) => new RegExp(`^[0-9A-ZА-ЯЁ -]{0,${max}}$`);
const freeNumber = (max: number) => new RegExp(`^[0-9A-ZА-ЯЁ-]{1,${max}}$`);
const RUSSIAN: readonly Script[] = ['cyrillic'];
const FOREIGN: readonly Script[] = ['latin', 'cyrillic'];

/**
 * Codes of the federal ID-document classifier that the register accepts, with the masks of their
 * series and numbers and the scripts a holder's name is written in: Cyrillic on documents of RF
 * citizens; Latin or Cyrillic on a foreign passport and on the documents Russia issues to foreigners.
 */
export const DOCUMENT_TYPES = {
  14: { name: 'Паспорт гражданина РФ', series: /^\d{4}$/, number: /^\d{6}$/, nameScripts: RUSSIAN },
  3: { name: 'Свидетельство о рождении, выданное в РФ', series: /^[IVXLC]+-[А-ЯЁ]{2}$/, number: /^\d{6}$/, nameScripts: RUSSIAN },
  9: { name: 'Паспорт иностранного гражданина', series: freeSeries(8), number: freeNumber(10), nameScripts: FOREIGN },
  11: { name: 'Вид на жительство', series: freeSeries(10), number: freeNumber(8), nameScripts: FOREIGN },
  23: { name: 'Разрешение на временное проживание', series: freeSeries(10), number: freeNumber(10), nameScripts: FOREIGN },
  12: { name: 'Удостоверение беженца', series: freeSeries(10), number: freeNumber(8), nameScripts: FOREIGN },
  25: { name: 'Свидетельство о предоставлении временного убежища', series: /^[А-ЯЁ]{2}$/, number: /^\d{7}$/, nameScripts: FOREIGN },
  13: { name: 'Временное удостоверение личности гражданина РФ', series: freeSeries(10), number: freeNumber(20), nameScripts: RUSSIAN },
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

/** Upper case, single spaces, passport series without its space, so one document has one spelling. */
export function normalizeDocument(doc: IdentityDocument): IdentityDocument {
  const series = doc.series?.trim().toUpperCase().replace(/\s+/g, doc.type === 14 ? '' : ' ');
  return {
    ...doc,
    series: series || undefined,
    number: doc.number.trim().toUpperCase().replace(/\s+/g, ''),
  };
}

/** One document, as the register identifies it: type, series and number (normalized first, see `normalizeDocument`). */
export function sameDocument(a: IdentityDocument, b: IdentityDocument): boolean {
  return a.type === b.type && (a.series ?? '') === (b.series ?? '') && a.number === b.number;
}

/** The scripts a name may be written in, given the documents it appears on. */
export function nameScriptsOf(documents: readonly IdentityDocument[]): Set<Script> {
  return new Set(documents.flatMap((d) => DOCUMENT_TYPES[d.type].nameScripts));
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

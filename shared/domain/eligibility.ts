import type { FieldError } from './problem.ts';
import { addDays, ageInYears, anniversary } from './dates.ts';
import type { DocumentType, IdentityDocument } from './documents.ts';
import type { Category } from './categories.ts';

export { CATEGORIES, type Category } from './categories.ts';

export interface EligibilityRules {
  /** Categories the law leaves out; configurable because its wording has changed over time. */
  excluded: readonly Category[];
}

export const DEFAULT_ELIGIBILITY: EligibilityRules = { excluded: ['highly_qualified_specialist_family'] };

/**
 * A birth certificate identifies a citizen until 14 years and 30 days (time to get a passport);
 * a passport from 14.
 */
export function birthCertificateAccepted(birthDate: string, onDate: string): boolean {
  return onDate <= addDays(anniversary(birthDate, 14), 30);
}

/** Categories whose right ends with the term of stay, permit or contract: they must give that date. */
const BOUNDED_BY_STAY: ReadonlySet<Category> = new Set([
  'foreign_temporary',
  'stateless_temporary',
  'refugee',
  'highly_qualified_specialist',
  'highly_qualified_specialist_family',
  'eaeu_worker',
]);

export interface Applicant {
  category: Category;
  birthDate: string;
  snils?: string;
  documents: IdentityDocument[];
  hasRepresentative: boolean;
  /** The end of the right to stay: permit, registration term, refugee term or labour contract. */
  stayUntil?: string;
}

export interface Refusal {
  code: 'category-excluded' | 'stay-ended';
  detail: string;
  pointer: string;
}

/** Whether the person may be insured at all on `onDate`; undefined when they may. */
export function eligibilityRefusal(a: Applicant, onDate: string, rules: EligibilityRules): Refusal | undefined {
  if (rules.excluded.includes(a.category)) {
    return { code: 'category-excluded', pointer: '/category', detail: `Persons of category «${a.category}» are not insured under ОМС.` };
  }
  if (a.stayUntil !== undefined && a.stayUntil < onDate) {
    return { code: 'stay-ended', pointer: '/stayUntil', detail: 'The right to stay in the Russian Federation has already ended.' };
  }
  return undefined;
}

/**
 * The last day the person's right to insurance lasts, or null for no end (citizens and permanent
 * residents). An EAEU worker's right ends with the labour contract, whose end date the application
 * must give like any other bounded term (no silent default).
 */
export function coverageEnd(a: Pick<Applicant, 'category' | 'stayUntil'>): string | null {
  return BOUNDED_BY_STAY.has(a.category) ? (a.stayUntil ?? null) : null;
}

interface Requirement {
  anyOf: DocumentType[];
  label: string;
}

function requiredDocuments(a: Applicant, onDate: string): Requirement[] {
  const foreignId: Requirement = { anyOf: [9], label: 'паспорт иностранного гражданина или иной документ, удостоверяющий личность' };
  const permanentPermit: Requirement = { anyOf: [11], label: 'вид на жительство' };
  const temporaryPermit: Requirement = { anyOf: [23], label: 'разрешение на временное проживание' };
  switch (a.category) {
    case 'citizen': {
      const age = ageInYears(a.birthDate, onDate);
      if (age < 14) return [{ anyOf: [3], label: 'свидетельство о рождении' }];
      if (birthCertificateAccepted(a.birthDate, onDate)) return [{ anyOf: [14, 13, 3], label: 'паспорт гражданина РФ или свидетельство о рождении' }];
      return [{ anyOf: [14, 13], label: 'паспорт гражданина РФ' }];
    }
    case 'foreign_permanent':
    case 'stateless_permanent':
      return [foreignId, permanentPermit];
    case 'foreign_temporary':
    case 'stateless_temporary':
      return [foreignId, temporaryPermit];
    case 'refugee':
      return [{ anyOf: [12, 25], label: 'удостоверение беженца или свидетельство о предоставлении временного убежища' }];
    case 'eaeu_worker':
    case 'highly_qualified_specialist':
    case 'highly_qualified_specialist_family':
      return [foreignId];
  }
}

/** The documents each category and age must present (shared/domain/README.md §2). */
export function documentErrors(a: Applicant, onDate: string): FieldError[] {
  const errors: FieldError[] = [];
  const required = requiredDocuments(a, onDate);
  const allowed = new Set(required.flatMap((r) => r.anyOf));
  const seen = new Set<DocumentType>();
  a.documents.forEach((doc, i) => {
    if (!allowed.has(doc.type)) {
      errors.push({ pointer: `/documents/${i}/type`, code: 'document-not-accepted', detail: `Document type ${doc.type} does not identify a person of this category and age.` });
    } else if (seen.has(doc.type)) {
      errors.push({ pointer: `/documents/${i}/type`, code: 'document-repeated', detail: `Only one document of type ${doc.type} may be given.` });
    }
    seen.add(doc.type);
  });
  for (const r of required) {
    const present = r.anyOf.filter((t) => seen.has(t));
    if (present.length === 0) {
      errors.push({ pointer: '/documents', code: 'document-required', detail: `Required: ${r.label}.` });
    } else if (present.length > 1) {
      errors.push({ pointer: '/documents', code: 'document-ambiguous', detail: `Give only one of: ${r.label}.` });
    }
  }
  const age = ageInYears(a.birthDate, onDate);
  if (a.category === 'citizen' && age >= 14 && !a.snils) {
    errors.push({ pointer: '/person/snils', code: 'snils-required', detail: 'A citizen aged 14 or over must give a SNILS.' });
  }
  if (age < 18 && !a.hasRepresentative) {
    errors.push({ pointer: '/representative', code: 'representative-required', detail: "A minor's application carries a parent's or representative's document." });
  }
  if (BOUNDED_BY_STAY.has(a.category) && !a.stayUntil) {
    const what = a.category === 'eaeu_worker' ? 'the labour contract ends' : 'the right to stay (permit, registration, refugee term) ends';
    errors.push({ pointer: '/stayUntil', code: 'stay-until-required', detail: `Give the date ${what}.` });
  }
  return errors;
}

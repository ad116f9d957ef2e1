import type { InsurerEntry } from '../catalogues/catalogue-documents.ts';
import { insurerWorking, worksOn } from '../catalogues/insurers.ts';
import { checkDocumentMasks, nameScriptsOf, normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { documentErrors, eligibilityRefusal } from '../domain/eligibility.ts';
import { Problem, type FieldError } from '../domain/problem.ts';
import { parseSnils } from '../domain/snils.ts';
import { nameErrors } from '../domain/names.ts';
import type { ApplicationRequest } from '../schemas/application-request.ts';
import type { Dependencies } from './dependencies.ts';

const REPRESENTATIVE_DOCUMENTS = new Set([14, 13, 9]);

interface Checked {
  snils?: string;
  documents: IdentityDocument[];
  representativeDocument?: IdentityDocument;
  insurerId?: string;
}

/** The domain's rules on an application that already has the right shape (zod). */
export function checkApplication(req: ApplicationRequest, today: string, deps: Pick<Dependencies, 'settings'>, insurers: readonly InsurerEntry[]): Checked {
  const errors: FieldError[] = [];
  const { person } = req;
  if (person.birthDate > today) errors.push({ pointer: '/person/birthDate', code: 'birth-date-in-future', detail: 'Birth date is later than today.' });
  if (person.birthDate < '1900-01-01') errors.push({ pointer: '/person/birthDate', code: 'birth-date-too-early', detail: 'Birth date is before 1900.' });

  let snils: string | undefined;
  if (person.snils) {
    const parsed = parseSnils(person.snils);
    if (parsed.ok) snils = parsed.value;
    else errors.push({ pointer: '/person/snils', code: parsed.error, detail: parsed.error === 'snils-format' ? 'SNILS is 11 digits, XXX-XXX-XXX YY.' : 'SNILS check number does not match.' });
  }

  const documents = req.documents.map((d) => normalizeDocument(d as IdentityDocument));
  documents.forEach((d, i) => errors.push(...checkDocumentMasks(d, `/documents/${i}`)));

  let representativeDocument: IdentityDocument | undefined;
  if (req.representative) {
    representativeDocument = normalizeDocument(req.representative.document as IdentityDocument);
    if (!REPRESENTATIVE_DOCUMENTS.has(representativeDocument.type)) {
      errors.push({ pointer: '/representative/document/type', code: 'document-not-accepted', detail: "A representative shows a passport (14), a temporary identity card (13) or a foreign passport (9)." });
    } else {
      errors.push(...checkDocumentMasks(representativeDocument, '/representative/document'));
    }
  }

  errors.push(...nameErrors(person, '/person', nameScriptsOf(documents)));
  if (req.representative && representativeDocument) {
    errors.push(...nameErrors(req.representative, '/representative', nameScriptsOf([representativeDocument])));
  }

  if (!insurers.some((i) => worksOn(i, today))) {
    errors.push({ pointer: '/region', code: 'no-insurer-in-region', detail: "No insurer works in this region today: the fund's catalogue lists none." });
  } else if (req.insurerId && !insurerWorking(insurers, req.insurerId, today)) {
    errors.push({ pointer: '/insurerId', code: 'insurer-not-in-region', detail: 'This insurer does not work in the chosen region.' });
  }

  const applicant = {
    category: req.category,
    birthDate: person.birthDate,
    snils,
    documents,
    hasRepresentative: Boolean(req.representative),
    stayUntil: req.stayUntil,
  };
  if (errors.length === 0) errors.push(...documentErrors(applicant, today));
  if (errors.length > 0) throw Problem.invalid(errors);

  const refusal = eligibilityRefusal(applicant, today, deps.settings.intake.eligibility);
  if (refusal) {
    throw new Problem({
      status: 422,
      code: 'not-eligible',
      title: 'The person cannot be insured',
      detail: refusal.detail,
      errors: [{ pointer: refusal.pointer, code: refusal.code, detail: refusal.detail }],
    });
  }
  return { snils, documents, representativeDocument, insurerId: req.insurerId };
}


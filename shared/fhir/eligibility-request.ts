import * as z from 'zod/mini';
import { isValidEnp } from '../domain/enp.ts';
import { checkDocumentMasks, documentTypeCodes, normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { Problem, type FieldError } from '../domain/problem.ts';
import { pointerOf, zodErrors } from '../http/request.ts';
import { enpNumber } from '../schemas/identifiers.ts';
import type { VerificationRequest } from '../schemas/verification-request.ts';
import '../schemas/zod-messages.ts';
import type { EligibilityRequestEcho } from './eligibility-response.ts';
import { SYSTEMS } from './systems.ts';

/**
 * Only what the register reads of a CoverageEligibilityRequest. Objects are not strict: a FHIR
 * resource carries much the register has no use for (text, extensions, servicedDate...), and it
 * passes over all of that. No barcode payload is read here: FHIR has no element for one, and the
 * payload carries the holder's name, sex and birth date; a clinic that scanned one sends its ЕНП
 * (bytes 2–9), or the payload itself to the register's own JSON form (`{"barcode": ...}`).
 */
const identifier = z.object({
  system: z.optional(z.string()),
  value: z.optional(z.string()),
  type: z.optional(z.object({ coding: z.optional(z.array(z.object({ system: z.optional(z.string()), code: z.optional(z.string()) }))) })),
});
const reference = z.object({ reference: z.optional(z.string()), identifier: z.optional(identifier) });
const PURPOSES = ['auth-requirements', 'benefits', 'discovery', 'validation'] as const;

const requestSchema = z.object({
  resourceType: z.literal('CoverageEligibilityRequest'),
  id: z.optional(z.string().check(z.regex(/^[A-Za-z0-9\-.]{1,64}$/, 'Expected a FHIR id.'))),
  identifier: z.optional(z.array(identifier)),
  status: z.literal('active', 'Only an active request is answered.'),
  purpose: z.array(z.enum(PURPOSES)).check(z.refine((p) => p.includes('validation'), 'The register answers validation: purpose must include it.')),
  patient: reference,
  contained: z.optional(z.array(z.object({ resourceType: z.string(), id: z.optional(z.string()), identifier: z.optional(z.array(identifier)) }))),
  insurance: z.optional(z.array(z.object({ coverage: reference }))),
});
type FhirRequest = z.infer<typeof requestSchema>;
type FhirIdentifier = z.infer<typeof identifier>;
type FhirReference = z.infer<typeof reference>;

/** The request as the register reads it, and what its answer echoes of it. */
export interface ParsedEligibilityRequest {
  verification: VerificationRequest;
  request: EligibilityRequestEcho;
}

/** An identifier with where it sits in the body. */
interface Found {
  identifier: FhirIdentifier;
  pointer: string;
}

/**
 * The identifiers a reference leads to: its own (a logical reference), and those of the
 * contained resource of `resourceType` it points at (`#id`). A reference to anything outside the
 * body is not followed: the register fetches nothing.
 */
function identifiersOf(body: FhirRequest, ref: FhirReference, path: (string | number)[], resourceType: string, errors: FieldError[]): Found[] {
  const found: Found[] = ref.identifier ? [{ identifier: ref.identifier, pointer: pointerOf([...path, 'identifier']) }] : [];
  if (!ref.reference?.startsWith('#')) return found;
  const at = (body.contained ?? []).findIndex((c) => c.id !== undefined && `#${c.id}` === ref.reference);
  const target = body.contained?.[at];
  if (!target || target.resourceType !== resourceType) {
    errors.push({ pointer: pointerOf([...path, 'reference']), code: 'unresolved-reference', detail: `Expected a reference to a contained ${resourceType}.` });
    return found;
  }
  return [...found, ...(target.identifier ?? []).map((identifier, i) => ({ identifier, pointer: pointerOf(['contained', at, 'identifier', i]) }))];
}

/** The document an identity-document identifier names: type by its F011 code, value "series number". */
function documentOf({ identifier, pointer }: Found, errors: FieldError[]): IdentityDocument | undefined {
  const code = identifier.type?.coding?.find((c) => c.system === SYSTEMS.documentType)?.code;
  const type = documentTypeCodes.find((t) => String(t) === code);
  if (type === undefined) {
    const detail = `Code the document's type under ${SYSTEMS.documentType}: one of ${documentTypeCodes.join(', ')}.`;
    errors.push({ pointer: `${pointer}/type`, code: code === undefined ? 'required' : 'invalid', detail });
    return undefined;
  }
  // The number never holds a space (the masks allow none): everything before the last one is the series.
  const value = (identifier.value ?? '').trim();
  const split = value.lastIndexOf(' ');
  const series = split < 0 ? undefined : value.slice(0, split).trim();
  const number = value.slice(split + 1);
  if (!number || number.length > 20 || (series?.length ?? 0) > 12) {
    errors.push({ pointer: `${pointer}/value`, code: number ? 'invalid' : 'required', detail: 'Give the document as "series number" (the series, if any, up to 12 characters; the number up to 20).' });
    return undefined;
  }
  const document = normalizeDocument({ type, ...(series ? { series } : {}), number });
  // Checked here, where the pointer can name the field of the FHIR body the mistake is in.
  const malformed = checkDocumentMasks(document, pointer).map((e) => ({ ...e, pointer: `${pointer}/value` }));
  errors.push(...malformed);
  return malformed.length > 0 ? undefined : document;
}

const withSystem = (found: Found[], system: string) => found.filter((f) => f.identifier.system === system);

/**
 * Reads a CoverageEligibilityRequest (JSON already parsed) as the register's verification
 * request. The ЕНП is taken from the identifiers under its system on the insured coverage (a
 * contained Coverage or a logical reference) or on the patient (a contained Patient or a logical
 * reference); without one, the patient's single identity document. Any mistake is a 422 whose
 * pointers name the field of the FHIR body.
 */
export function parseEligibilityRequest(body: unknown): ParsedEligibilityRequest {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) throw Problem.invalid(zodErrors(parsed.error, body));
  const request = parsed.data;
  const errors: FieldError[] = [];
  // A reference names a contained resource by its id: two with one id would make it name either.
  const ids = new Set<string>();
  (request.contained ?? []).forEach((c, i) => {
    if (c.id === undefined) return;
    if (ids.has(c.id)) errors.push({ pointer: `/contained/${i}/id`, code: 'duplicate-id', detail: 'Another contained resource has this id.' });
    ids.add(c.id);
  });
  const onCoverage = (request.insurance ?? []).flatMap((ins, i) => identifiersOf(request, ins.coverage, ['insurance', i, 'coverage'], 'Coverage', errors));
  const onPatient = identifiersOf(request, request.patient, ['patient'], 'Patient', errors);
  const enps = withSystem([...onCoverage, ...onPatient], SYSTEMS.enp);
  for (const { identifier, pointer } of enps) {
    if (!enpNumber.safeParse(identifier.value).success) errors.push({ pointer: `${pointer}/value`, code: 'invalid', detail: 'An ЕНП is 16 digits.' });
    // A typo, not a guess to count against the clinic: as in the register's own JSON.
    else if (!isValidEnp(identifier.value!)) errors.push({ pointer: `${pointer}/value`, code: 'invalid', detail: 'The check digit (Luhn) does not match: a mistyped number.' });
  }
  const documents = enps.length > 0 ? [] : withSystem(onPatient, SYSTEMS.identityDocument);
  const read = documents.map((d) => documentOf(d, errors));
  if (errors.length > 0) throw Problem.invalid(errors);
  const values = [...new Set(enps.map((e) => e.identifier.value!))];
  if (values.length > 1) {
    const second = enps.find((e) => e.identifier.value !== values[0])!;
    throw Problem.invalid([{ pointer: `${second.pointer}/value`, code: 'ambiguous-identifier', detail: 'The request names two different ЕНП.' }]);
  }
  if (documents.length > 1) {
    throw Problem.invalid([{ pointer: documents[1]!.pointer, code: 'ambiguous-identifier', detail: 'Give one identity document, or the ЕНП.' }]);
  }
  const echo: EligibilityRequestEcho = {
    ...(request.id ? { id: request.id } : {}),
    ...(request.identifier?.[0]?.value ? { identifier: { ...(request.identifier[0].system ? { system: request.identifier[0].system } : {}), value: request.identifier[0].value } } : {}),
  };
  if (values[0]) return { verification: { enp: values[0] }, request: echo };
  const document = read[0];
  if (document) return { verification: { document: { type: document.type, ...(document.series ? { series: document.series } : {}), number: document.number } }, request: echo };
  throw Problem.invalid([
    {
      pointer: '/patient',
      code: 'identifier-required',
      detail: `Name the insured by the ЕНП (an identifier under ${SYSTEMS.enp} on the coverage or the patient) or by one identity document (under ${SYSTEMS.identityDocument}).`,
    },
  ]);
}

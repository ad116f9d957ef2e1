import * as z from 'zod';
import { regionCodes } from '../catalogues/regions.ts';
import { checkDocumentMasks, normalizeDocument, type IdentityDocument } from '../domain/documents.ts';
import { parseSnils } from '../domain/snils.ts';
import { identityDocumentSchema, personFields } from './application-request.ts';
import { instant, isoDate, personName, recordId } from './common.ts';

/**
 * Events from the civil registry (ЗАГС) and the pension fund's SNILS register, as they arrive on the
 * registry-events queue. Each carries the sender's own id: a repeated delivery is recognized by it
 * and changes nothing. People are named by what the register can look up by key (ЕНП, SNILS, an
 * identity document), never by name alone.
 */
export const REGISTRY_EVENT_KINDS = ['birth', 'death', 'personal-data-changed', 'document-issued', 'snils-assigned'] as const;
export type RegistryEventKind = (typeof REGISTRY_EVENT_KINDS)[number];

const snils = z
  .string()
  .trim()
  .max(14)
  .transform((value, ctx) => {
    const parsed = parseSnils(value);
    if (parsed.ok) return parsed.value;
    ctx.issues.push({ code: 'custom', message: parsed.error === 'snils-checksum' ? 'The SNILS check number does not match.' : 'Expected a SNILS: 11 digits.', input: value });
    return z.NEVER;
  })
  .meta({ example: '112-233-445 95' });

/** A document whose series and number follow the classifier's masks, in its one spelling. */
const maskedDocument = z.pipe(identityDocumentSchema, z.transform((value, ctx) => {
  const document = normalizeDocument(value as IdentityDocument);
  for (const error of checkDocumentMasks(document, '')) ctx.issues.push({ code: 'custom', message: error.detail, input: value, path: error.pointer.split('/').filter(Boolean) });
  return document;
}));

/** Who the event is about: at least one identifier the register keys; all given must name the same person. */
export const personReferenceSchema = z
  .object({
    enp: z.string().regex(/^\d{16}$/, 'Expected an ЕНП: 16 digits.').optional().meta({ example: '7851000840000199' }),
    snils: snils.optional(),
    document: maskedDocument.optional(),
  })
  .strict()
  .refine((ref) => ref.enp !== undefined || ref.snils !== undefined || ref.document !== undefined, 'Name the person by ЕНП, SNILS or an identity document.')
  .meta({ id: 'RegistryPersonReference' });
export type PersonReference = z.infer<typeof personReferenceSchema>;

const common = {
  eventId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'Expected the sender\'s event id: 1 to 64 letters, digits, dots, colons, hyphens or underscores.')
    .meta({ description: 'The sender\'s own id of the event: a repeated delivery with the same id changes nothing.', example: 'ZAGS-77-2026-000123' }),
  /** The day the civil registry recorded the act (state registration). */
  registeredOn: isoDate,
};

const birth = z
  .object({
    ...common,
    kind: z.literal('birth'),
    child: z
      .object({
        ...personFields,
        snils: snils.optional(),
        birthCertificate: maskedDocument.refine((d) => d.type === 3, 'A birth is registered with an RF birth certificate (type 3).'),
      })
      .strict(),
    mother: personReferenceSchema,
    /** Where the child is insured; the mother's region by default. */
    region: z.enum(regionCodes).optional(),
  })
  .strict()
  .refine((e) => e.child.birthDate <= e.registeredOn, { message: 'A birth is registered on or after the day of birth.', path: ['child', 'birthDate'] });

const death = z
  .object({ ...common, kind: z.literal('death'), person: personReferenceSchema, diedOn: isoDate })
  .strict()
  .refine((e) => e.diedOn <= e.registeredOn, { message: 'A death is registered on or after the day of death.', path: ['diedOn'] });

/** A change of name (marriage, divorce, a change by choice), or a corrected birth date or sex. */
const personalDataChanged = z
  .object({
    ...common,
    kind: z.literal('personal-data-changed'),
    person: personReferenceSchema,
    lastName: personName.optional(),
    firstName: personName.optional(),
    /** null: the patronymic is removed. */
    middleName: personName.nullable().optional(),
    birthDate: isoDate.optional(),
    sex: z.enum(['male', 'female']).optional(),
  })
  .strict()
  .refine((e) => [e.lastName, e.firstName, e.middleName, e.birthDate, e.sex].some((v) => v !== undefined), 'Give at least one changed field.');

/** A new identity document replaces the person's document of the same type (a passport at 20 and 45). */
const documentIssued = z.object({ ...common, kind: z.literal('document-issued'), person: personReferenceSchema, document: maskedDocument }).strict();

const snilsAssigned = z.object({ ...common, kind: z.literal('snils-assigned'), person: personReferenceSchema, snils }).strict();

export const registryEventSchema = z.discriminatedUnion('kind', [birth, death, personalDataChanged, documentIssued, snilsAssigned]).meta({ id: 'RegistryEvent' });
export type RegistryEvent = z.infer<typeof registryEventSchema>;
export type BirthEvent = Extract<RegistryEvent, { kind: 'birth' }>;
export type DeathEvent = Extract<RegistryEvent, { kind: 'death' }>;
export type PersonalDataChangedEvent = Extract<RegistryEvent, { kind: 'personal-data-changed' }>;
export type DocumentIssuedEvent = Extract<RegistryEvent, { kind: 'document-issued' }>;
export type SnilsAssignedEvent = Extract<RegistryEvent, { kind: 'snils-assigned' }>;

/** What became of an event: the register keeps one record of it per event id. */
export const REGISTRY_OUTCOMES = ['applied', 'no-change', 'unmatched', 'ambiguous', 'refused', 'dismissed'] as const;
export type RegistryOutcome = (typeof REGISTRY_OUTCOMES)[number];

/** An event the register could not pin to one person, kept for the fund to resolve. */
export const unmatchedEventSchema = z
  .object({
    eventId: z.string(),
    kind: z.enum(REGISTRY_EVENT_KINDS),
    receivedAt: instant,
    outcome: z.enum(['unmatched', 'ambiguous']).meta({ description: '`unmatched`: nobody in the register has these identifiers; `ambiguous`: they name two people.' }),
    candidates: z.array(recordId).meta({ description: 'Ambiguous: the people the identifiers name.' }),
    event: z.record(z.string(), z.unknown()).meta({ description: 'The event as it arrived (personal data: the fund only).' }),
  })
  .meta({ id: 'UnmatchedRegistryEvent' });

export const unmatchedPageSchema = z
  .object({ items: z.array(unmatchedEventSchema), next: z.string().optional().meta({ description: 'Pass as `cursor` for the next page; absent on the last.' }) })
  .meta({ id: 'UnmatchedRegistryEvents' });

/** Why the fund dismisses an event it kept: it will not be applied to anyone. */
export const DISMISSAL_REASONS = ['duplicate', 'sender-error', 'not-insured-here'] as const;

const registerId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a register id.');

/** The fund's resolution of an unmatched event: apply it to the person it names, or dismiss it. */
export const resolutionSchema = z
  .discriminatedUnion('action', [
    z
      .object({
        action: z.literal('apply'),
        personId: registerId.meta({ description: 'The person the event is about (for a birth, the mother).' }),
      })
      .strict(),
    z.object({ action: z.literal('dismiss'), reason: z.enum(DISMISSAL_REASONS) }).strict(),
  ])
  .meta({ id: 'RegistryEventResolution' });
export type Resolution = z.infer<typeof resolutionSchema>;

export const resolvedEventSchema = z
  .object({
    eventId: z.string(),
    kind: z.enum(REGISTRY_EVENT_KINDS),
    outcome: z.enum(['applied', 'no-change', 'dismissed']),
    personId: registerId.optional(),
    code: z.string().optional(),
    resolvedAt: instant,
  })
  .meta({ id: 'ResolvedRegistryEvent' });

/** The sender's event id, as a path carries it. */
export const eventIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);

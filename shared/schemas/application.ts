import * as z from 'zod';
import { regionCodes } from '../catalogues/regions.ts';
import { documentTypeCodes } from '../domain/documents.ts';
import { CATEGORIES } from '../domain/eligibility.ts';
import { enpNumber, instant, isoDate, personName, recordId } from './common.ts';
import { policyInsurer } from './policy.ts';

export const CHANNELS = ['portal', 'mfc', 'insurer'] as const;

export const identityDocumentSchema = z
  .object({
    type: z.union(documentTypeCodes.map((c) => z.literal(c)) as [z.ZodLiteral<14>, ...z.ZodLiteral<number>[]]).meta({
      description: 'Code in the federal ID-document classifier: 14 passport, 3 birth certificate, 9 foreign passport, 11 residence permit, 23 temporary residence permit, 12 refugee certificate, 25 temporary asylum, 13 temporary identity card.',
    }),
    series: z.string().trim().max(12).optional(),
    number: z.string().trim().min(1).max(20),
    issuedOn: isoDate.optional(),
    validUntil: isoDate.optional(),
  })
  .strict()
  .meta({ id: 'IdentityDocument' });

/** A person's names, birth date, sex and place, as an application or the civil registry gives them. */
export const personFields = {
  lastName: personName,
  firstName: personName,
  middleName: personName.optional(),
  birthDate: isoDate,
  sex: z.enum(['male', 'female']),
  birthPlace: z.string().trim().max(200).optional(),
};

export const applicationRequestSchema = z
  .object({
    channel: z.enum(CHANNELS),
    region: z.enum(regionCodes, { error: 'Expected the two-digit code of a region of the register.' }).meta({ description: 'Two-digit code of the subject of the federation.', example: '77' }),
    category: z.enum(CATEGORIES),
    person: z
      .object({
        ...personFields,
        snils: z.string().trim().max(14).optional().meta({ example: '112-233-445 95' }),
      })
      .strict(),
    documents: z.array(identityDocumentSchema).min(1).max(4),
    representative: z
      .object({
        lastName: personName,
        firstName: personName,
        middleName: personName.optional(),
        relation: z.enum(['mother', 'father', 'guardian', 'other']),
        document: identityDocumentSchema,
      })
      .strict()
      .optional(),
    insurerId: z.string().max(40).optional().meta({ description: 'Chosen insurer; without one the territorial fund assigns one.' }),
    stayUntil: isoDate.optional().meta({ description: 'End of the right to stay (permit, registration, refugee term or labour contract).' }),
    contact: z
      .object({
        phone: z.string().regex(/^\+7\d{10}$/).optional(),
        email: z.email().max(254).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'ApplicationRequest', example: {
    channel: 'portal',
    region: '77',
    category: 'citizen',
    person: { lastName: 'Иванов', firstName: 'Иван', birthDate: '1990-05-14', sex: 'male', snils: '112-233-445 95' },
    documents: [{ type: 14, series: '45 12', number: '123456' }],
  } });
export type ApplicationRequest = z.infer<typeof applicationRequestSchema>;

export const APPLICATION_STATUSES = ['awaiting_number', 'number_assigned', 'completed'] as const;

export const applicationSchema = z
  .object({
    id: recordId,
    personId: recordId,
    channel: z.enum([...CHANNELS, 'registry']).meta({ description: '`registry`: a newborn registered from the civil registry, with no application.' }),
    region: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    submittedAt: instant,
    numberDueAt: instant.meta({ description: 'End of the next working day in the region.' }),
    numberAssignedAt: instant.optional(),
    enp: z.optional(enpNumber),
    completedAt: instant.optional().meta({ description: 'When the permanent e-policy replaced the temporary one.' }),
  })
  .meta({ id: 'Application' });

export const temporaryPolicySchema = z
  .object({
    id: recordId,
    form: z.literal('В').meta({ description: 'Policy form code: В temporary certificate.' }),
    status: z.enum(['active']),
    validFrom: isoDate,
    validTo: isoDate,
    insurer: policyInsurer,
    region: z.string(),
  })
  .meta({ id: 'TemporaryPolicy' });

export const leafletSchema = z
  .object({
    rulesOfUse: z.array(z.string()),
    freeCare: z.array(z.string()),
  })
  .meta({ id: 'Leaflet', description: 'Given with the temporary policy: how to use it and the care it gives free.' });

export const applicationCreatedSchema = z
  .object({ application: applicationSchema, temporaryPolicy: temporaryPolicySchema, leaflet: leafletSchema })
  .meta({ id: 'ApplicationCreated' });
export type ApplicationCreated = z.infer<typeof applicationCreatedSchema>;
export type ApplicationView = z.infer<typeof applicationSchema>;

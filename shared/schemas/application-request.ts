import * as z from 'zod/mini';
import { regionCodes } from '../catalogues/regions.ts';
import { CATEGORIES } from '../domain/eligibility.ts';
import { calendarDate } from './calendar-date.ts';
import { personName } from './person-name.ts';
import { documentFields } from './presented-document.ts';
import './zod-messages.ts';

/**
 * The body of `POST /applications`, and the identity document and personal fields the registry's
 * events share with it. With zod's light entry point (see `identifiers.ts`): the filing parses it at
 * every call, and classic zod cost its cold import about 10 ms (README, "Cold start"). The answers
 * stay in `application.ts`.
 */
export const CHANNELS = ['portal', 'mfc', 'insurer'] as const;

const date = calendarDate({ example: '2026-11-23' });

const document = documentFields();
export const identityDocumentSchema = z
  .strictObject({
    ...document,
    type: document.type.register(z.globalRegistry, {
      description: 'Code in the federal ID-document classifier: 14 passport, 3 birth certificate, 9 foreign passport, 11 residence permit, 23 temporary residence permit, 12 refugee certificate, 25 temporary asylum, 13 temporary identity card.',
    }),
    issuedOn: z.optional(date),
    validUntil: z.optional(date),
  })
  .register(z.globalRegistry, { id: 'IdentityDocument' });

/** A person's names, birth date, sex and place, as an application or the civil registry gives them. */
export const personFields = {
  lastName: personName,
  firstName: personName,
  middleName: z.optional(personName),
  birthDate: date,
  sex: z.enum(['male', 'female']),
  birthPlace: z.optional(z.string().check(z.trim(), z.maxLength(200))),
};

export const applicationRequestSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    region: z.enum(regionCodes, { error: 'Expected the two-digit code of a region of the register.' }).register(z.globalRegistry, { description: 'Two-digit code of the subject of the federation.', example: '77' }),
    category: z.enum(CATEGORIES),
    person: z.strictObject({
      ...personFields,
      snils: z.optional(z.string().check(z.trim(), z.maxLength(14))).register(z.globalRegistry, { example: '112-233-445 95' }),
    }),
    documents: z.array(identityDocumentSchema).check(z.minLength(1), z.maxLength(4)),
    representative: z.optional(
      z.strictObject({
        lastName: personName,
        firstName: personName,
        middleName: z.optional(personName),
        relation: z.enum(['mother', 'father', 'guardian', 'other']),
        document: identityDocumentSchema,
      }),
    ),
    insurerId: z.optional(z.string().check(z.maxLength(40))).register(z.globalRegistry, { description: 'Chosen insurer; without one the territorial fund assigns one.' }),
    stayUntil: z.optional(date).register(z.globalRegistry, { description: 'End of the right to stay (permit, registration, refugee term or labour contract).' }),
    contact: z.optional(
      z.strictObject({
        phone: z.optional(z.string().check(z.regex(/^\+7\d{10}$/))),
        email: z.optional(z.email().check(z.maxLength(254))),
      }),
    ),
  })
  .register(z.globalRegistry, {
    id: 'ApplicationRequest',
    example: {
      channel: 'portal',
      region: '77',
      category: 'citizen',
      person: { lastName: 'Иванов', firstName: 'Иван', birthDate: '1990-05-14', sex: 'male', snils: '112-233-445 95' },
      documents: [{ type: 14, series: '45 12', number: '123456' }],
    },
  });
export type ApplicationRequest = z.infer<typeof applicationRequestSchema>;

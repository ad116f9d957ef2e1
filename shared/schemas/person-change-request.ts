import * as z from 'zod/mini';
import { regionCodes } from '../catalogues/regions.ts';
import { calendarDate } from './calendar-date.ts';
import { personName } from './person-name.ts';
import { documentFields } from './presented-document.ts';
import { NAME_BASIS_KINDS } from '../store/records.ts';
import './zod-messages.ts';

/**
 * The body of `PATCH /persons/{personId}`: a merge patch of the person's own details (an absent
 * field stays, `null` removes an optional one), plus the PIN when the person makes the change and
 * the document that proves a change of name. Any other field is refused with its pointer. Built
 * with zod's light entry point, like the other small bodies (`policy-change-requests.ts`).
 */
const date = calendarDate({ example: '2026-11-20' });

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

const document = documentFields();
const documentSchema = z.strictObject({
  ...document,
  type: document.type.register(z.globalRegistry, {
    description: 'Code in the federal ID-document classifier (14 passport, 3 birth certificate, 9 foreign passport, ...): the person\'s document of this type is replaced, or added if they hold none.',
  }),
  issuedOn: z.optional(date),
  validUntil: z.optional(date),
});

const addressSchema = z
  .strictObject({
    region: z.enum(regionCodes).register(z.globalRegistry, { description: 'Two-digit code of the subject of the federation (not the region of insurance: that changes by `POST /persons/{personId}/region`).' }),
    locality: text(120),
    street: z.optional(text(120)),
    house: z.optional(text(20)),
    building: z.optional(text(20)),
    apartment: z.optional(text(20)),
    postalCode: z.optional(z.string().check(z.regex(/^\d{6}$/, 'Six digits.'))),
  })
  .register(z.globalRegistry, { description: 'Where the person lives: the region\'s code and locality, then what applies.' });

const nameBasisSchema = z
  .strictObject({
    kind: z.enum(NAME_BASIS_KINDS),
    series: z.optional(z.string().check(z.trim(), z.maxLength(12))),
    number: text(40),
    issuedOn: date,
  })
  .register(z.globalRegistry, { id: 'NameChangeBasis', description: 'The civil-registry certificate (marriage, divorce, change of name: series II-МЮ, six-digit number) or court decision that proves a new name.' });

export const personChangeRequestSchema = z
  .strictObject({
    pin: z.optional(z.string().check(z.maxLength(64))).register(z.globalRegistry, { description: 'The person\'s PIN (for a child, the child\'s): required from a citizen, refused from an office.' }),
    lastName: z.optional(personName),
    firstName: z.optional(personName),
    middleName: z.optional(z.nullable(personName)),
    nameChangeBasis: z.optional(nameBasisSchema),
    birthDate: z.optional(date).register(z.globalRegistry, { description: 'An office or the civil registry only. The ЕНП does not change.' }),
    sex: z.optional(z.enum(['male', 'female'])).register(z.globalRegistry, { description: 'An office or the civil registry only. The ЕНП does not change.' }),
    document: z.optional(documentSchema),
    snils: z.optional(z.string().check(z.trim(), z.maxLength(14))).register(z.globalRegistry, { description: 'An office or the civil registry only.', example: '112-233-445 95' }),
    address: z.optional(z.nullable(addressSchema)),
    contact: z.optional(
      z.nullable(
        z.strictObject({
          phone: z.optional(z.nullable(z.string().check(z.regex(/^\+7\d{10}$/, 'Expected +7 and ten digits.')))),
          email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
        }),
      ),
    ),
  })
  .register(z.globalRegistry, {
    id: 'PersonChange',
    description: 'A merge patch of the person\'s own details: an absent field stays, null removes an optional one; the document replaces the one of its type.',
    example: { pin: '123456', lastName: 'Смирнова', nameChangeBasis: { kind: 'marriage', series: 'II-МЮ', number: '654321', issuedOn: '2026-10-10' }, contact: { email: 'maria@example.ru' } },
  });
export type PersonChangeRequest = z.infer<typeof personChangeRequestSchema>;

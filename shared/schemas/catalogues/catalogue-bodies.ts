import * as z from 'zod/mini';
import { DOCTOR_KINDS } from '../../catalogues/catalogue-documents.ts';
import { calendarDate } from '../calendar-date.ts';
import '../zod-messages.ts';

/**
 * The bodies of the catalogue changes (`PUT`), each the whole document of its next version, with
 * zod's light entry point (see `identifiers.ts`): shape and bounds. The rules across entries (ids
 * listed once, codes of the region, ОГРН check digits) are `shared/domain/catalogues/`. The
 * body's size is bounded too (`CATALOGUE_BODY_BYTES`), so that a version stays far under
 * DynamoDB's 400 KB item.
 */
/** Largest body of a catalogue change: its version, stored as one item, stays at half DynamoDB's 400 KB item or less. */
export const CATALOGUE_BODY_BYTES = 200 * 1024;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const date = calendarDate({ example: '2027-12-31' });

export const insurerEntrySchema = z.strictObject({
  id: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Lower-case Latin letters, digits and hyphens, at most 40.'))
    .register(z.globalRegistry, { description: "The register's short name of the insurer, the same in every region (tokens carry it).", example: 'sogaz-med' }),
  code: z.string().check(z.regex(/^\d{5}$/, 'Five digits.')).register(z.globalRegistry, { description: "F002 `smocod`: the insurer's code in the region, beginning with its two digits.", example: '77001' }),
  name: text(250),
  shortName: text(100),
  ogrn: z.string().check(z.regex(/^\d{13}$/, 'Thirteen digits.')).register(z.globalRegistry, { description: 'ОГРН, with its check digit.', example: '1027739008440' }),
  phone: z.string().check(z.regex(/^\+?[0-9][0-9() -]{4,29}$/, 'Digits, spaces, hyphens and brackets, 5 to 30.')),
  site: z.optional(z.url({ protocol: /^https?$/, error: 'Expected an http(s) address.' }).check(z.maxLength(200))),
  address: text(300),
  contractEnd: z.nullable(date).register(z.globalRegistry, { description: "Last day of the insurer's contract with the region's fund; null while open-ended." }),
  insured: z.number().check(z.int(), z.minimum(0), z.maximum(150_000_000)).register(z.globalRegistry, { description: 'F002 `kol_zl`: how many it insures in the region (the weight of the fund\'s assignment).' }),
});

export const insurersBodySchema = z
  .strictObject({ insurers: z.array(insurerEntrySchema).check(z.minLength(1), z.maxLength(100)) })
  .register(z.globalRegistry, { id: 'InsurersCatalogue', description: "A region's insurers (F002 rows of the region); at least one, or nobody could be insured there." });

export const clinicSchema = z.strictObject({
  code: z.string().check(z.regex(/^\d{6}$/, 'Six digits.')).register(z.globalRegistry, { description: 'F003 `mcod`, beginning with the region\'s two digits.', example: '770101' }),
  name: text(300),
  shortName: text(120),
  address: text(300),
  attaches: z.array(z.enum(DOCTOR_KINDS)).check(z.maxLength(DOCTOR_KINDS.length)).register(z.globalRegistry, { description: 'The kinds of doctor the clinic attaches people to.' }),
});

export const clinicsBodySchema = z
  .strictObject({ clinics: z.array(clinicSchema).check(z.maxLength(2000)) })
  .register(z.globalRegistry, { id: 'ClinicsCatalogue', description: "A region's clinics (F003 rows of the region)." });

export const doctorSchema = z.strictObject({
  code: z.string().check(z.regex(/^[0-9A-Za-z-]{1,20}$/, 'Latin letters, digits and hyphens, 1 to 20.')).register(z.globalRegistry, { example: '770101-01' }),
  name: text(150),
  specialty: z.enum(DOCTOR_KINDS),
});

export const doctorsBodySchema = z
  .strictObject({ doctors: z.array(doctorSchema).check(z.maxLength(500)) })
  .register(z.globalRegistry, { id: 'DoctorsCatalogue', description: "A clinic's doctors that people attach to." });

const care = z.array(text(300));

export const freeCareBodySchema = z
  .strictObject({ care: care.check(z.minLength(1), z.maxLength(100)) })
  .register(z.globalRegistry, { id: 'FreeCareCatalogue', description: 'The federal base program: the care given free on presenting the policy.' });

export const regionalCareBodySchema = z
  .strictObject({ add: care.check(z.maxLength(100)), remove: care.check(z.maxLength(100)) })
  .register(z.globalRegistry, { id: 'RegionalCareChanges', description: "A region's territorial program: care it adds to the federal list, and care it leaves out." });

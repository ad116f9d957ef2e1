import * as z from 'zod/mini';
import './zod-messages.ts';

/** The bodies of the person's choices, with zod's light entry point (see `identifiers.ts`). */
export const insurerChoiceSchema = z
  .strictObject({
    insurerId: z
      .optional(z.string().check(z.minLength(1), z.maxLength(64)))
      .register(z.globalRegistry, { description: "An insurer of the person's region (`GET /catalogues/insurers?region=`); without it, the fund assigns another one (П034)." }),
  })
  .register(z.globalRegistry, { id: 'InsurerChoice' });

export const clinicChoiceSchema = z
  .strictObject({
    clinicCode: z
      .string()
      .check(z.regex(/^\d{6}$/, 'Expected the clinic code of the catalogue (six digits).'))
      .register(z.globalRegistry, { description: "A clinic of the person's region (`GET /catalogues/clinics?region=`).", example: '770101' }),
  })
  .register(z.globalRegistry, { id: 'ClinicChoice' });

export const doctorChoiceSchema = z
  .strictObject({
    doctorCode: z
      .string()
      .check(z.minLength(1), z.maxLength(32))
      .register(z.globalRegistry, { description: "A doctor of the person's clinic (`GET /catalogues/clinics/{code}/doctors`).", example: '770101-01' }),
  })
  .register(z.globalRegistry, { id: 'DoctorChoice' });

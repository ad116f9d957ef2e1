import * as z from 'zod';
import { calendarYearSchema } from '../calendar-year.ts';
import { instant } from '../common.ts';
import { clinicsBodySchema, doctorsBodySchema, freeCareBodySchema, insurersBodySchema, regionalCareBodySchema } from './catalogue-bodies.ts';

/** What the catalogue routes answer, for the OpenAPI document: a version of a document, who wrote it and when. */
const organization = z
  .object({ roles: z.array(z.string()), region: z.string().optional(), insurerId: z.string().optional(), clinicId: z.string().optional() })
  .meta({ id: 'CatalogueAuthor', description: 'Who wrote the version: the role and organization, never the person.' });

export const versionFacts = {
  version: z.number().int().min(1).meta({ description: 'Versions count from 1; a change writes the next and never rewrites one. Also the answer\'s ETag.' }),
  changedAt: instant,
  source: z.enum(['seed', 'fund']).meta({ description: '`seed`: loaded from the files the register ships; `fund`: written by the fund (which the seed never overwrites).' }),
  changedBy: organization.optional().meta({ description: 'Absent for the seed.' }),
};

const versionOf = (id: string, kind: string, scope: string, data: z.core.$ZodType) =>
  z.object({ kind: z.literal(kind), scope: z.string().meta({ description: scope }), ...versionFacts, data }).meta({ id });

export const insurersVersionSchema = versionOf('InsurersVersion', 'insurers', 'The region', insurersBodySchema);
export const clinicsVersionSchema = versionOf('ClinicsVersion', 'clinics', 'The region', clinicsBodySchema);
export const doctorsVersionSchema = versionOf('DoctorsVersion', 'doctors', 'The clinic', doctorsBodySchema);
export const freeCareVersionSchema = versionOf('FreeCareVersion', 'free-care', '`RU`: the federal list', freeCareBodySchema);
export const regionalCareVersionSchema = versionOf('RegionalCareVersion', 'regional-care', 'The region', regionalCareBodySchema);
export const calendarVersionSchema = versionOf('CalendarYearVersion', 'calendar', 'The year', calendarYearSchema);

export const freeCareViewSchema = z
  .object({
    region: z.string().nullable(),
    care: z.array(z.string()).meta({ description: "The care given free on presenting the policy: the federal list, less the region's removals, with its additions." }),
    federal: z.object(versionFacts),
    regional: z
      .object({ ...versionFacts, add: z.array(z.string()), remove: z.array(z.string()) })
      .nullable()
      .meta({ description: "The region's additions and removals it came from; null without a region, or while the region has none." }),
  })
  .meta({ id: 'FreeCare' });

import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { calendarYearSchema } from '../schemas/calendar-year.ts';
import {
  calendarVersionSchema,
  clinicsVersionSchema,
  doctorsVersionSchema,
  freeCareVersionSchema,
  freeCareViewSchema,
  insurersVersionSchema,
  regionalCareVersionSchema,
} from '../schemas/catalogues/catalogue-answers.ts';
import { clinicsBodySchema, doctorsBodySchema, freeCareBodySchema, insurersBodySchema, regionalCareBodySchema } from '../schemas/catalogues/catalogue-bodies.ts';
import { calendarYear, clinicCode, freeCareQuerySchema, regionQuerySchema, regionVersionQuerySchema, versionQuerySchema } from '../schemas/catalogues/catalogue-queries.ts';
import { badPath, bodyProblems, internalError, problem, unauthorized } from './responses.ts';

/** The catalogue routes' operations (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

const cached = z.object({
  etag: z.string().meta({ description: 'The version, `"3"` (the federal and regional versions of a region\'s free care, `"3.2"`).' }),
  'cache-control': z.string().meta({ description: '`public, max-age=60` for the current version; a day for one asked for by number, which never changes.' }),
});
const conditional = z.object({
  'if-none-match': z.string().optional().meta({ description: 'The ETag of the version held: 304 while it is still the one answered.' }),
});
const precondition = z.object({
  'if-match': z.string().optional().meta({ description: 'Write only over this version (a GET\'s ETag, or the `version` a PUT answered): 412 if another is current. Without it, over the latest.' }),
});

const json = (schema: z.core.$ZodType) => ({ 'application/json': { schema } });

const INVALID_QUERY = "A region that is not one of the register's, or a version that is not a whole number from 1 (`validation-failed`, each with the pointer of its parameter)";

function read(summary: string, schema: z.core.$ZodType, params: Operation['requestParams'], notFound: string, invalid = INVALID_QUERY): Operation {
  const withPath = Boolean(params && 'path' in params);
  return {
    summary,
    requestParams: { ...params, header: conditional },
    responses: {
      '200': { description: 'The version, cacheable', headers: cached, content: json(schema) },
      '304': { description: 'The caller holds this version already (If-None-Match)', headers: cached },
      ...(withPath ? { '400': badPath } : {}),
      '401': unauthorized,
      '403': problem("A token without its role's scope (`incomplete-token`)"),
      '404': problem(notFound),
      '422': problem(invalid),
      '500': internalError,
    },
  };
}

const CATALOGUE_BODY_LIMIT = 'over 200 KiB (`body-too-large`), or over 10 MB (API Gateway)';

function write(summary: string, body: z.core.$ZodType, answer: z.core.$ZodType, params: Operation['requestParams'], extra: Operation['responses'] = {}, bodyLimit = true): Operation {
  const withPath = Boolean(params && 'path' in params);
  return {
    summary,
    requestParams: { ...params, header: precondition },
    requestBody: { required: true, content: json(body) },
    responses: {
      '200': { description: 'Written: the new version', content: json(answer) },
      '201': { description: "Written: the catalogue's first version", content: json(answer) },
      ...bodyProblems,
      ...(withPath ? { '400': { description: `${bodyProblems['400'].description}; or ${badPath.description}`, content: { ...badPath.content, ...bodyProblems['400'].content } } } : {}),
      ...(bodyLimit ? { '413': { ...bodyProblems['413'], description: `Body ${CATALOGUE_BODY_LIMIT}` } } : {}),
      '401': unauthorized,
      '403': problem('Only the fund changes catalogues (`forbidden`)'),
      '409': problem('Other changes kept landing first (`catalogue-changed`): read it and try again'),
      '412': problem('If-Match names a version that is not the current one (`version-not-current`, with `currentVersion`)'),
      '422': problem('Fields that break the schema or the rules (`validation-failed`: `duplicate`, `other-region`, `ogrn-checksum`, ... with the pointer of each field)'),
      '500': internalError,
      ...extra,
    },
  };
}

const region = { query: regionQuerySchema };
const clinicPath = z.object({ code: clinicCode });
const yearPath = z.object({ year: calendarYear });

export const catalogueOperations = {
  getInsurers: read("A region's insurers (F002), as the fund keeps them", insurersVersionSchema, { query: regionVersionQuerySchema }, 'No version of this catalogue, or not the one asked for'),
  putInsurers: write("Replace a region's insurers: the next version", insurersBodySchema, insurersVersionSchema, region),
  getClinics: read("A region's clinics (F003), as the fund keeps them", clinicsVersionSchema, { query: regionVersionQuerySchema }, 'No version of this catalogue, or not the one asked for'),
  putClinics: write("Replace a region's clinics: the next version", clinicsBodySchema, clinicsVersionSchema, region),
  getClinicDoctors: read("A clinic's doctors", doctorsVersionSchema, { path: clinicPath, query: versionQuerySchema }, 'No version of this clinic\'s doctors, or not the one asked for'),
  putClinicDoctors: write("Replace a clinic's doctors: the next version; each of a kind the clinic attaches people to", doctorsBodySchema, doctorsVersionSchema, { path: clinicPath }, {
    '404': problem("No such clinic in its region's catalogue"),
  }),
  getFreeCare: read(
    'The care given free on presenting the policy: the federal list, or with a region the list its territorial program makes of it, with the versions it came from',
    freeCareViewSchema,
    { query: freeCareQuerySchema },
    'No version of the list, or not the one asked for',
    'A region that is not one of the register\'s, a version that is not a whole number from 1, or a `regionalVersion` without its region (`validation-failed`: `invalid`, `region-required`, each with the pointer of its parameter)',
  ),
  putFreeCare: write('Replace the federal list of free care: the next version', freeCareBodySchema, freeCareVersionSchema, undefined),
  getRegionalCare: read("A region's additions to the federal free care and removals from it", regionalCareVersionSchema, { query: regionVersionQuerySchema }, 'No version of the region\'s changes, or not the one asked for'),
  putRegionalCare: write("Replace a region's additions and removals: the next version", regionalCareBodySchema, regionalCareVersionSchema, region),
  getCalendarYear: read(
    'A year of the production calendar as the register counts working days by it',
    calendarVersionSchema,
    { path: yearPath, query: versionQuerySchema },
    'No version of that year (working days then follow the statutory holidays), not the version asked for, or not a year from 2000 to 2200',
  ),
  putCalendarYear: write(
    "Set a year of the production calendar (the government's decree): the next version; filings count due days by it within a minute",
    calendarYearSchema,
    calendarVersionSchema,
    { path: yearPath },
    { '404': problem('Not a year from 2000 to 2200') },
    false,
  ),
} satisfies Record<string, Operation>;

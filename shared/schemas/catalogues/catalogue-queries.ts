import * as z from 'zod/mini';
import { regionCodes } from '../../catalogues/regions.ts';
import '../zod-messages.ts';

/** What the catalogue routes read from their paths and queries, with zod's light entry point (see `identifiers.ts`). */
const region = z
  .enum(regionCodes, { error: 'Expected the two-digit code of a region of the register.' })
  .register(z.globalRegistry, { description: 'Two-digit code of the subject of the federation.', example: '77' });

/** A version number as a query gives it: a whole number from 1. */
const versionNumber = (description: string) =>
  z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(9_999_999_999))).register(z.globalRegistry, { description });
const version = versionNumber('An older version, as a history entry names it; the current one by default.');

export const regionQuerySchema = z.object({ region });
export const regionVersionQuerySchema = z.object({ region, version });
export const versionQuerySchema = z.object({ version });
export const freeCareQuerySchema = z.object({
  region: z.optional(region).register(z.globalRegistry, { description: "A region: the federal list with the region's additions and removals applied." }),
  version: versionNumber('An older version of the federal list; the current one by default.'),
  regionalVersion: versionNumber("An older version of the region's additions and removals; the current one by default."),
});

/** A clinic's code in a path (F003 mcod: six digits, the first two its region's). */
export const clinicCode = z.string().check(z.regex(/^\d{6}$/)).register(z.globalRegistry, { example: '770101' });
/** A year of the production calendar in a path. */
export const calendarYear = z.coerce
  .number()
  .check(z.int(), z.minimum(2000), z.maximum(2200))
  .register(z.globalRegistry, { example: 2027 });

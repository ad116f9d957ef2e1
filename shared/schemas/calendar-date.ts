import * as z from 'zod/mini';
import { isRealDate } from '../domain/local-date.ts';
import './zod-messages.ts';

/**
 * A calendar date in a request body (`YYYY-MM-DD`, a day the calendar has), with zod's light entry
 * point (see `identifiers.ts`). A new schema at each use, so that each field says its own example
 * and description in the OpenAPI document.
 */
export function calendarDate(meta: { example: string; description?: string }) {
  return z
    .string()
    .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD.'), z.refine(isRealDate, 'Not a calendar date.'))
    .register(z.globalRegistry, { format: 'date', ...meta });
}

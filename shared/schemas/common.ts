import * as z from 'zod';
import { isRealDate } from '../domain/local-date.ts';

export { enpNumber, recordId } from './identifiers.ts';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD.')
  .refine(isRealDate, 'Not a calendar date.')
  .meta({ format: 'date', example: '2026-11-23' });

export const instant = z.string().meta({ format: 'date-time', example: '2026-11-23T09:00:00.000Z' });

export const personName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^\p{L}[\p{L}\p{M}'’ .-]*$/u, 'Letters, spaces, hyphens, apostrophes and dots only.');


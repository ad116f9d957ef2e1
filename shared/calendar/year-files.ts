import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProductionCalendar } from './production-calendar.ts';
import { calendarYearRules } from '../domain/catalogues/calendar-rules.ts';
import { calendarYearSchema, type CalendarYear } from '../schemas/calendar-year.ts';

const DEFAULT_DIR = fileURLToPath(new URL('./years/', import.meta.url));

/**
 * Every `<year>.json` of the folder, checked as `PUT /calendar/{year}` checks a year: the seed of
 * the calendar in the table (in Lambda, the `years/` copied beside the deploy step's bundle).
 */
export function readCalendarYears(dir = process.env.CALENDAR_DIR ?? DEFAULT_DIR): CalendarYear[] {
  const files = readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f));
  return files.map((f) => {
    const parsed = calendarYearSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) throw new Error(`calendar file ${f} is invalid: ${parsed.error.issues.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ')}`);
    const broken = calendarYearRules(parsed.data);
    if (broken.length > 0) throw new Error(`calendar file ${f} is invalid: ${broken.map((e) => `${e.pointer}: ${e.detail}`).join('; ')}`);
    if (`${parsed.data.year}.json` !== f) throw new Error(`calendar file ${f} holds year ${parsed.data.year}`);
    return parsed.data;
  });
}

/** The calendar of a folder's year files alone, without the table: tests and benches. */
export function loadProductionCalendar(dir?: string): ProductionCalendar {
  return new ProductionCalendar(readCalendarYears(dir));
}

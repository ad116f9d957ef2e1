import type { FieldError } from '../problem.ts';
import type { CalendarYear } from '../../schemas/calendar-year.ts';
import { duplicates } from './catalogue-rules.ts';

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/**
 * A year of the production calendar, beyond its shape: every day of that year and listed once,
 * working weekend days on a Saturday or a Sunday, and no day both off and working.
 */
export function calendarYearRules(calendar: CalendarYear): FieldError[] {
  const errors: FieldError[] = [];
  const prefix = `${calendar.year}-`;
  for (const list of ['nonWorkingDays', 'workingWeekendDays'] as const) {
    calendar[list].forEach((day, i) => {
      if (!day.startsWith(prefix)) errors.push({ pointer: `/${list}/${i}`, code: 'other-year', detail: `A day of another year than ${calendar.year}.` });
    });
    errors.push(...duplicates(calendar[list], (d) => d, (i) => `/${list}/${i}`, 'day'));
  }
  const off = new Set(calendar.nonWorkingDays);
  calendar.workingWeekendDays.forEach((day, i) => {
    if (!isWeekend(day)) errors.push({ pointer: `/workingWeekendDays/${i}`, code: 'not-a-weekend', detail: 'Only a Saturday or a Sunday can be made a working day.' });
    if (off.has(day)) errors.push({ pointer: `/workingWeekendDays/${i}`, code: 'conflicting-day', detail: 'A day is either off or a working weekend day, not both.' });
  });
  return errors;
}

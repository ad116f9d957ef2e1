import { DateTime } from 'luxon';

/** The calendar date of `instant` in a time zone, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

/** Full years of age on `onDate` (both calendar dates). Born 29 Feb: the birthday is 1 Mar in other years. */
export function ageInYears(birthDate: string, onDate: string): number {
  return Math.floor(DateTime.fromISO(onDate, { zone: 'UTC' }).diff(DateTime.fromISO(birthDate, { zone: 'UTC' }), 'years').years);
}

/** The date a person turns `years` old. */
export function anniversary(birthDate: string, years: number): string {
  return DateTime.fromISO(birthDate, { zone: 'UTC' }).plus({ years }).toISODate()!;
}

/** The end of that local day, as an instant. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).endOf('day').toJSDate();
}

/** The first instant of that local day. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

/** Whole days from `from` to `to` (both calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

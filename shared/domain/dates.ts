import { DateTime } from 'luxon';

export { isRealDate, localDate } from './local-date.ts';

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
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

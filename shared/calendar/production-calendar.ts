import { DateTime } from 'luxon';
import type { CalendarYear } from '../schemas/calendar-year.ts';

/**
 * The production calendar (Labour Code art. 112 plus the government's yearly decree) as data: one
 * document per year, kept in the register's table (`PUT /calendar/{year}`; seeded from the files in
 * `years/`). Years without one fall back to the statutory rule alone.
 */
export type { CalendarYear } from '../schemas/calendar-year.ts';

/** Fixed holidays of art. 112 as MM-DD. */
const STATUTORY_HOLIDAYS = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];
/**
 * Holidays of 1-8 January (the New Year holidays and Christmas, art. 112 part 1, paragraphs 2 and
 * 3) falling on a weekend are not moved automatically: the yearly decree moves two of them.
 */
const NOT_MOVED = new Set(['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08']);

const isWeekend = (d: DateTime) => d.weekday >= 6;

export class ProductionCalendar {
  private readonly years = new Map<number, { off: Set<string>; working: Set<string> }>();

  constructor(years: CalendarYear[]) {
    for (const y of years) {
      for (const day of [...y.nonWorkingDays, ...y.workingWeekendDays]) {
        if (!day.startsWith(`${y.year}-`)) throw new Error(`calendar ${y.year} lists a day of another year: ${day}`);
      }
      this.years.set(y.year, { off: new Set(y.nonWorkingDays), working: new Set(y.workingWeekendDays) });
    }
  }

  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  /** `date` is a local calendar date, YYYY-MM-DD. */
  isWorkingDay(date: string): boolean {
    const day = DateTime.fromISO(date, { zone: 'UTC' });
    if (!day.isValid) throw new RangeError(`not a date: ${date}`);
    const year = this.years.get(day.year) ?? this.statutoryYear(day.year);
    if (year.working.has(date)) return true;
    return !isWeekend(day) && !year.off.has(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let day = DateTime.fromISO(date, { zone: 'UTC' });
    do day = day.plus({ days: 1 });
    while (!this.isWorkingDay(day.toISODate()!));
    return day.toISODate()!;
  }

  /** `count` working days after `date` (the day itself not counted). */
  addWorkingDays(date: string, count: number): string {
    let day = date;
    for (let i = 0; i < count; i++) day = this.nextWorkingDay(day);
    return day;
  }

  /** The last instant of the next working day after `instant`, counted in the region's own time zone. */
  endOfNextWorkingDay(instant: Date, timeZone: string): Date {
    const local = DateTime.fromJSDate(instant, { zone: timeZone });
    if (!local.isValid) throw new RangeError(`unknown time zone: ${timeZone}`);
    const due = this.nextWorkingDay(local.toISODate()!);
    return DateTime.fromISO(due, { zone: timeZone }).endOf('day').toJSDate();
  }

  private readonly statutory = new Map<number, { off: Set<string>; working: Set<string> }>();

  /** Holidays of art. 112 with the automatic move of a weekend holiday to the next working day. */
  private statutoryYear(year: number) {
    let cached = this.statutory.get(year);
    if (cached) return cached;
    const off = new Set<string>();
    const holidays = STATUTORY_HOLIDAYS.map((md) => DateTime.fromISO(`${year}-${md}`, { zone: 'UTC' }));
    for (const h of holidays) off.add(h.toISODate()!);
    for (const h of holidays) {
      if (!isWeekend(h) || NOT_MOVED.has(h.toFormat('MM-dd'))) continue;
      let moved = h.plus({ days: 1 });
      while (isWeekend(moved) || off.has(moved.toISODate()!)) moved = moved.plus({ days: 1 });
      off.add(moved.toISODate()!);
    }
    cached = { off, working: new Set() };
    this.statutory.set(year, cached);
    return cached;
  }
}

import * as z from 'zod/mini';
import { calendarDate } from './calendar-date.ts';
import './zod-messages.ts';

/**
 * A year of the production calendar (Labour Code art. 112 plus the government's yearly decree), as
 * the seed's year files and `PUT /calendar/{year}` give it: its shape and bounds, with zod's light
 * entry point (see `identifiers.ts`). The rules between its fields (each day in the year and listed
 * once, working weekend days on a weekend) are `shared/domain/catalogues/calendar-rules.ts`.
 */
const day = calendarDate({ example: '2027-01-01' });

/** A year has at most 366 days: no list of days may be longer. */
const days = z.array(day).check(z.maxLength(366));

export const calendarYearSchema = z
  .strictObject({
    year: z.number().check(z.int(), z.minimum(2000), z.maximum(2200)),
    source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))).register(z.globalRegistry, { description: 'Where the days come from (the decree).' }),
    nonWorkingDays: days.register(z.globalRegistry, { description: 'Every day off that is not an ordinary Saturday or Sunday (weekends may be listed too).' }),
    workingWeekendDays: z._default(days, []).register(z.globalRegistry, { description: 'Saturdays or Sundays the decree makes working days.' }),
  })
  .register(z.globalRegistry, {
    id: 'CalendarYear',
    example: { year: 2027, source: 'Government decree on moving days off in 2027', nonWorkingDays: ['2027-01-01', '2027-01-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-12-31'], workingWeekendDays: [] },
  });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

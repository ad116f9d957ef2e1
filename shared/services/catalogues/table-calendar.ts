import { ProductionCalendar } from '../../calendar/production-calendar.ts';
import { localDate } from '../../domain/local-date.ts';
import type { CatalogueReader } from './catalogue-reader.ts';

/**
 * The production calendar as the table holds it (`PUT /calendar/{year}`, seeded from
 * `shared/calendar/years/`), for the years a due time counted from `instant` in a region can reach:
 * the region's current year and the next. Each year is kept a minute like any catalogue; a year
 * with no version follows the statutory holidays with their automatic moves.
 */
export async function calendarAround(catalogues: CatalogueReader, instant: Date, timeZone: string): Promise<ProductionCalendar> {
  const year = Number(localDate(instant, timeZone).slice(0, 4));
  const years = await Promise.all([year, year + 1].map((y) => catalogues.current('calendar', String(y))));
  return new ProductionCalendar(years.flatMap((v) => (v ? [v.data] : [])));
}

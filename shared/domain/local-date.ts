/**
 * Today's date in a region, without a date library: the reads that only need "what day is it
 * there" (is a policy past its last day?) stay light. Intl does the time-zone work; the
 * computations with dates (terms, deadlines) use luxon (`dates.ts`).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in a time zone, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(instant);
}

/** A real calendar date written YYYY-MM-DD (no 30 February). */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

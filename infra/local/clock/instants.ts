import { DateTime, Duration } from 'luxon';

/**
 * What a tester types to move the register's clock: an instant (`--now`, `REGISTER_NOW`, `"at"`)
 * and a duration (`"advance"`). Both are read strictly: a date without a time, or a time without
 * its zone, would be read in some zone the tester did not mean; and luxon alone accepts `P`,
 * `PT` or `P1DT`, which ISO 8601 does not.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** At least one component; `T` only before a time component; an optional sign before it all. */
const DURATION = /^-?P(?=\d)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$|^-?PT(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?$/;

export const INSTANT_EXAMPLE = '2026-12-01T09:00:00Z';

/** An ISO 8601 instant with its zone (`Z` or an offset), or undefined. */
export function parseInstant(text: string): Date | undefined {
  if (!INSTANT.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** An ISO 8601 duration (`P31D`, `PT6H`, `P1Y2M`; `-P1D` is read, to be refused as backwards), or undefined. */
export function parseDuration(text: string): Duration | undefined {
  if (!DURATION.test(text)) return undefined;
  const negative = text.startsWith('-');
  const parsed = Duration.fromISO(negative ? text.slice(1) : text);
  if (!parsed.isValid) return undefined;
  return negative ? parsed.negate() : parsed;
}

/**
 * `from` plus `duration`, with calendar units counted in UTC (P1M from 31 January is the last day
 * of February, P1D is always 24 hours); undefined past what a Date can hold.
 */
export function plus(from: Date, duration: Duration): Date | undefined {
  const to = DateTime.fromJSDate(from, { zone: 'utc' }).plus(duration);
  return to.isValid && Number.isFinite(to.toMillis()) ? to.toJSDate() : undefined;
}

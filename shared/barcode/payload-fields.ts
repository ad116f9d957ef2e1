/**
 * The payload's numeric fields: big-endian unsigned integers, the ЕНП as one of 64 bits, dates as
 * 16-bit day counts and the sex byte. Each reader refuses what the writer never writes.
 */
import { isValidEnp, type Sex } from '../domain/enp.ts';
import { isRealDate } from '../domain/local-date.ts';
import { BarcodeError } from './barcode-error.ts';

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
/** Day 0 is 1900-01-01 and means "none", so the first date a field can hold is the day after. */
export const FIRST_DATE = '1900-01-02';
/** Day 65535. */
export const LAST_DATE = '2079-06-06';

export function writeUint(bytes: Uint8Array, offset: number, width: number, value: bigint): void {
  for (let i = width - 1; i >= 0; i--, value >>= 8n) bytes[offset + i] = Number(value & 0xffn);
}

export function readUint(bytes: Uint8Array, offset: number, width: number): bigint {
  let value = 0n;
  for (let i = 0; i < width; i++) value = (value << 8n) | BigInt(bytes[offset + i]!);
  return value;
}

export function writeEnp(bytes: Uint8Array, offset: number, enp: string): void {
  if (!isValidEnp(enp)) throw new BarcodeError('bad-enp', 'The ЕНП must be 16 digits with a valid check digit.');
  writeUint(bytes, offset, 8, BigInt(enp));
}

/** The 64-bit integer as 16 digits (a territory code may begin with 0); its check digit must hold. */
export function readEnp(bytes: Uint8Array, offset: number): string {
  const enp = readUint(bytes, offset, 8).toString().padStart(16, '0');
  if (enp.length > 16) throw new BarcodeError('bad-enp', `The ЕНП field holds ${enp}, more than 16 digits.`);
  if (!isValidEnp(enp)) throw new BarcodeError('bad-enp', `The ЕНП ${enp} fails its check digit.`);
  return enp;
}

/** The day count of a date (YYYY-MM-DD), or 0 for none. */
export function dayCount(date: string | null, what: string): number {
  if (date === null) return 0;
  if (!isRealDate(date) || date < FIRST_DATE || date > LAST_DATE) {
    throw new BarcodeError('bad-date', `The ${what} ${date} is not a date from ${FIRST_DATE} to ${LAST_DATE}.`);
  }
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH) / DAY_MS);
}

/** The date of a day count, or null for 0. Every other 16-bit count is a date. */
export function dateOfDays(days: number): string | null {
  return days === 0 ? null : new Date(EPOCH + days * DAY_MS).toISOString().slice(0, 10);
}

export function writeDate(bytes: Uint8Array, offset: number, date: string | null, what: string): void {
  writeUint(bytes, offset, 2, BigInt(dayCount(date, what)));
}

export function readDate(bytes: Uint8Array, offset: number): string | null {
  return dateOfDays(Number(readUint(bytes, offset, 2)));
}

export function sexCode(sex: Sex): number {
  if (sex === 'male') return 1;
  if (sex === 'female') return 2;
  throw new BarcodeError('bad-sex', `The sex must be male or female, not ${String(sex)}.`);
}

export function readSex(byte: number): Sex {
  if (byte === 1) return 'male';
  if (byte === 2) return 'female';
  throw new BarcodeError('bad-sex', `The sex byte is ${byte}; it must be 1 (male) or 2 (female).`);
}

/**
 * ЕНП, the unified policy number: 16 digits that encode the issuing territory, the holder's birth
 * date and sex, a serial number and a Luhn check digit (ISO/HL7 27931). See shared/domain/README.md §4.
 */
export type Sex = 'male' | 'female';

export interface EnpParts {
  territory: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
  serial: number;
}

export const MAX_SERIAL = 99_999;

const complement = (digits: string) => [...digits].map((d) => String(9 - Number(d))).join('');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Rightmost payload digit is doubled, since the check digit will stand to its right.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(payload[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The first ten digits: territory, birth date and sex. Numbers sharing it differ only by serial. */
export function enpPrefix(territory: string, birthDate: string, sex: Sex): string {
  if (!/^\d{2}$/.test(territory)) throw new RangeError(`territory must be two digits: ${territory}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) throw new RangeError(`birth date must be YYYY-MM-DD: ${birthDate}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const monthShift = year <= 1950 ? 20 : year <= 2000 ? 40 : 0;
  const monthPart = complement(pad(month + monthShift, 2));
  const yearPart = complement([...pad(year, 4)].reverse().join(''));
  const dayPart = complement(pad(day + (sex === 'male' ? 50 : 0), 2));
  return `${territory}${monthPart}${yearPart}${dayPart}`;
}

export function composeEnp(parts: EnpParts): string {
  if (!Number.isInteger(parts.serial) || parts.serial < 0 || parts.serial > MAX_SERIAL) {
    throw new RangeError(`serial must be 0..${MAX_SERIAL}: ${parts.serial}`);
  }
  const payload = enpPrefix(parts.territory, parts.birthDate, parts.sex) + pad(parts.serial, 5);
  return payload + String(luhnCheckDigit(payload));
}

export function isValidEnp(enp: string): boolean {
  return /^\d{16}$/.test(enp) && luhnCheckDigit(enp.slice(0, 15)) === Number(enp[15]);
}

/** Decodes a number; undefined when the check digit fails or the encoded date is not a date. */
export function decodeEnp(enp: string): EnpParts | undefined {
  if (!isValidEnp(enp)) return undefined;
  const monthEncoded = Number(complement(enp.slice(2, 4)));
  const year = 9999 - Number([...enp.slice(4, 8)].reverse().join(''));
  const dayEncoded = Number(complement(enp.slice(8, 10)));
  const month = monthEncoded % 20;
  const shift = monthEncoded - month;
  const expectedShift = year <= 1950 ? 20 : year <= 2000 ? 40 : 0;
  const sex: Sex = dayEncoded > 50 ? 'male' : 'female';
  const day = sex === 'male' ? dayEncoded - 50 : dayEncoded;
  const birthDate = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const asDate = new Date(`${birthDate}T00:00:00Z`);
  if (shift !== expectedShift || Number.isNaN(asDate.getTime()) || asDate.toISOString().slice(0, 10) !== birthDate) {
    return undefined;
  }
  return { territory: enp.slice(0, 2), birthDate, sex, serial: Number(enp.slice(10, 15)) };
}

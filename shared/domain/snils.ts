/** СНИЛС: 11 digits, `XXX-XXX-XXX YY`, the last two a check number over the first nine. */
const FORMAT = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/;
/** Numbers up to 001-001-998 were issued before the check number existed. */
const LAST_UNCHECKED = 1_001_998;

export type SnilsError = 'snils-format' | 'snils-checksum';

export function normalizeSnils(input: string): string | undefined {
  const m = FORMAT.exec(input.trim());
  return m ? m.slice(1, 5).join('') : undefined;
}

export function snilsCheckNumber(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (9 - i);
  return (sum % 101) % 100;
}

/** Returns the 11-digit normal form, or the reason it is not a SNILS. */
export function parseSnils(input: string): { ok: true; value: string } | { ok: false; error: SnilsError } {
  const digits = normalizeSnils(input);
  if (!digits) return { ok: false, error: 'snils-format' };
  const body = digits.slice(0, 9);
  if (Number(body) > LAST_UNCHECKED && snilsCheckNumber(body) !== Number(digits.slice(9))) {
    return { ok: false, error: 'snils-checksum' };
  }
  return { ok: true, value: digits };
}

export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

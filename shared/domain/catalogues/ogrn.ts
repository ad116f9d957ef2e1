/**
 * ОГРН, the primary state registration number of a legal entity: 13 digits, the last a check
 * digit: the number of the first twelve, modulo 11, then modulo 10 (an individual entrepreneur's
 * ОГРНИП has 15 digits and modulo 13: insurers and clinics are legal entities).
 */
export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number((BigInt(value.slice(0, 12)) % 11n) % 10n) === Number(value[12]);
}

import { describe, expect, it } from 'vitest';
import { formatSnils, parseSnils, snilsCheckNumber } from '#shared/domain/snils.ts';

describe('SNILS', () => {
  it.each(['112-233-445 95', '342-932-447 76', '11223344595', '112-233-445-95'])('accepts %s', (s) => {
    expect(parseSnils(s).ok).toBe(true);
  });

  it('normalizes to 11 digits and formats back', () => {
    expect(parseSnils('112-233-445 95')).toEqual({ ok: true, value: '11223344595' });
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
  });

  it('rejects a wrong check number', () => {
    expect(parseSnils('112-233-445 96')).toEqual({ ok: false, error: 'snils-checksum' });
  });

  it.each(['112-233-445', '112-233-445 9', 'abc-def-ghi jk', ''])('rejects the malformed %s', (s) => {
    expect(parseSnils(s)).toEqual({ ok: false, error: 'snils-format' });
  });

  it('computes the check number: below 100 as is, 100 and 101 as 00, above by mod 101', () => {
    expect(snilsCheckNumber('112233445')).toBe(95); // weighted sum 95
    expect(snilsCheckNumber('100356355')).toBe(0); // sum 100
    expect(snilsCheckNumber('100079190')).toBe(0); // sum 101
    expect(snilsCheckNumber('100166299')).toBe(1); // sum 102 -> 102 % 101
    expect(snilsCheckNumber('115988461')).toBe(1); // sum 203 -> 203 % 101
  });

  it('does not check numbers up to 001-001-998, issued before the check number existed', () => {
    expect(parseSnils('001-001-998 00').ok).toBe(true);
    expect(parseSnils('001-001-999 00').ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { composeEnp, decodeEnp, enpPrefix, isValidEnp, luhnCheckDigit } from '#shared/domain/enp.ts';

describe('ЕНП', () => {
  it('decodes the example number of a man born 09.08.1999 in territory 78', () => {
    expect(decodeEnp('7851000840000199')).toEqual({ territory: '78', birthDate: '1999-08-09', sex: 'male', serial: 19 });
  });

  it('checks the Luhn digit', () => {
    expect(isValidEnp('7851000840000199')).toBe(true);
    expect(isValidEnp('8451999122899990')).toBe(true);
    expect(isValidEnp('7712345678901234')).toBe(false);
    expect(isValidEnp('785100084000019')).toBe(false);
    expect(isValidEnp('785100084000019x')).toBe(false);
  });

  it('computes the Luhn digit as ISO/HL7 27931 does', () => {
    expect(luhnCheckDigit('785100084000019')).toBe(9);
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook Luhn example
  });

  it('encodes month, year and day as the domain rules describe (§4)', () => {
    // 1999-08-09, man: month 08+40=48 -> 51; year 1999 reversed 9991 -> 0008; day 09+50=59 -> 40
    expect(enpPrefix('78', '1999-08-09', 'male')).toBe('7851000840');
    // born 1950 or earlier: +20 to the month
    expect(enpPrefix('77', '1950-12-31', 'female')).toBe('7767940868');
    // born after 2000: month as is
    expect(enpPrefix('50', '2024-02-29', 'female')).toBe('5097579770');
  });

  it('round-trips every kind of date, sex and serial', () => {
    const dates = ['1900-01-01', '1950-12-31', '1951-01-01', '2000-12-31', '2001-01-01', '2026-11-23', '1988-02-29'];
    for (const birthDate of dates) {
      for (const sex of ['male', 'female'] as const) {
        for (const serial of [0, 1, 12_345, 99_999]) {
          const enp = composeEnp({ territory: '25', birthDate, sex, serial });
          expect(enp).toHaveLength(16);
          expect(decodeEnp(enp)).toEqual({ territory: '25', birthDate, sex, serial });
        }
      }
    }
  });

  it('refuses serials outside 0..99999 and malformed parts', () => {
    expect(() => composeEnp({ territory: '78', birthDate: '1999-08-09', sex: 'male', serial: 100_000 })).toThrow(RangeError);
    expect(() => composeEnp({ territory: '7', birthDate: '1999-08-09', sex: 'male', serial: 1 })).toThrow(RangeError);
    expect(() => enpPrefix('78', '09.08.1999', 'male')).toThrow(RangeError);
  });

  it('does not decode a number whose check digit passes but whose date is impossible', () => {
    // passes Luhn only (§4): month digits 99 -> 0, not a month
    expect(decodeEnp('8451999122899990')).toBeUndefined();
  });
});

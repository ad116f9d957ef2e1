import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHARACTERS, codeOf, packCodes, packText, SEPARATOR_CODE, unpackCodes } from '#shared/barcode/alphabet.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

describe('the 6-bit alphabet', () => {
  it('has the codes the domain rules (§8) list, 0x2F-0x3E reserved', () => {
    expect(CHARACTERS).toHaveLength(64);
    expect(CHARACTERS.slice(0, 4)).toEqual([' ', '.', '-', '‘']);
    expect(CHARACTERS.slice(0x04, 0x0e).join('')).toBe('0123456789');
    expect(CHARACTERS.slice(0x0e, 0x2f).join('')).toBe('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЪЫЭЮЯ');
    expect(CHARACTERS.slice(0x2f, 0x3f).every((ch) => ch === undefined)).toBe(true);
    expect(CHARACTERS[SEPARATOR_CODE]).toBe('|');
    expect([codeOf('Ё'), codeOf('Ь'), codeOf('Ъ'), codeOf('Я'), codeOf("'"), codeOf('е')]).toEqual([0x14, 0x29, 0x2a, 0x2e, undefined, undefined]);
  });

  it('packs the rules\' worked example to the bytes they give', () => {
    expect(hex(packText('АНВОРДНАСКЕЛА|АВОТАПЛА|АНИТНЕЛАВ', 32))).toBe('39 C4 1D 7D 27 0E 81 94 DA 3B F3 90 76 13 9E 68 EF CE 71 78 5C 4D A3 90');
  });

  it('packs most significant bit first, and pads with spaces (zero bytes)', () => {
    expect(hex(packCodes([0x3f, 0, 0, 0]))).toBe('FC 00 00');
    expect(hex(packCodes([0, 0, 0, 0x3f]))).toBe('00 00 3F');
    expect(hex(packText('А', 4))).toBe('38 00 00');
    expect(hex(packText('А', 4, 'left'))).toBe('00 00 0E');
  });

  it('unpacks what it packs, for any codes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 20 }).map((a) => a.slice(0, a.length - (a.length % 4))), (codes) => {
        expect(unpackCodes(packCodes(codes))).toEqual(codes);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses text outside the alphabet or too long, and counts that do not pack whole', () => {
    expect(() => packText('Ива', 4)).toThrow(RangeError);
    expect(() => packText('АБВГД', 4)).toThrow(RangeError);
    expect(() => packCodes([1, 2, 3])).toThrow(RangeError);
    expect(() => unpackCodes(new Uint8Array(4))).toThrow(RangeError);
  });
});

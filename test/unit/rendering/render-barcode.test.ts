import { describe, expect, it } from 'vitest';
import { pdf417ByteCompaction, pdf417Outline, PDF417_ROW_HEIGHT, POLICY_PDF417, renderBarcode } from '#shared/barcode/render-barcode.ts';
import { composeEnp } from '#shared/domain/enp.ts';
import { scanBarcode } from '../../support/scanner.ts';

/** Deterministic pseudo-random bytes (xorshift32), so that a failure names a payload that can be made again. */
function randomBytes(seed: number, length = 130): Uint8Array {
  let x = seed || 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

/** Policy-sized payloads: the extremes, every byte value, runs a text or numeric compaction would take, and random ones. */
const PAYLOADS: [string, Uint8Array][] = [
  ['all 0x00', new Uint8Array(130)],
  ['all 0xFF', new Uint8Array(130).fill(0xff)],
  ['0x00..0x81 (the C0 controls, ASCII and the first bytes past it)', Uint8Array.from({ length: 130 }, (_, i) => i)],
  ['0x7D..0xFF then 0x00..', Uint8Array.from({ length: 130 }, (_, i) => (0x7d + i) & 0xff)],
  ['ASCII digits and letters (that a text or numeric compaction would take)', Uint8Array.from({ length: 130 }, (_, i) => '0123456789ABCDEFGHIJ'.charCodeAt(i % 20))],
  ...[1, 2, 3, 4, 5, 6].map((seed): [string, Uint8Array] => {
    const bytes = randomBytes(seed * 7919);
    bytes[seed] = 0x00;
    bytes[129 - seed] = 0xff;
    return [`random #${seed} with 0x00 and 0xFF`, bytes];
  }),
];

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('renderBarcode: every type and format reads back exactly what was given', () => {
  for (const format of ['png', 'svg'] as const) {
    it.each(PAYLOADS)(`pdf417 ${format}: %s`, async (_, bytes) => {
      const image = await renderBarcode('pdf417', format, bytes);
      expect(image.contentType).toBe(format === 'png' ? 'image/png' : 'image/svg+xml');
      const [read, ...more] = await scanBarcode(image.body);
      expect(more).toEqual([]);
      expect(read!.format).toBe('PDF417');
      expect(hex(read!.bytes)).toBe(hex(bytes));
    });

    it.each(PAYLOADS)(`qr ${format}: %s`, async (_, bytes) => {
      const image = await renderBarcode('qr', format, bytes);
      const [read, ...more] = await scanBarcode(image.body);
      expect(more).toEqual([]);
      expect(read!.format).toBe('QRCode');
      expect(hex(read!.bytes)).toBe(hex(bytes));
      expect(read!.ecLevel).toBe('M');
    });

    it(`code128 ${format}: several ЕНП`, async () => {
      const numbers = [
        '7851000840000199',
        composeEnp({ territory: '77', birthDate: '1950-12-31', sex: 'female', serial: 99_999 }),
        composeEnp({ territory: '01', birthDate: '2024-02-29', sex: 'male', serial: 0 }),
        '0000000000000000',
      ];
      for (const enp of numbers) {
        const image = await renderBarcode('code128', format, enp);
        const [read, ...more] = await scanBarcode(image.body);
        expect(more).toEqual([]);
        expect(read!.format).toBe('Code128');
        expect(read!.text).toBe(enp);
      }
    });
  }

  it('turns a string into its UTF-8 bytes for the 2D symbols, and refuses bytes for Code 128', async () => {
    const [read] = await scanBarcode((await renderBarcode('qr', 'png', 'Полис')).body);
    expect(hex(read!.bytes)).toBe(Buffer.from('Полис', 'utf8').toString('hex'));
    await expect(renderBarcode('code128', 'png', new Uint8Array([0x37]))).rejects.toThrow(TypeError);
    await expect(renderBarcode('code128', 'png', 'Иванов')).rejects.toThrow(TypeError);
    await expect(renderBarcode('pdf417', 'png', new Uint8Array())).rejects.toThrow(TypeError);
  });

  it('draws on white (bwip-js leaves the background transparent, which ZXing, like a dark screen, sees as black)', async () => {
    for (const type of ['pdf417', 'qr'] as const) {
      expect((await renderBarcode(type, 'svg', PAYLOADS[0]![1])).body).toMatch(/<rect width="100%" height="100%" fill="#FFFFFF" \/>/);
    }
  });
});

describe("the policy's PDF417 is the rules' symbol", () => {
  it('byte-compacts: the latch, 5 codewords for each 6 bytes, one for each of the last 4', () => {
    const codewords = pdf417ByteCompaction(PAYLOADS[1]![1]);
    expect(codewords).toHaveLength(1 + 21 * 5 + 4);
    expect(codewords[0]).toBe(901);
    // Six 0xFF bytes are 2^48 - 1, written in base 900.
    expect(codewords.slice(1, 6).reduce((v, c) => v * 900 + c, 0)).toBe(2 ** 48 - 1);
    expect(codewords.slice(-4)).toEqual([255, 255, 255, 255]);
    expect(pdf417ByteCompaction(new Uint8Array(12))[0]).toBe(924);
  });

  it('is Compact PDF417 of 10 data columns and 15 rows, at error-correction level 4', async () => {
    for (const [, bytes] of PAYLOADS) {
      const { width, height } = pdf417Outline(bytes);
      // Compact: start pattern 17 modules, left row indicator 17, the data columns 17 each, and a 1-module stop bar (no right indicator).
      expect((width - 17 - 17 - 1) / 17).toBe(POLICY_PDF417.columns);
      const rows = height / PDF417_ROW_HEIGHT;
      expect(rows).toBe(15);
      // ZXing reports the correction codewords' share of all codewords (rounded down): level 4 is 2^(4+1) = 32 of 15 × 10.
      const [read] = await scanBarcode((await renderBarcode('pdf417', 'png', bytes)).body);
      expect(read!.ecLevel).toBe(`${Math.floor((100 * 2 ** (POLICY_PDF417.eclevel + 1)) / (rows * POLICY_PDF417.columns))}%`);
    }
  });

  it('is 50 × 11 mm at the module width that gives 50 mm (0.244 mm), as the rules size it', () => {
    const { width, height } = pdf417Outline(PAYLOADS[5]![1]);
    const module = 50 / width;
    expect(module).toBeCloseTo(0.244, 3);
    expect(height * module).toBeCloseTo(11, 0);
  });
});

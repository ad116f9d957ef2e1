import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarcodeError, type BarcodeErrorCode } from '#shared/barcode/barcode-error.ts';
import { payloadBytes } from '#shared/barcode/payload-text.ts';

const payload = Uint8Array.from({ length: 130 }, (_, i) => (i * 37 + 251) & 0xff);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const refusal = (text: string): BarcodeErrorCode => {
  try {
    payloadBytes(text);
  } catch (error) {
    if (error instanceof BarcodeError) return error.code;
    throw error;
  }
  throw new Error('not refused');
};

describe('the scanned text of a payload', () => {
  it('reads hex, in either case and with spaces or line breaks between the digits', () => {
    expect(payloadBytes(hex(payload))).toEqual(payload);
    expect(payloadBytes(hex(payload).toUpperCase())).toEqual(payload);
    expect(payloadBytes(hex(payload).replace(/(..)/g, '$1 '))).toEqual(payload);
    expect(payloadBytes(`  ${hex(payload).slice(0, 100)}\n${hex(payload).slice(100)}\n`)).toEqual(payload);
  });

  it('reads base64, standard or url-safe, padded or not', () => {
    expect(base64(payload)).toMatch(/[+/]/);
    expect(base64url(payload)).toMatch(/[-_]/);
    expect(payloadBytes(base64(payload))).toEqual(payload);
    expect(payloadBytes(base64(payload).replace(/=+$/, ''))).toEqual(payload);
    expect(payloadBytes(base64url(payload))).toEqual(payload);
    expect(payloadBytes(`${base64url(payload)}==`)).toEqual(payload);
  });

  it('reads back any 130 bytes in every form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 130, maxLength: 130 }), (bytes) => {
        for (const text of [hex(bytes), base64(bytes), base64url(bytes)]) expect(payloadBytes(text)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('bad-encoding: neither hex nor base64', () => {
    expect(refusal('')).toBe('bad-encoding');
    expect(refusal('   ')).toBe('bad-encoding');
    expect(refusal(`${hex(payload)}0`)).toBe('bad-encoding'); // 261 hex digits are not base64 either
    expect(refusal(base64(payload).replace('A', '!'))).toBe('bad-encoding');
    expect(refusal(`${base64(payload).slice(0, 10)}-_${base64(payload).slice(12)}`)).toBe('bad-encoding'); // both alphabets
    expect(refusal(`${base64(payload)}=`)).toBe('bad-encoding');
    expect(refusal(hex(payload).replace(/(..)(?!$)/g, '$1:'))).toBe('bad-encoding');
  });

  it('wrong-length: well encoded, but not 130 bytes', () => {
    expect(refusal(hex(payload).slice(2))).toBe('wrong-length');
    expect(refusal(`${hex(payload)}00`)).toBe('wrong-length');
    expect(refusal(base64(payload.subarray(1)))).toBe('wrong-length');
    expect(refusal(base64url(new Uint8Array(131)))).toBe('wrong-length');
    expect(payloadBytes(base64(new Uint8Array(130)))).toEqual(new Uint8Array(130)); // AAAA...: hex digits, but not 260 of them
  });
});

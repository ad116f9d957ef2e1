import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarcodeError } from '#shared/barcode/barcode-error.ts';
import { checkSignature, signPayload } from '#shared/barcode/payload-signature.ts';
import { barcodeKey } from '../../support/barcode-keys.ts';

const current = barcodeKey(2);
const previous = barcodeKey(1);
const retired = barcodeKey(3, true);
const keys = [previous.verifying, current.verifying, retired.verifying];

const body = (seed: number) => Uint8Array.from({ length: 65 }, (_, i) => (i * 31 + seed) & 0xff);
const flipped = (payload: Uint8Array, at: number, mask: number) => {
  const copy = payload.slice();
  copy[at]! ^= mask;
  return copy;
};

describe('the signature field', () => {
  it('is the key id then the Ed25519 signature of bytes 1-65, which it leaves as they are', () => {
    const payload = signPayload(body(0), current.signing);
    expect(payload).toHaveLength(130);
    expect(payload.subarray(0, 65)).toEqual(body(0));
    expect(payload[65]).toBe(2);
    expect(checkSignature(payload, keys)).toEqual({ outcome: 'register', kid: 2 });
  });

  it('verifies under both keys while one rotates in and the other has not retired', () => {
    expect(checkSignature(signPayload(body(1), previous.signing), keys)).toEqual({ outcome: 'register', kid: 1 });
    expect(checkSignature(signPayload(body(1), current.signing), keys)).toEqual({ outcome: 'register', kid: 2 });
  });

  it('says when the key that signed has retired', () => {
    expect(checkSignature(signPayload(body(2), retired.signing), keys)).toEqual({ outcome: 'retired-key', kid: 3 });
  });

  it('is foreign when no key of ours is involved: an unknown key id, a signature none of ours made', () => {
    const payload = new Uint8Array(130);
    payload.set(body(3));
    payload[65] = 200;
    payload.set(randomBytes(64), 66);
    expect(checkSignature(payload, keys)).toEqual({ outcome: 'foreign' });
    // Signed by someone else's Ed25519 key under an id we do not use.
    expect(checkSignature(signPayload(body(3), barcodeKey(77).signing), keys)).toEqual({ outcome: 'foreign' });
    expect(checkSignature(signPayload(body(3), current.signing), [])).toEqual({ outcome: 'foreign' });
  });

  it('is tampered when it names one of our keys but another key made it', () => {
    const impostor = signPayload(body(4), { kid: 2, privateKey: barcodeKey(2).signing.privateKey });
    expect(checkSignature(impostor, keys)).toMatchObject({ outcome: 'tampered' });
  });

  it('is tampered, never ours nor foreign, whichever one of the 130 bytes is altered (xor 0x01, xor 0xFF)', () => {
    for (const signer of [current, previous, retired]) {
      const payload = signPayload(body(5), signer.signing);
      for (let at = 0; at < 130; at++) {
        for (const mask of [0x01, 0xff]) {
          const check = checkSignature(flipped(payload, at, mask), keys);
          expect(check, `byte ${at + 1} xor ${mask}`).toMatchObject({ outcome: 'tampered' });
        }
      }
    }
  });

  it('is tampered when the key byte alone is changed, to another of our keys or to none', () => {
    const payload = signPayload(body(6), current.signing);
    for (const kid of [0, 1, 3, 4, 255]) {
      const check = checkSignature(Uint8Array.from(payload, (b, i) => (i === 65 ? kid : b)), keys);
      expect(check).toMatchObject({ outcome: 'tampered' });
    }
  });

  it('is tampered for any body and any single byte altered in any way', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 65, maxLength: 65 }), fc.integer({ min: 0, max: 129 }), fc.integer({ min: 1, max: 255 }), (signed, at, mask) => {
        const payload = signPayload(signed, current.signing);
        expect(checkSignature(payload, keys)).toEqual({ outcome: 'register', kid: 2 });
        expect(checkSignature(flipped(payload, at, mask), keys)).toMatchObject({ outcome: 'tampered' });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what cannot be a payload or a key', () => {
    expect(() => checkSignature(new Uint8Array(129), keys)).toThrow(BarcodeError);
    expect(() => signPayload(new Uint8Array(64), current.signing)).toThrow(RangeError);
    expect(() => signPayload(body(7), { ...current.signing, kid: 0 })).toThrow(RangeError);
    expect(() => signPayload(body(7), { ...current.signing, kid: 256 })).toThrow(RangeError);
    expect(() => checkSignature(signPayload(body(7), current.signing), [{ kid: 2, publicKey: current.signing.privateKey }])).toThrow(RangeError);
    expect(() => signPayload(body(7), { kid: 2, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey })).toThrow(RangeError);
  });
});

/**
 * CPU cost of the policy barcode's payload: what the register pays to issue one and what a
 * clinic's app pays to read one. Run with `npx vitest bench --run test/bench/barcode.bench.ts`.
 */
import { bench, describe } from 'vitest';
import { checkSignature, decodePolicyPayload, payloadBytes, signedPolicyPayload, type PayloadHolder } from '#shared/barcode/index.ts';
import { barcodeKey } from '../support/barcode-keys.ts';

const [old, current] = [barcodeKey(1, true), barcodeKey(2)];
const keys = [old.verifying, current.verifying];
const holder: PayloadHolder = { enp: '7851000840000199', lastName: 'Константинопольская', firstName: 'Мария-Луиза', middleName: 'Александровна', sex: 'female', birthDate: '1999-08-09', validTo: '2031-12-31' };
const foreigner: PayloadHolder = { ...holder, lastName: "O'Shaughnessy", firstName: 'Siobhán', middleName: undefined };
const payload = signedPolicyPayload(holder, current.signing).bytes;
const scanned = Buffer.from(payload).toString('base64');
const foreign = payload.slice();
foreign[65] = 200;

describe('policy barcode payload', () => {
  bench('encode and sign (type 02)', () => void signedPolicyPayload(holder, current.signing));
  bench('encode and sign a Latin name (transliterated)', () => void signedPolicyPayload(foreigner, current.signing));
  bench('decode and check the signature', () => {
    decodePolicyPayload(payload);
    checkSignature(payload, keys);
  });
  bench('scanned base64 to a checked payload', () => {
    const bytes = payloadBytes(scanned);
    decodePolicyPayload(bytes);
    checkSignature(bytes, keys);
  });
  bench('check a foreign signature (tried under every key)', () => void checkSignature(foreign, keys));
});

import { generateKeyPairSync } from 'node:crypto';
import type { SigningKey, VerifyingKey } from '#shared/barcode/payload-signature.ts';

/** A fresh Ed25519 key pair under a key id, as the register would hold it and a clinic's app check with it. */
export function barcodeKey(kid: number, retired = false): { signing: SigningKey; verifying: VerifyingKey } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signing: { kid, privateKey }, verifying: { kid, publicKey, retired } };
}

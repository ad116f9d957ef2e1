/**
 * The signature field (bytes 66-130): one byte naming our key, then an Ed25519 signature of bytes
 * 1-65. On the fund's policies the field is a GOST signature we cannot check; ours lets a clinic's
 * app, offline, tell a barcode we issued from one we did not, or one altered since.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { BarcodeError } from './barcode-error.ts';

export const PAYLOAD_LENGTH = 130;
export const BODY_LENGTH = 65;

export interface SigningKey {
  kid: number;
  privateKey: KeyObject;
}

export interface VerifyingKey {
  kid: number;
  publicKey: KeyObject;
  /** Still checked, so barcodes already issued under it are recognised, but no longer current. */
  retired?: boolean;
}

export type SignatureCheck =
  | { outcome: 'register'; kid: number } // ours, valid, key not retired
  | { outcome: 'retired-key'; kid: number } // ours and valid, but that key has retired
  | { outcome: 'tampered'; reason: string } // names one of our keys but does not verify, or verifies under one of our keys with a different key byte
  | { outcome: 'foreign' }; // not signed by any key of ours (e.g. a paper policy with the fund's GOST signature)

/** A key the way it should be held: a private key to sign, only the public key to verify. */
function checkKey(kid: number, key: KeyObject, type: 'private' | 'public'): void {
  if (!Number.isInteger(kid) || kid < 1 || kid > 255) throw new RangeError(`a key id is 1..255, not ${kid}`);
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== type) {
    throw new RangeError(`key ${kid} must be an Ed25519 ${type} key, not ${key.asymmetricKeyType ?? 'a'} ${key.type} key`);
  }
}

/** The 130-byte payload: the 65-byte body, the key's id, and the body's signature. */
export function signPayload(body: Uint8Array, key: SigningKey): Uint8Array {
  if (body.length !== BODY_LENGTH) throw new RangeError(`the signed body is ${BODY_LENGTH} bytes, not ${body.length}`);
  checkKey(key.kid, key.privateKey, 'private');
  const payload = new Uint8Array(PAYLOAD_LENGTH);
  payload.set(body);
  payload[BODY_LENGTH] = key.kid;
  payload.set(sign(null, body, key.privateKey), BODY_LENGTH + 1);
  return payload;
}

/**
 * Who signed a payload. The key byte is not signed, so when it names none of our keys the
 * signature is still tried under each of them: a payload of ours whose key byte was altered is
 * 'tampered', never 'foreign'. Any single altered byte of a payload we signed gives 'tampered'.
 */
export function checkSignature(payload: Uint8Array, keys: readonly VerifyingKey[]): SignatureCheck {
  if (payload.length !== PAYLOAD_LENGTH) throw new BarcodeError('wrong-length', `The payload is ${payload.length} bytes, not ${PAYLOAD_LENGTH}.`);
  for (const key of keys) checkKey(key.kid, key.publicKey, 'public');
  const body = payload.subarray(0, BODY_LENGTH);
  const kid = payload[BODY_LENGTH]!;
  const signature = payload.subarray(BODY_LENGTH + 1);
  const verifies = (key: VerifyingKey) => verify(null, body, key.publicKey, signature);

  const named = keys.filter((key) => key.kid === kid);
  if (named.length > 0) {
    const valid = named.find(verifies);
    if (!valid) return { outcome: 'tampered', reason: `The signature does not verify under key ${kid}, which the payload names.` };
    return valid.retired ? { outcome: 'retired-key', kid } : { outcome: 'register', kid };
  }
  const signer = keys.find(verifies);
  if (signer) return { outcome: 'tampered', reason: `The signature verifies under key ${signer.kid}, but the payload names key ${kid}.` };
  return { outcome: 'foreign' };
}

/**
 * A scanner hands the 130 binary bytes over as text: hex (260 digits, spaces allowed) or base64
 * (standard or url-safe, padded or not). 260 hex digits are read as hex and anything else as
 * base64: base64 of 130 bytes is 174 or 176 characters, so the two never meet (even when the
 * base64 happens to be all hex digits, as a run of zero bytes is AAAA).
 */
import { BarcodeError } from './barcode-error.ts';
import { PAYLOAD_LENGTH } from './payload-signature.ts';

const HEX = /^[0-9a-f]*$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/; // one alphabet or the other, not both

export function payloadBytes(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!compact) throw new BarcodeError('bad-encoding', 'The scanned text is empty.');
  const hex = HEX.test(compact);
  if (hex && compact.length === 2 * PAYLOAD_LENGTH) return fromHex(compact);
  const bytes = fromBase64(compact);
  if (bytes.length !== PAYLOAD_LENGTH) {
    const detail = hex ? `${compact.length} hex digits, not ${2 * PAYLOAD_LENGTH}` : `${bytes.length} bytes of base64, not ${PAYLOAD_LENGTH}`;
    throw new BarcodeError('wrong-length', `The scanned text holds ${detail}.`);
  }
  return bytes;
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function fromBase64(text: string): Uint8Array {
  const unpadded = text.replace(/=+$/, '');
  const padded = text.length !== unpadded.length;
  if (!BASE64.test(text) || unpadded.length % 4 === 1 || (padded && text.length % 4 !== 0)) {
    throw new BarcodeError('bad-encoding', 'The scanned text is neither 260 hex digits nor base64.');
  }
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

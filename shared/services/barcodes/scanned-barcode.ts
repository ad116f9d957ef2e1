import { BarcodeError, checkSignature, decodePolicyPayload, holderMatches, payloadBytes, type DecodedPayload, type SignatureCheck } from '../../barcode/index.ts';
import { Problem } from '../../domain/problem.ts';
import type { PersonRecord, PolicyRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';
import { payloadHolder } from './shown-policy.ts';

/** A scanned barcode, its signature checked and read: what the verification answers of it, or why it is refused. */
export type ScannedBarcode =
  | {
      refusal?: undefined;
      decoded: DecodedPayload;
      answer: { structure: 1 | 2; signedBy: 'register' | 'other'; kid?: number };
      /** For a payload someone else signed: refused unless its name, sex and birth date are the register's for that ЕНП. */
      mismatchWith(person: PersonRecord, policy: PolicyRecord): Problem | undefined;
    }
  /** A forged or altered payload, or one signed with a key that has retired. */
  | { refusal: Problem };

const refused = (code: string, title: string, detail: string) => new Problem({ status: 422, code, title, detail, errors: [{ pointer: '/barcode', code, detail }] });

/**
 * Reads the 130 bytes (hex or base64) and checks who signed them: the register (one of its keys,
 * known from the ring, looked up again for a key id it does not know yet), someone else (a paper
 * policy signed by the fund), or no one (an altered byte anywhere: refused).
 */
export async function scannedBarcode(deps: Dependencies, text: string): Promise<ScannedBarcode> {
  const unreadable = (error: unknown) => {
    if (error instanceof BarcodeError) return Problem.invalid([{ pointer: '/barcode', code: error.code, detail: error.detail }], 'The barcode cannot be read.');
    return error;
  };
  let bytes: Uint8Array;
  try {
    bytes = payloadBytes(text);
  } catch (error) {
    throw unreadable(error);
  }
  // The signature first: a byte of the register's payload altered anywhere is an alteration, even
  // where it leaves a field no policy holds. The register writes only type 02: a type 01 payload is
  // an old paper policy, the fund's signature.
  const check: SignatureCheck = bytes[0] === 1 ? { outcome: 'foreign' } : checkSignature(bytes, await deps.signing.verifiers(deps.clock.now(), bytes[65]));
  if (check.outcome === 'tampered') {
    return { refusal: refused('barcode-tampered', 'Barcode altered', `The barcode's signature does not match its contents (${check.reason}): it was altered or forged. Check the person by document.`) };
  }
  if (check.outcome === 'retired-key') {
    return { refusal: refused('barcode-key-retired', 'Barcode signed with a retired key', `Key ${check.kid} has retired: the person shows the barcode afresh from the personal account, or is checked by number or document.`) };
  }
  let decoded: DecodedPayload;
  try {
    decoded = decodePolicyPayload(bytes);
  } catch (error) {
    throw unreadable(error);
  }
  return {
    decoded,
    answer: { structure: decoded.structure, signedBy: check.outcome === 'foreign' ? 'other' : 'register', ...(check.outcome === 'register' ? { kid: check.kid } : {}) },
    mismatchWith: (person, policy) =>
      check.outcome === 'foreign' && (!person.enp || !holderMatches(decoded, payloadHolder({ person: { ...person, enp: person.enp }, policy })))
        ? refused('barcode-not-matching', 'Barcode does not match the register', "The barcode's name, sex or birth date are not the register's for its ЕНП, and its signature is not the register's. Check the person by document.")
        : undefined,
  };
}

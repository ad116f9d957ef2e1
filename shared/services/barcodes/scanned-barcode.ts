import { BarcodeError, checkSignature, decodePolicyPayload, holderMatches, payloadBytes, type DecodedPayload, type SignatureCheck } from '../../barcode/index.ts';
import { Problem } from '../../domain/problem.ts';
import type { PersonRecord, PolicyRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';
import { payloadHolder } from './shown-policy.ts';

/** A scanned barcode, read and its signature checked: what the verification answers of it, or why it is refused. */
export interface ScannedBarcode {
  decoded: DecodedPayload;
  answer: { structure: 1 | 2; signedBy: 'register' | 'other'; kid?: number };
  /** A forged or altered payload, or one signed with a key that has retired. */
  refusal?: Problem;
  /** For a payload someone else signed: refused unless its name, sex and birth date are the register's for that ЕНП. */
  mismatchWith(person: PersonRecord, policy: PolicyRecord): Problem | undefined;
}

const refused = (code: string, title: string, detail: string) => new Problem({ status: 422, code, title, detail, errors: [{ pointer: '/barcode', code, detail }] });

/**
 * Reads the 130 bytes (hex or base64) and checks who signed them: the register (one of its keys,
 * known from the ring, looked up again for a key id it does not know yet), someone else (a paper
 * policy signed by the fund), or no one (an altered byte anywhere: refused).
 */
export async function scannedBarcode(deps: Dependencies, text: string): Promise<ScannedBarcode> {
  let bytes: Uint8Array;
  let decoded: DecodedPayload;
  try {
    bytes = payloadBytes(text);
    decoded = decodePolicyPayload(bytes);
  } catch (error) {
    if (error instanceof BarcodeError) throw Problem.invalid([{ pointer: '/barcode', code: error.code, detail: error.detail }], 'The barcode cannot be read.');
    throw error;
  }
  // The register writes only type 02: a type 01 payload is an old paper policy, the fund's signature.
  const check: SignatureCheck = decoded.structure === 1 ? { outcome: 'foreign' } : checkSignature(bytes, await deps.signing.verifiers(deps.clock.now(), bytes[65]));
  const answer = { structure: decoded.structure, signedBy: check.outcome === 'foreign' ? ('other' as const) : ('register' as const), ...('kid' in check ? { kid: check.kid } : {}) };
  const refusal =
    check.outcome === 'tampered'
      ? refused('barcode-tampered', 'Barcode altered', `The barcode's signature does not match its contents (${check.reason}): it was altered or forged. Check the person by document.`)
      : check.outcome === 'retired-key'
        ? refused('barcode-key-retired', 'Barcode signed with a retired key', `Key ${check.kid} has retired: the person shows the barcode afresh from the personal account, or is checked by number or document.`)
        : undefined;
  return {
    decoded,
    answer,
    refusal,
    mismatchWith: (person, policy) =>
      check.outcome === 'foreign' && (!person.enp || !holderMatches(decoded, payloadHolder({ person: { ...person, enp: person.enp }, policy })))
        ? refused('barcode-not-matching', 'Barcode does not match the register', "The barcode's name, sex or birth date are not the register's for its ЕНП, and its signature is not the register's. Check the person by document.")
        : undefined,
  };
}

/**
 * The policy barcode's 130-byte payload (shared/domain/README.md §8). The register writes
 * structure type 02 and signs it with its own key; it reads types 01 and 02, whoever signed them.
 * Byte offsets below count from 0 (shared/domain/README.md §8 counts from 1).
 */
import type { Sex } from '../domain/enp.ts';
import { BarcodeError } from './barcode-error.ts';
import { barcodeName, MAX_NAME_LENGTH, type NameAdjustment, type PersonName } from './barcode-name.ts';
import { readName01, readName02, writeName02 } from './name-field.ts';
import { readDate, readEnp, readSex, readUint, sexCode, writeDate, writeEnp } from './payload-fields.ts';
import { BODY_LENGTH, PAYLOAD_LENGTH, signPayload, type SigningKey } from './payload-signature.ts';

export interface PayloadHolder {
  enp: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  sex: Sex;
  birthDate: string; // YYYY-MM-DD
  validTo: string | null; // the policy's last day; null when unlimited
}

export interface DecodedPayload {
  structure: 1 | 2;
  enp: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  sex: Sex;
  birthDate: string | null;
  validTo: string | null;
  /** Type 01 only: the insurer's ОГРН, 13 digits. */
  ogrn?: string;
  /** Type 01 only: the ОКАТО code of the subject, at least 5 digits (45000 is Moscow, 03000 Krasnodar Krai). */
  okato?: string;
  /** Bytes 66-130 as they are; checkSignature tells whose they are. */
  signature: Uint8Array;
}

const ENP_AT = 1;
const NAME_AT = 9;
const TYPE_02 = { nameBytes: 51, nameLength: MAX_NAME_LENGTH, sex: 60, birthDate: 61, validTo: 63 } as const;
const TYPE_01 = { nameBytes: 42, nameLength: 56, sex: 51, birthDate: 52, validTo: 54, ogrn: 56, okato: 62 } as const;

/** Bytes 1-65 of a type 02 payload, and what the name rule changed of the holder's name. */
export function policyPayloadBody(holder: PayloadHolder): { body: Uint8Array; adjustments: NameAdjustment[] } {
  const { parts, adjustments } = barcodeName(holder);
  const body = new Uint8Array(BODY_LENGTH);
  body[0] = 2;
  writeEnp(body, ENP_AT, holder.enp);
  body.set(writeName02(parts, TYPE_02.nameLength), NAME_AT);
  body[TYPE_02.sex] = sexCode(holder.sex);
  writeDate(body, TYPE_02.birthDate, holder.birthDate, 'birth date');
  writeDate(body, TYPE_02.validTo, holder.validTo, 'policy expiry');
  // Checked as the decoder checks it, so that whatever the register signs reads back.
  if (holder.validTo !== null && holder.validTo < holder.birthDate) {
    throw new BarcodeError('bad-date', `The policy expiry ${holder.validTo} is before the birth date ${holder.birthDate}.`);
  }
  return { body, adjustments };
}

/** The register's barcode payload for a policy: type 02, signed. */
export function signedPolicyPayload(holder: PayloadHolder, key: SigningKey): { bytes: Uint8Array; adjustments: NameAdjustment[] } {
  const { body, adjustments } = policyPayloadBody(holder);
  return { bytes: signPayload(body, key), adjustments };
}

/** Reads a payload of either structure; throws a BarcodeError rather than return a field it cannot vouch for. */
export function decodePolicyPayload(bytes: Uint8Array): DecodedPayload {
  if (bytes.length !== PAYLOAD_LENGTH) throw new BarcodeError('wrong-length', `The payload is ${bytes.length} bytes, not ${PAYLOAD_LENGTH}.`);
  const structure = bytes[0];
  if (structure !== 1 && structure !== 2) {
    throw new BarcodeError('unknown-structure', `The structure type is 0x${structure!.toString(16).padStart(2, '0')}; this reader knows 0x01 and 0x02.`);
  }
  const layout = structure === 2 ? TYPE_02 : TYPE_01;
  const enp = readEnp(bytes, ENP_AT);
  const nameField = bytes.subarray(NAME_AT, NAME_AT + layout.nameBytes);
  const name = structure === 2 ? readName02(nameField) : readName01(nameField);
  const sex = readSex(bytes[layout.sex]!);
  const birthDate = readDate(bytes, layout.birthDate);
  const validTo = readDate(bytes, layout.validTo);
  if (birthDate !== null && validTo !== null && validTo < birthDate) {
    throw new BarcodeError('bad-date', `The policy expiry ${validTo} is before the birth date ${birthDate}.`);
  }
  const decoded: DecodedPayload = { structure, enp, ...name, sex, birthDate, validTo, signature: bytes.slice(BODY_LENGTH) };
  if (structure === 1) {
    decoded.ogrn = readUint(bytes, TYPE_01.ogrn, 6).toString().padStart(13, '0');
    decoded.okato = readUint(bytes, TYPE_01.okato, 3).toString().padStart(5, '0');
  }
  return decoded;
}

/**
 * Whether a payload is this holder's, for a payload someone else signed: the same ЕНП, the name
 * as the name rule writes the holder's (to the structure's length), the same sex and birth date.
 * The expiry is not compared: the register's record, not an old barcode, says how long a policy runs.
 */
export function holderMatches(decoded: DecodedPayload, holder: PayloadHolder): boolean {
  let written: PersonName;
  try {
    written = barcodeName(holder, decoded.structure === 2 ? TYPE_02.nameLength : TYPE_01.nameLength).parts;
  } catch (error) {
    if (error instanceof BarcodeError) return false; // a name the rule cannot write is on no barcode
    throw error;
  }
  return (
    decoded.enp === holder.enp &&
    decoded.lastName === written.lastName &&
    decoded.firstName === written.firstName &&
    decoded.middleName === written.middleName &&
    decoded.sex === holder.sex &&
    decoded.birthDate === holder.birthDate
  );
}

/**
 * Why a payload could not be read or written. The code is stable (callers and tests branch on
 * it); the detail is for people and names the byte, part or character at fault.
 */
export type BarcodeErrorCode =
  | 'wrong-length' // not 130 bytes
  | 'bad-encoding' // the scanned text is neither hex nor base64
  | 'unknown-structure' // the first byte is neither 0x01 nor 0x02
  | 'bad-enp' // not 16 digits, or the Luhn check digit fails
  | 'bad-name' // a reserved code, a missing part, or parts that are not surname, first name, patronymic
  | 'bad-sex' // neither 1 nor 2
  | 'bad-date' // out of the 16-bit range, not a date, or an expiry before the birth date
  | 'name-not-encodable'; // writing: a character of the name that the rule cannot bring into the alphabet

/** A part of a person's name, by the register's field names. */
export type NamePart = 'lastName' | 'firstName' | 'middleName';

export class BarcodeError extends Error {
  readonly code: BarcodeErrorCode;
  readonly detail: string;
  /** For a name the rule cannot write: the part and the character at fault. */
  readonly part?: NamePart;
  readonly character?: string;

  constructor(code: BarcodeErrorCode, detail: string, at: { part?: NamePart; character?: string } = {}) {
    super(`${code}: ${detail}`);
    this.name = 'BarcodeError';
    this.code = code;
    this.detail = detail;
    this.part = at.part;
    this.character = at.character;
  }
}

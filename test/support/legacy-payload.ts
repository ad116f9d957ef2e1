/**
 * Type 01 payloads, as policies issued under the first version of the rules carry them. The
 * register never writes one; the tests need them to check that it reads them. Written from
 * the domain rules (shared/domain/README.md §8) apart from the register's decoder: only the alphabet's packing is shared.
 */
import { codeOf, packCodes, SEPARATOR_CODE } from '#shared/barcode/alphabet.ts';

export interface LegacyPolicy {
  enp: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  sex: 'male' | 'female';
  birthDate: string | null;
  validTo: string | null;
  ogrn: string;
  okato: string;
  signature?: Uint8Array; // 65 bytes; zeros when absent
}

const codes = (text: string) => [...text].map((ch) => (ch === '|' ? SEPARATOR_CODE : codeOf(ch)!));
const reversed = (text: string) => [...text].reverse().join('');

/** The rules' steps: PATRONYMIC|SURNAME|FIRST, each part reversed, packed; the bytes in reverse order. */
export function scrambledName(name: { lastName: string; firstName: string; middleName?: string }, padTo?: number): Uint8Array {
  const text = [name.middleName ?? '', name.lastName, name.firstName].map(reversed).join('|');
  const padded = padTo === undefined ? text : text.padStart(padTo, ' ');
  return packCodes(codes(padded)).reverse();
}

const days = (date: string | null) => (date === null ? 0 : (Date.parse(date) - Date.parse('1900-01-01')) / 86_400_000);

export function legacyPayload(policy: LegacyPolicy): Uint8Array {
  const bytes = new Uint8Array(130);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x01;
  view.setBigUint64(1, BigInt(policy.enp));
  bytes.set(scrambledName(policy, 56), 9);
  bytes[51] = policy.sex === 'male' ? 1 : 2;
  view.setUint16(52, days(policy.birthDate));
  view.setUint16(54, days(policy.validTo));
  const ogrn = BigInt(policy.ogrn);
  view.setUint16(56, Number(ogrn >> 32n));
  view.setUint32(58, Number(ogrn & 0xffffffffn));
  const okato = Number(policy.okato);
  view.setUint8(62, okato >> 16);
  view.setUint16(63, okato & 0xffff);
  bytes.set(policy.signature ?? new Uint8Array(65), 65);
  return bytes;
}

/**
 * The name field of each structure. Type 02 holds SURNAME|FIRST|PATRONYMIC space-padded on the
 * right. Type 01 holds PATRONYMIC|SURNAME|FIRST with each part reversed, space-padded on the left,
 * packed, and the packed bytes written in reverse order (the type 01 worked example, test/unit/barcode/policy-payload.test.ts).
 */
import { CHARACTERS, packText, SEPARATOR, unpackCodes } from './alphabet.ts';
import { BarcodeError } from './barcode-error.ts';
import { joinedName, type PersonName } from './barcode-name.ts';

const reversed = (text: string) => [...text].reverse().join('');

export function writeName02(parts: PersonName, length: number): Uint8Array {
  return packText(joinedName(parts), length);
}

export function readName02(field: Uint8Array): PersonName {
  const [lastName = '', firstName = '', middleName, ...more] = textOf(field).trimEnd().split(SEPARATOR);
  if (more.length > 0) throw new BarcodeError('bad-name', `The name has ${more.length + 3} parts; it has at most three.`);
  return nameOf(lastName, firstName, middleName);
}

export function readName01(field: Uint8Array): PersonName {
  const parts = textOf(field.toReversed()).trimStart().split(SEPARATOR).map(reversed);
  if (parts.length !== 3) throw new BarcodeError('bad-name', `The name has ${parts.length} parts; type 01 has three (patronymic, surname, first name).`);
  const [middleName, lastName, firstName] = parts as [string, string, string];
  return nameOf(lastName, firstName, middleName);
}

function textOf(field: Uint8Array): string {
  return unpackCodes(field)
    .map((code, i) => {
      const ch = CHARACTERS[code];
      if (ch === undefined) throw new BarcodeError('bad-name', `Name character ${i + 1} has the reserved code 0x${code.toString(16).toUpperCase()}.`);
      return ch;
    })
    .join('');
}

/** Spaces around a part are padding; a surname and a first name must remain. */
function nameOf(lastName: string, firstName: string, middleName: string | undefined): PersonName {
  const name: PersonName = { lastName: lastName.trim(), firstName: firstName.trim() };
  if (!name.lastName) throw new BarcodeError('bad-name', 'The name has no surname.');
  if (!name.firstName) throw new BarcodeError('bad-name', 'The name has no first name.');
  if (middleName?.trim()) name.middleName = middleName.trim();
  return name;
}

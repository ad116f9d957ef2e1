/**
 * The barcode's 6-bit alphabet for names (shared/domain/README.md §8): 64 codes, of which
 * 0x2F-0x3E are reserved. Four characters pack into three bytes, most significant bit first.
 */
export const SEPARATOR = '|';
export const SEPARATOR_CODE = 0x3f;
/** The code unused name bytes decode to: the padding. */
export const SPACE_CODE = 0x00;

// Note Ь before Ъ: the order is the specification's, not the Russian alphabet's.
const LETTERS = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЪЫЭЮЯ';

/** The character of each code; undefined for the reserved codes. */
export const CHARACTERS: readonly (string | undefined)[] = [
  ' ', '.', '-', '‘',
  ...'0123456789',
  ...LETTERS,
  ...Array<undefined>(SEPARATOR_CODE - 0x0e - LETTERS.length),
  SEPARATOR,
];

const CODES = new Map(CHARACTERS.flatMap((ch, code) => (ch === undefined ? [] : [[ch, code] as const])));

/** The code of a character, undefined when the alphabet has none (the separator included). */
export function codeOf(ch: string): number | undefined {
  return CODES.get(ch);
}

/** Packs codes, four to three bytes. The count must be a multiple of four. */
export function packCodes(codes: readonly number[]): Uint8Array {
  if (codes.length % 4 !== 0) throw new RangeError(`pack a multiple of 4 codes, not ${codes.length}`);
  const bytes = new Uint8Array((codes.length / 4) * 3);
  for (let i = 0, b = 0; i < codes.length; i += 4, b += 3) {
    const group = (codes[i]! << 18) | (codes[i + 1]! << 12) | (codes[i + 2]! << 6) | codes[i + 3]!;
    bytes[b] = group >> 16;
    bytes[b + 1] = (group >> 8) & 0xff;
    bytes[b + 2] = group & 0xff;
  }
  return bytes;
}

/** Unpacks three bytes to four codes. The byte count must be a multiple of three. */
export function unpackCodes(bytes: Uint8Array): number[] {
  if (bytes.length % 3 !== 0) throw new RangeError(`unpack a multiple of 3 bytes, not ${bytes.length}`);
  const codes: number[] = [];
  for (let b = 0; b < bytes.length; b += 3) {
    const group = (bytes[b]! << 16) | (bytes[b + 1]! << 8) | bytes[b + 2]!;
    codes.push(group >> 18, (group >> 12) & 0x3f, (group >> 6) & 0x3f, group & 0x3f);
  }
  return codes;
}

/**
 * Packs text of the alphabet into `length` characters, padded with spaces on the right (or on the
 * left, for the type 01 name). Throws a RangeError on a character outside the alphabet or text
 * too long: the name rule has already brought names into the alphabet and within bounds.
 */
export function packText(text: string, length: number, pad: 'right' | 'left' = 'right'): Uint8Array {
  const chars = [...text];
  if (chars.length > length) throw new RangeError(`text of ${chars.length} characters does not fit in ${length}`);
  const codes = chars.map((ch) => {
    const code = codeOf(ch);
    if (code === undefined) throw new RangeError(`no code for ${JSON.stringify(ch)}`);
    return code;
  });
  const padding = Array<number>(length - codes.length).fill(SPACE_CODE);
  return packCodes(pad === 'right' ? [...codes, ...padding] : [...padding, ...codes]);
}

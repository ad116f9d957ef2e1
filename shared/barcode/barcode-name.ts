/**
 * How a person's name becomes barcode text. The barcode's alphabet has only the Russian capitals,
 * digits, space, `.`, `-` and `‘`, and 68 characters for the three parts with their separators,
 * so a name on record may not fit as it is. The rule, the same for every name:
 *
 * 1. Capitals. Ё stays Ё (it is a letter of the alphabet, never folded into Е). Spaces stay,
 *    runs of them become one, and each part is trimmed. Hyphens and dots stay.
 * 2. An apostrophe (' ’ ʼ) is written ‘, the alphabet's. Reported: `apostrophe`.
 * 3. Any other character the alphabet lacks loses its diacritics (NFD, marks dropped; Ł Ø Đ Ð Ħ
 *    Æ Œ Þ ẞ, which Unicode does not decompose, become L O D D H AE OE TH SS). Reported: `diacritics`.
 * 4. Latin letters are transliterated to Cyrillic by the fixed table in name-letters.ts (the
 *    reverse reading of the Russian passport's table, longest match first: SHCH Щ, ZH Ж, KH Х,
 *    TS Ц, CH Ч, SH Ш, YU/IU Ю, YA/IA Я, then one letter each, C К, H Х, J ДЖ, Q К, W В, X КС, Y Ы);
 *    letters of other Cyrillic alphabets (І Є Ґ Ә Ө Ү Қ Ң ...) become the nearest Russian letter.
 *    Reported: `transliterated`.
 * 5. Anything still outside the alphabet (another script, a symbol, the separator `|`) is refused:
 *    BarcodeError `name-not-encodable`, naming the part and the character. Nothing is guessed.
 * 6. If SURNAME|FIRST|PATRONYMIC is longer than the field, the patronymic is shortened first, then
 *    the first name, then the surname: a shortened part keeps its first letters and ends with a dot
 *    ("АЛЕКСАНДРОВНА" → "АЛЕКС."), never less than one letter and the dot. Reported: `truncated`.
 *
 * Each report names the part, so the holder can be told where the barcode differs from the record.
 */
import { codeOf, SEPARATOR } from './alphabet.ts';
import { BarcodeError, type NamePart } from './barcode-error.ts';
import { APOSTROPHES, HYPHENS, latinToCyrillic, OTHER_CYRILLIC, UNDECOMPOSED_LATIN } from './name-letters.ts';

export type { NamePart } from './barcode-error.ts';

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName?: string;
}

export type NameAdjustmentKind = 'apostrophe' | 'diacritics' | 'transliterated' | 'truncated';

export interface NameAdjustment {
  kind: NameAdjustmentKind;
  part: NamePart;
}

export interface BarcodeName {
  /** Each part as the barcode writes it; no middleName when there is none. */
  parts: PersonName;
  adjustments: NameAdjustment[];
}

/** Characters for the three parts and their separators in a type 02 payload. */
export const MAX_NAME_LENGTH = 68;

const PART_NAMES: Record<NamePart, string> = { lastName: 'surname', firstName: 'first name', middleName: 'patronymic' };
const LATIN_CAPITAL = /^[A-Z]$/;
const MARKS = /\p{M}/gu;
const inAlphabet = (ch: string) => ch !== SEPARATOR && codeOf(ch) !== undefined;
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The name as barcode text, within `maxLength` characters joined (68, or 56 for type 01). */
export function barcodeName(name: PersonName, maxLength = MAX_NAME_LENGTH): BarcodeName {
  const adjustments: NameAdjustment[] = [];
  const adjust = (kind: NameAdjustmentKind, part: NamePart) => {
    if (!adjustments.some((a) => a.kind === kind && a.part === part)) adjustments.push({ kind, part });
  };
  const parts: PersonName = {
    lastName: writePart(name.lastName, 'lastName', adjust),
    firstName: writePart(name.firstName, 'firstName', adjust),
  };
  const middleName = writePart(name.middleName ?? '', 'middleName', adjust);
  if (middleName) parts.middleName = middleName;
  for (const part of ['lastName', 'firstName'] as const) {
    if (!parts[part]) throw new BarcodeError('name-not-encodable', `The ${PART_NAMES[part]} is empty.`, { part });
  }
  shorten(parts, maxLength, adjust);
  return { parts, adjustments };
}

/** The parts joined by the separator, as the type 02 payload holds them. */
export function joinedName(parts: PersonName): string {
  return [parts.lastName, parts.firstName, ...(parts.middleName ? [parts.middleName] : [])].join(SEPARATOR);
}

function writePart(raw: string, part: NamePart, adjust: (kind: NameAdjustmentKind, part: NamePart) => void): string {
  let out = '';
  let latin = ''; // a run of Latin letters, transliterated whole so that SH, CH, SHCH are seen
  const endLatin = () => {
    if (!latin) return;
    out += latinToCyrillic(latin);
    latin = '';
    adjust('transliterated', part);
  };
  for (const ch of raw.normalize('NFC').toUpperCase()) {
    if (inAlphabet(ch)) {
      endLatin();
      out += ch;
    } else if (/\s/u.test(ch)) {
      endLatin();
      out += ' ';
    } else if (APOSTROPHES.has(ch)) {
      endLatin();
      out += '‘';
      adjust('apostrophe', part);
    } else if (HYPHENS.has(ch)) {
      endLatin();
      out += '-';
    } else {
      const bare = ch.normalize('NFD').replace(MARKS, '');
      const base = [...bare].map((c) => UNDECOMPOSED_LATIN[c] ?? c).join('');
      if (base !== ch) adjust('diacritics', part);
      for (const c of base) {
        if (LATIN_CAPITAL.test(c)) {
          latin += c;
          continue;
        }
        endLatin();
        if (inAlphabet(c)) {
          out += c;
        } else if (OTHER_CYRILLIC[c] !== undefined) {
          out += OTHER_CYRILLIC[c];
          adjust('transliterated', part);
        } else {
          const detail = `The ${PART_NAMES[part]} has «${ch}» (${codePoint(ch)}), which the barcode cannot write: only letters of the Russian, Latin and other Cyrillic alphabets, digits, spaces, hyphens, dots and apostrophes.`;
          throw new BarcodeError('name-not-encodable', detail, { part, character: ch });
        }
      }
    }
  }
  endLatin();
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Rule 6: the patronymic, then the first name, then the surname, each to no less than "Х.". */
function shorten(parts: PersonName, maxLength: number, adjust: (kind: NameAdjustmentKind, part: NamePart) => void): void {
  for (const part of ['middleName', 'firstName', 'lastName'] as const) {
    const over = joinedName(parts).length - maxLength;
    if (over <= 0) return;
    const value = parts[part];
    if (value === undefined || value.length <= 2) continue; // "Х." would be no shorter
    const keep = Math.max(1, value.length - over - 1);
    const stem = value.slice(0, keep).replace(/[ .‘-]+$/u, '');
    parts[part] = `${stem || value[0]}.`;
    adjust('truncated', part);
  }
}

/**
 * Text the register accepts and stores: Unicode NFC (a decomposed «й» is the letter «й»), and
 * nothing invisible or undefined — no control or format characters (NUL, the right-to-left
 * override, zero-width spaces), no unassigned or private-use code points, no lone surrogates,
 * no line or paragraph separators. Every string of every request goes through here.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u;

export function normalizeText(text: string): string {
  // A lone surrogate survives normalization unchanged; it is refused by `hasForbiddenCharacter`.
  return text.normalize('NFC');
}

export function hasForbiddenCharacter(text: string): boolean {
  return !text.isWellFormed() || FORBIDDEN.test(text);
}

export type Script = 'cyrillic' | 'latin';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/**
 * The one script a name's letters are written in; 'mixed' when letters of both Cyrillic and Latin
 * appear (a look-alike such as «Ivanоv» with a Cyrillic «о»), 'other' for letters of any other script.
 */
export function scriptOf(text: string): Script | 'mixed' | 'other' | 'none' {
  let cyrillic = false;
  let latin = false;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (CYRILLIC.test(ch)) cyrillic = true;
    else if (LATIN.test(ch)) latin = true;
    else return 'other';
  }
  if (cyrillic && latin) return 'mixed';
  return cyrillic ? 'cyrillic' : latin ? 'latin' : 'none';
}

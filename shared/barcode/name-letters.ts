/**
 * The tables of the name rule (barcode-name.ts): how a letter the barcode's alphabet lacks becomes
 * letters it has.
 */

/** Apostrophes as people type them; the alphabet's is ‘ (U+2018). */
export const APOSTROPHES = new Set(["'", '’', 'ʼ']);

/** Hyphens other than the ASCII one, written as it: the same mark in another code point. */
export const HYPHENS = new Set(['‐', '‑']);

/**
 * Latin letters with a stroke or a ligature, which Unicode does not decompose (NFD leaves them
 * whole): their base letters, so that transliteration can read them.
 */
export const UNDECOMPOSED_LATIN: Readonly<Record<string, string>> = {
  Ł: 'L', Ø: 'O', Đ: 'D', Ð: 'D', Ħ: 'H', Æ: 'AE', Œ: 'OE', Þ: 'TH', ẞ: 'SS',
};

/**
 * Letters of the other Cyrillic alphabets of Russia and its neighbours (Ukrainian, Belarusian,
 * Kazakh, Tatar, Bashkir, Tajik, Uzbek, Kyrgyz, Serbian Ј) that NFD does not reduce to a Russian
 * letter: the nearest Russian letter, as Russian documents write these names.
 */
export const OTHER_CYRILLIC: Readonly<Record<string, string>> = {
  Ґ: 'Г', Ғ: 'Г', Є: 'Е', І: 'И', Ј: 'Й', Ә: 'А', Ҙ: 'З', Җ: 'Ж', Қ: 'К', Ҡ: 'К',
  Ң: 'Н', Ө: 'О', Ҫ: 'С', Ұ: 'У', Ү: 'У', Һ: 'Х', Ҳ: 'Х', Ҷ: 'Ч',
};

/**
 * Latin to Cyrillic: the reverse reading of the Russian passport's transliteration table (МВД, as
 * ICAO Doc 9303: Ж ZH, Х KH, Ц TS, Ч CH, Ш SH, Щ SHCH, Ю IU, Я IA, Ы Y), with the older
 * passports' YU and YA, and a letter for each Latin letter the table never writes (C, H, J, Q, W, X).
 * Read longest match first. It cannot be exact: the table folds letters together (Е, Ё and Э are
 * all E; И and Й are both I), drops Ь and writes Ъ as IE, so no reading recovers them; and a
 * foreigner's name was never written from Cyrillic at all (MARIA reads МАРЯ, as MARIIA reads МАРИЯ).
 * It is fixed so that the same name always gives the same barcode.
 */
export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  SHCH: 'Щ',
  ZH: 'Ж', KH: 'Х', TS: 'Ц', CH: 'Ч', SH: 'Ш', YU: 'Ю', IU: 'Ю', YA: 'Я', IA: 'Я',
  A: 'А', B: 'Б', C: 'К', D: 'Д', E: 'Е', F: 'Ф', G: 'Г', H: 'Х', I: 'И', J: 'ДЖ', K: 'К', L: 'Л', M: 'М',
  N: 'Н', O: 'О', P: 'П', Q: 'К', R: 'Р', S: 'С', T: 'Т', U: 'У', V: 'В', W: 'В', X: 'КС', Y: 'Ы', Z: 'З',
};

const LONGEST_LATIN = Math.max(...Object.keys(LATIN_TO_CYRILLIC).map((k) => k.length));

/** A run of Latin capitals A-Z in Cyrillic, longest match first at each position. */
export function latinToCyrillic(latin: string): string {
  let out = '';
  for (let i = 0; i < latin.length; ) {
    for (let n = Math.min(LONGEST_LATIN, latin.length - i); n > 0; n--) {
      const cyrillic = LATIN_TO_CYRILLIC[latin.slice(i, i + n)];
      if (cyrillic !== undefined) {
        out += cyrillic;
        i += n;
        break;
      }
      if (n === 1) throw new RangeError(`not a Latin capital: ${latin[i]}`);
    }
  }
  return out;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarcodeError } from '#shared/barcode/barcode-error.ts';
import { barcodeName, joinedName, MAX_NAME_LENGTH, type PersonName } from '#shared/barcode/barcode-name.ts';
import { latinToCyrillic } from '#shared/barcode/name-letters.ts';

const refusal = (name: PersonName) => {
  try {
    barcodeName(name);
  } catch (error) {
    return error as BarcodeError;
  }
  throw new Error('not refused');
};

describe('the name rule', () => {
  it('writes a Russian name in capitals, with nothing to report', () => {
    expect(barcodeName({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' })).toEqual({
      parts: { lastName: 'ИВАНОВ', firstName: 'ИВАН', middleName: 'ИВАНОВИЧ' },
      adjustments: [],
    });
  });

  it('keeps Ё and Й, whatever the Unicode form they came in', () => {
    expect(barcodeName({ lastName: 'Соловьёв', firstName: 'Артём', middleName: 'Андреевич' }).parts).toEqual({ lastName: 'СОЛОВЬЁВ', firstName: 'АРТЁМ', middleName: 'АНДРЕЕВИЧ' });
    expect(barcodeName({ lastName: 'Ёлкин'.normalize('NFD'), firstName: 'Йосиф'.normalize('NFD') })).toEqual({ parts: { lastName: 'ЁЛКИН', firstName: 'ЙОСИФ' }, adjustments: [] });
  });

  it('writes every apostrophe as ‘, and says so', () => {
    for (const apostrophe of ["'", '’', 'ʼ']) {
      expect(barcodeName({ lastName: `Д${apostrophe}Артаньян`, firstName: 'Шарль' })).toEqual({
        parts: { lastName: 'Д‘АРТАНЬЯН', firstName: 'ШАРЛЬ' },
        adjustments: [{ kind: 'apostrophe', part: 'lastName' }],
      });
    }
    expect(barcodeName({ lastName: 'Д‘Артаньян', firstName: 'Шарль' }).adjustments).toEqual([]);
  });

  it('keeps a hyphenated double surname, spaces and dots; collapses runs of spaces', () => {
    expect(barcodeName({ lastName: 'Римская-Корсакова', firstName: 'Анна  Мария ', middleName: ' Ив.' })).toEqual({
      parts: { lastName: 'РИМСКАЯ-КОРСАКОВА', firstName: 'АННА МАРИЯ', middleName: 'ИВ.' },
      adjustments: [],
    });
  });

  it('has no patronymic when there is none or it is blank', () => {
    expect(barcodeName({ lastName: 'Ли', firstName: 'Юн' }).parts).toEqual({ lastName: 'ЛИ', firstName: 'ЮН' });
    expect(barcodeName({ lastName: 'Ли', firstName: 'Юн', middleName: '  ' }).parts).toEqual({ lastName: 'ЛИ', firstName: 'ЮН' });
  });

  it('transliterates a Latin name by the reverse passport table, longest match first, and says so', () => {
    expect(barcodeName({ lastName: 'Shcherbakova', firstName: 'Mariia', middleName: 'Iurevna' })).toEqual({
      parts: { lastName: 'ЩЕРБАКОВА', firstName: 'МАРИЯ', middleName: 'ЮРЕВНА' },
      adjustments: [
        { kind: 'transliterated', part: 'lastName' },
        { kind: 'transliterated', part: 'firstName' },
        { kind: 'transliterated', part: 'middleName' },
      ],
    });
    expect(barcodeName({ lastName: 'Smith', firstName: 'John' }).parts).toEqual({ lastName: 'СМИТХ', firstName: 'ДЖОХН' });
    expect(latinToCyrillic('ZHUKOVSKAYA')).toBe('ЖУКОВСКАЯ');
    expect(latinToCyrillic('KHACHATURIAN')).toBe('ХАЧАТУРЯН');
    expect(latinToCyrillic('TSOI')).toBe('ЦОИ');
    expect(latinToCyrillic('YULIYA')).toBe('ЮЛИЯ');
    expect(latinToCyrillic('QWXY')).toBe('КВКСЫ');
  });

  it('drops diacritics of a foreign name before transliterating it, and says both', () => {
    expect(barcodeName({ lastName: "O'Connor-Müller", firstName: 'Zoë', middleName: 'Łucja' })).toEqual({
      parts: { lastName: 'О‘КОННОР-МУЛЛЕР', firstName: 'ЗОЕ', middleName: 'ЛУКДЖА' },
      adjustments: [
        { kind: 'transliterated', part: 'lastName' },
        { kind: 'apostrophe', part: 'lastName' },
        { kind: 'diacritics', part: 'lastName' },
        { kind: 'diacritics', part: 'firstName' },
        { kind: 'transliterated', part: 'firstName' },
        { kind: 'diacritics', part: 'middleName' },
        { kind: 'transliterated', part: 'middleName' },
      ],
    });
    // A stress mark on a Russian name is a diacritic too.
    expect(barcodeName({ lastName: 'Ива́нов', firstName: 'Иван' })).toEqual({ parts: { lastName: 'ИВАНОВ', firstName: 'ИВАН' }, adjustments: [{ kind: 'diacritics', part: 'lastName' }] });
  });

  it('writes letters of the other Cyrillic alphabets as the nearest Russian letter', () => {
    expect(barcodeName({ lastName: 'Тұрсынбаева', firstName: 'Әйгерім' }).parts).toEqual({ lastName: 'ТУРСЫНБАЕВА', firstName: 'АЙГЕРИМ' });
    expect(barcodeName({ lastName: 'Ґалаґан', firstName: 'Ївга', middleName: 'Євгенівна' }).parts).toEqual({ lastName: 'ГАЛАГАН', firstName: 'ИВГА', middleName: 'ЕВГЕНИВНА' });
  });

  it('refuses a character it cannot write, naming the part and the character', () => {
    const chinese = refusal({ lastName: 'Ли', firstName: '李' });
    expect(chinese).toBeInstanceOf(BarcodeError);
    expect(chinese).toMatchObject({ code: 'name-not-encodable', part: 'firstName', character: '李' });
    expect(chinese.detail).toContain('first name');
    expect(chinese.detail).toContain('U+674E');
    expect(refusal({ lastName: 'Иванов|Петров', firstName: 'Иван' })).toMatchObject({ code: 'name-not-encodable', part: 'lastName', character: '|' });
    expect(refusal({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Αλέξανδρος' })).toMatchObject({ code: 'name-not-encodable', part: 'middleName', character: 'Α' });
    expect(refusal({ lastName: '  ', firstName: 'Иван' })).toMatchObject({ code: 'name-not-encodable', part: 'lastName' });
  });

  it('shortens a name too long for the field: the patronymic first, then the first name, then the surname, each ending in a dot', () => {
    const long = { lastName: 'Константинопольская-Задунайская', firstName: 'Александра-Виктория', middleName: 'Константиновна-Ивановна' };
    expect(joinedName(barcodeName(long, 1000).parts)).toHaveLength(75);
    const { parts, adjustments } = barcodeName(long);
    expect(parts).toEqual({ lastName: 'КОНСТАНТИНОПОЛЬСКАЯ-ЗАДУНАЙСКАЯ', firstName: 'АЛЕКСАНДРА-ВИКТОРИЯ', middleName: 'КОНСТАНТИНОВНА.' });
    expect(joinedName(parts).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(adjustments).toEqual([{ kind: 'truncated', part: 'middleName' }]);

    const longer = barcodeName({ lastName: 'Я'.repeat(40), firstName: 'Б'.repeat(30), middleName: 'В'.repeat(20) });
    expect(longer.parts).toEqual({ lastName: 'Я'.repeat(40), firstName: `${'Б'.repeat(23)}.`, middleName: 'В.' });
    expect(longer.adjustments).toEqual([{ kind: 'truncated', part: 'middleName' }, { kind: 'truncated', part: 'firstName' }]);

    const longest = barcodeName({ lastName: 'Я'.repeat(80), firstName: 'Б'.repeat(30), middleName: 'В' });
    expect(longest.parts).toEqual({ lastName: `${'Я'.repeat(62)}.`, firstName: 'Б.', middleName: 'В' });
    expect(joinedName(longest.parts)).toHaveLength(MAX_NAME_LENGTH);
  });

  it('never keeps a space or a hyphen before the dot of a shortened part', () => {
    const { parts } = barcodeName({ lastName: 'Я'.repeat(58), firstName: 'Анна-Мария', middleName: 'Ивановна' });
    expect(parts).toEqual({ lastName: 'Я'.repeat(58), firstName: 'АННА.', middleName: 'И.' });
  });

  it('fits every name of at most 60 characters a part into the field, changing only what it reports', () => {
    const part = fc.string({ unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя -'), minLength: 1, maxLength: 60 }).filter((s) => /\S/.test(s));
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: undefined }), (lastName, firstName, middleName) => {
        const { parts, adjustments } = barcodeName({ lastName, firstName, middleName });
        expect(joinedName(parts).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(adjustments.every((a) => a.kind === 'truncated')).toBe(true);
        const upper = (s?: string) => s?.toUpperCase().replace(/ +/g, ' ').trim() || undefined;
        for (const key of ['lastName', 'firstName', 'middleName'] as const) {
          const truncated = adjustments.some((a) => a.part === key);
          if (!truncated) expect(parts[key]).toBe(upper({ lastName, firstName, middleName }[key]));
          else expect(parts[key]).toMatch(/^[^ ].*\.$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

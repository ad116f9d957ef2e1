import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHARACTERS, packCodes, packText, SEPARATOR, unpackCodes } from '#shared/barcode/alphabet.ts';
import { BarcodeError, type BarcodeErrorCode } from '#shared/barcode/barcode-error.ts';
import { checkSignature } from '#shared/barcode/payload-signature.ts';
import { decodePolicyPayload, holderMatches, signedPolicyPayload, type PayloadHolder } from '#shared/barcode/policy-payload.ts';
import { luhnCheckDigit } from '#shared/domain/enp.ts';
import { barcodeKey } from '../../support/barcode-keys.ts';
import { legacyPayload, scrambledName, type LegacyPolicy } from '../../support/legacy-payload.ts';

const key = barcodeKey(7);
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const fromHex = (text: string) => Uint8Array.from(text.split(' '), (h) => parseInt(h, 16));
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const holder: PayloadHolder = {
  enp: '7851000840000199',
  lastName: 'Соловьёв',
  firstName: 'Пётр',
  middleName: 'Ильич',
  sex: 'male',
  birthDate: '1999-08-09',
  validTo: null,
};

const signed = (over: Partial<PayloadHolder> = {}) => signedPolicyPayload({ ...holder, ...over }, key.signing).bytes;

const refusal = (read: () => unknown): BarcodeErrorCode => {
  try {
    read();
  } catch (error) {
    if (error instanceof BarcodeError) return error.code;
    throw error;
  }
  throw new Error('not refused');
};

/** A copy of a payload with some bytes set. */
const altered = (bytes: Uint8Array, at: number, values: ArrayLike<number>) => {
  const copy = bytes.slice();
  copy.set(values, at);
  return copy;
};

describe('the type 02 payload the register writes', () => {
  it("puts each field at the domain rules' bytes (§8)", () => {
    const bytes = signed({ validTo: '2000-01-01' });
    expect(bytes).toHaveLength(130);
    expect(bytes[0]).toBe(0x02);
    expect(view(bytes).getBigUint64(1)).toBe(7_851_000_840_000_199n);
    const name = unpackCodes(bytes.subarray(9, 60)).map((code) => CHARACTERS[code]).join('');
    expect(name).toBe('СОЛОВЬЁВ|ПЁТР|ИЛЬИЧ'.padEnd(68, ' '));
    expect(bytes.subarray(9 + 15, 60).every((b) => b === 0)).toBe(true); // 19 characters take 15 bytes; the rest are spaces
    expect(bytes[60]).toBe(1);
    expect(view(bytes).getUint16(61)).toBe(36_524 - 145); // 1999-08-09, 145 days before 2000-01-01
    expect(view(bytes).getUint16(63)).toBe(36_524); // 2000-01-01: 100 years of 365 days and 24 leap days
    expect(bytes[65]).toBe(7);
  });

  it('writes no expiry as 0, and reads every day count as the date that many days after 1900-01-01', () => {
    expect(view(signed({ validTo: null })).getUint16(63)).toBe(0);
    const withDays = (birth: number, expiry: number) => decodePolicyPayload(altered(altered(signed(), 61, [birth >> 8, birth & 0xff]), 63, [expiry >> 8, expiry & 0xff]));
    expect(withDays(1, 65_535)).toMatchObject({ birthDate: '1900-01-02', validTo: '2079-06-06' });
    expect(withDays(0, 0)).toMatchObject({ birthDate: null, validTo: null });
    expect(withDays(36_524, 36_524 + 59)).toMatchObject({ birthDate: '2000-01-01', validTo: '2000-02-29' });
  });

  it('decodes to the holder, the signature field as signed', () => {
    const bytes = signed({ validTo: '2031-12-31' });
    expect(decodePolicyPayload(bytes)).toEqual({
      structure: 2,
      enp: '7851000840000199',
      lastName: 'СОЛОВЬЁВ',
      firstName: 'ПЁТР',
      middleName: 'ИЛЬИЧ',
      sex: 'male',
      birthDate: '1999-08-09',
      validTo: '2031-12-31',
      signature: bytes.slice(65),
    });
  });

  it('reports what the name rule changed', () => {
    const { adjustments } = signedPolicyPayload({ ...holder, lastName: "D'Artagnan", middleName: undefined }, key.signing);
    expect(adjustments).toEqual([
      { kind: 'transliterated', part: 'lastName' },
      { kind: 'apostrophe', part: 'lastName' },
    ]);
  });

  it('refuses a holder it cannot write faithfully', () => {
    expect(refusal(() => signed({ enp: '7712345678901234' }))).toBe('bad-enp');
    expect(refusal(() => signed({ birthDate: '1900-01-01' }))).toBe('bad-date'); // day 0 means "none"
    expect(refusal(() => signed({ birthDate: '2023-02-29' }))).toBe('bad-date');
    expect(refusal(() => signed({ validTo: '2079-06-07' }))).toBe('bad-date');
    expect(refusal(() => signed({ validTo: '1999-08-08' }))).toBe('bad-date');
    expect(refusal(() => signed({ sex: 'other' as never }))).toBe('bad-sex');
    expect(refusal(() => signed({ firstName: 'Пётр Ⅰ' }))).toBe('name-not-encodable'); // the Roman numeral, not a letter
  });
});

describe('round trips through signing and decoding', () => {
  const nameCharacters = CHARACTERS.filter((ch): ch is string => ch !== undefined && ch !== SEPARATOR);
  const part = (maxLength: number) =>
    fc.string({ unit: fc.constantFrom(...nameCharacters), minLength: 1, maxLength }).filter((s) => s === s.trim() && !s.includes('  '));
  const date = (min: string, max: string) =>
    fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const enp = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 15 }).map((digits) => digits + String(luhnCheckDigit(digits)));

  const roundTrip = (h: PayloadHolder) => {
    const { bytes, adjustments } = signedPolicyPayload(h, key.signing);
    expect(checkSignature(bytes, [key.verifying])).toEqual({ outcome: 'register', kid: 7 });
    return { decoded: decodePolicyPayload(bytes), adjustments };
  };

  it('keeps every name already in the alphabet exactly, parts up to the 68 characters of the field', () => {
    fc.assert(
      fc.property(part(34), part(16), fc.option(part(16), { nil: undefined }), (lastName, firstName, middleName) => {
        const { decoded, adjustments } = roundTrip({ ...holder, lastName, firstName, middleName });
        expect(adjustments).toEqual([]);
        expect({ lastName: decoded.lastName, firstName: decoded.firstName, middleName: decoded.middleName }).toEqual({ lastName, firstName, middleName });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every birth date from 1900-01-02 to 2030-12-31, and no expiry or any expiry from it to 2079-06-06', () => {
    fc.assert(
      fc.property(date('1900-01-02', '2030-12-31'), fc.option(date('1900-01-02', '2079-06-06'), { nil: null }), fc.constantFrom('male' as const, 'female' as const), (birthDate, expiry, sex) => {
        const validTo = expiry !== null && expiry < birthDate ? birthDate : expiry;
        expect(roundTrip({ ...holder, birthDate, validTo, sex }).decoded).toMatchObject({ birthDate, validTo, sex });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every ЕНП with a valid check digit, leading zeros included', () => {
    fc.assert(
      fc.property(enp, (number) => {
        expect(roundTrip({ ...holder, enp: number }).decoded.enp).toBe(number);
      }),
      { numRuns: 300 },
    );
    expect(roundTrip({ ...holder, enp: '0000000000000000' }).decoded.enp).toBe('0000000000000000');
  });

  it('reads back type 01 payloads with every name of the alphabet up to its 56 characters', () => {
    fc.assert(
      fc.property(part(24), part(14), fc.option(part(16), { nil: undefined }), enp, (lastName, firstName, middleName, number) => {
        const decoded = decodePolicyPayload(legacyPayload({ ...legacyPolicy, enp: number, lastName, firstName, middleName }));
        expect({ structure: decoded.structure, enp: decoded.enp, lastName: decoded.lastName, firstName: decoded.firstName, middleName: decoded.middleName }).toEqual({ structure: 1, enp: number, lastName, firstName, middleName });
      }),
      { numRuns: 300 },
    );
  });
});

const legacyPolicy: LegacyPolicy = {
  enp: '5057320891000237',
  lastName: 'АЛПАТОВА',
  firstName: 'ВАЛЕНТИНА',
  middleName: 'АЛЕКСАНДРОВНА',
  sex: 'female',
  birthDate: '1976-02-08',
  validTo: null,
  ogrn: '1027739008440',
  okato: '03000',
};

describe('the type 01 payload of the first rules', () => {
  const worked = '90 A3 4D 5C 78 71 CE EF 68 9E 13 76 90 F3 3B DA 94 81 0E 27 7D 1D C4 39';

  it("scrambles the name as the rules' worked example does", () => {
    expect(hex(scrambledName(legacyPolicy))).toBe(worked);
    expect(hex(scrambledName(legacyPolicy, 56))).toBe(`${worked}${' 00'.repeat(18)}`);
  });

  it("reads the worked example's bytes as АЛПАТОВА ВАЛЕНТИНА АЛЕКСАНДРОВНА, with the insurer's ОГРН and the ОКАТО", () => {
    const bytes = legacyPayload(legacyPolicy);
    bytes.set(fromHex(worked), 9);
    bytes.fill(0, 9 + 24, 51);
    expect(decodePolicyPayload(bytes)).toEqual({
      structure: 1,
      enp: '5057320891000237',
      lastName: 'АЛПАТОВА',
      firstName: 'ВАЛЕНТИНА',
      middleName: 'АЛЕКСАНДРОВНА',
      sex: 'female',
      birthDate: '1976-02-08',
      validTo: null,
      ogrn: '1027739008440',
      okato: '03000',
      signature: new Uint8Array(65),
    });
  });

  it('reads a name without a patronymic, and another ОКАТО', () => {
    const decoded = decodePolicyPayload(legacyPayload({ ...legacyPolicy, middleName: undefined, okato: '45000', validTo: '2011-12-31' }));
    expect(decoded).toMatchObject({ lastName: 'АЛПАТОВА', firstName: 'ВАЛЕНТИНА', okato: '45000', validTo: '2011-12-31' });
    expect(decoded.middleName).toBeUndefined();
  });
});

describe('the decoder refuses rather than return garbage', () => {
  const good = signed();
  const withName = (text: string) => altered(good, 9, packText(text, 68));
  const withCodes = (codes: number[]) => altered(good, 9, packCodes([...codes, ...Array<number>(68 - codes.length).fill(0)]));
  const withEnp = (value: bigint) => {
    const copy = good.slice();
    view(copy).setBigUint64(1, value);
    return copy;
  };

  it('wrong-length: anything but 130 bytes', () => {
    expect(refusal(() => decodePolicyPayload(good.subarray(0, 129)))).toBe('wrong-length');
    expect(refusal(() => decodePolicyPayload(new Uint8Array(131)))).toBe('wrong-length');
  });

  it('unknown-structure: a first byte other than 0x01 and 0x02', () => {
    expect(refusal(() => decodePolicyPayload(altered(good, 0, [0x03])))).toBe('unknown-structure');
    expect(refusal(() => decodePolicyPayload(new Uint8Array(130)))).toBe('unknown-structure');
  });

  it('bad-enp: a check digit that fails, or more than 16 digits', () => {
    expect(refusal(() => decodePolicyPayload(withEnp(7_712_345_678_901_234n)))).toBe('bad-enp');
    expect(refusal(() => decodePolicyPayload(withEnp(2n ** 64n - 1n)))).toBe('bad-enp');
  });

  it('bad-name: a reserved code, a missing surname or first name, more than three parts', () => {
    expect(refusal(() => decodePolicyPayload(withCodes([0x0e, 0x2f, 0x3f, 0x0e])))).toBe('bad-name');
    expect(refusal(() => decodePolicyPayload(withCodes([0x0e, 0x3f, 0x0e, 0x3e])))).toBe('bad-name');
    expect(refusal(() => decodePolicyPayload(withName('ИВАНОВ')))).toBe('bad-name');
    expect(refusal(() => decodePolicyPayload(withName('|ИВАН|ИВАНОВИЧ')))).toBe('bad-name');
    expect(refusal(() => decodePolicyPayload(withName('ИВАНОВ|  |ИВАНОВИЧ')))).toBe('bad-name');
    expect(refusal(() => decodePolicyPayload(withName('ИВАНОВ|ИВАН|ИВАНОВИЧ|ИВ')))).toBe('bad-name');
    expect(refusal(() => decodePolicyPayload(withName('')))).toBe('bad-name');
    const legacy = legacyPayload(legacyPolicy);
    expect(refusal(() => decodePolicyPayload(altered(legacy, 9, scrambledName({ lastName: 'ИВАНОВ', firstName: 'ИВАН|ИВ' }, 56))))).toBe('bad-name');
  });

  it('bad-sex: a sex byte other than 1 and 2', () => {
    for (const byte of [0, 3, 0xff]) expect(refusal(() => decodePolicyPayload(altered(good, 60, [byte])))).toBe('bad-sex');
    expect(refusal(() => decodePolicyPayload(altered(legacyPayload(legacyPolicy), 51, [0])))).toBe('bad-sex');
  });

  it('bad-date: a policy that expires before its holder was born', () => {
    expect(refusal(() => decodePolicyPayload(altered(good, 63, [0x00, 0x01])))).toBe('bad-date');
    expect(refusal(() => decodePolicyPayload(legacyPayload({ ...legacyPolicy, validTo: '1976-02-07' })))).toBe('bad-date');
  });

  it('either refuses any 130 bytes with a BarcodeError or reads fields that hold', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 130, maxLength: 130 }), fc.constantFrom(1, 2), (bytes, structure) => {
        bytes[0] = structure;
        let decoded;
        try {
          decoded = decodePolicyPayload(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(BarcodeError);
          return;
        }
        expect(decoded.enp).toMatch(/^\d{16}$/);
        expect(decoded.lastName).toMatch(/^[^ |]/);
        expect(decoded.firstName).toMatch(/^[^ |]/);
      }),
      { numRuns: 500 },
    );
    // Random bytes rarely get past the check digit: the fields after it are exercised with a valid one.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 56, maxLength: 56 }), (rest) => {
        const bytes = altered(good, 9, rest);
        try {
          const decoded = decodePolicyPayload(bytes);
          expect(['male', 'female']).toContain(decoded.sex);
        } catch (error) {
          expect(error).toBeInstanceOf(BarcodeError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("whether a payload someone else signed is the holder's", () => {
  const other = barcodeKey(9);

  it('matches the name as the rule writes it, the sex and the birth date', () => {
    const foreigner: PayloadHolder = { ...holder, lastName: "O'Brien", firstName: 'Siobhán', middleName: undefined };
    const decoded = decodePolicyPayload(signedPolicyPayload(foreigner, other.signing).bytes);
    expect(holderMatches(decoded, foreigner)).toBe(true);
    expect(holderMatches(decoded, { ...foreigner, middleName: 'Ивановна' })).toBe(false);
    expect(holderMatches(decoded, { ...foreigner, birthDate: '1999-08-10' })).toBe(false);
    expect(holderMatches(decoded, { ...foreigner, sex: 'female' })).toBe(false);
    expect(holderMatches(decoded, { ...foreigner, enp: '8451999122899990' })).toBe(false);
    expect(holderMatches(decoded, { ...foreigner, validTo: '2030-01-01' })).toBe(true); // the register says how long a policy runs
    expect(holderMatches(decoded, { ...foreigner, firstName: 'Siobhán 李' })).toBe(false);
  });

  it('matches a type 01 payload of the same holder', () => {
    const decoded = decodePolicyPayload(legacyPayload(legacyPolicy));
    const person: PayloadHolder = { enp: legacyPolicy.enp, lastName: 'Алпатова', firstName: 'Валентина', middleName: 'Александровна', sex: 'female', birthDate: '1976-02-08', validTo: null };
    expect(holderMatches(decoded, person)).toBe(true);
    expect(holderMatches(decoded, { ...person, lastName: 'Алпатова-Ли' })).toBe(false);
    // A look-alike Latin «a» is written А, as the rule writes every Latin letter: the barcode cannot tell them apart.
    expect(holderMatches(decoded, { ...person, lastName: 'Алпатовa' })).toBe(true);
  });
});

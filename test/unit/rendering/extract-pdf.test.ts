import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSignature, decodePolicyPayload, holderMatches, signedPolicyPayload, type PayloadHolder } from '#shared/barcode/index.ts';
import { loadExtractFont } from '#shared/extract/extract-font.ts';
import { EXTRACT_BARCODE_MODULE_MM, EXTRACT_TITLE, extractPdf, type ExtractFacts } from '#shared/extract/extract-pdf.ts';
import { sampleExtractFacts } from '../../support/extract-facts.ts';
import { scanBarcode } from '../../support/scanner.ts';

/**
 * The extract as a person and a scanner meet it: its text as poppler extracts it (pdftotext),
 * and page 1 as poppler draws it at 200 dpi (pdftoppm), read by ZXing.
 */
const dir = mkdtempSync(join(tmpdir(), 'extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const facts = sampleExtractFacts;

function payload(seed: number): Uint8Array {
  let x = seed;
  const bytes = Uint8Array.from({ length: 130 }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
  bytes[0] = 0x02;
  bytes[7] = 0x00;
  bytes[129] = 0xff;
  return bytes;
}

let n = 0;
function save(pdf: Uint8Array): string {
  const file = join(dir, `extract-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString();
function page1(file: string): Buffer {
  execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', file, file]);
  return readFileSync(`${file}.png`);
}

let font: Uint8Array;
beforeAll(async () => {
  font = await loadExtractFont();
});

describe('the register extract', () => {
  it("reads as the person's facts in Russian, dates as dd.MM.yyyy", async () => {
    const text = pdftotext(save(await extractPdf(facts, payload(1), font)));
    for (const expected of [
      EXTRACT_TITLE,
      /Фамилия\s+Алпатова/,
      /Имя\s+Валентина/,
      /Отчество\s+Александровна/,
      /Дата рождения\s+09\.08\.1999/,
      /Пол\s+женский/,
      /Номер полиса \(ЕНП\)\s+7851000840000199/,
      /Форма полиса\s+Э — /,
      /Статус полиса\s+действует/,
      /Действует с\s+15\.01\.2026/,
      /Действует по\s+бессрочно/,
      /Страховая медицинская\s+АО «Страховая компания «СОГАЗ-Мед»/,
      /телефон\s+8 800 100-07-02/,
      /сайт\s+https:\/\/sogaz-med\.ru/,
      /адрес\s+125047, г\. Москва/,
      /Субъект РФ\s+г\. Москва \(77\)/,
      /Дата выдачи\s+16\.01\.2026/,
      // 21:30 UTC is 00:30 the next day in Moscow.
      'Выписка сформирована 03.03.2026 00:30 (время московское)',
    ]) {
      expect(text).toMatch(expected);
    }
  });

  it('keeps every letter in its text layer, Latin and Cyrillic alike, however many extracts the process made before', async () => {
    await extractPdf({ ...facts, insurer: { ...facts.insurer, site: 'https://ingos-m.ru' } }, payload(3), font);
    const text = pdftotext(save(await extractPdf({ ...facts, insurer: { ...facts.insurer, site: 'https://sogaz-med.ru', name: 'АО «Страховая компания «СОГАЗ-Мед»' } }, payload(4), font)));
    expect(text).toContain('https://sogaz-med.ru');
    expect(text).toContain('СОГАЗ-Мед');
  });

  it('says when the policy ends, and leaves out what the person or the insurer lacks', async () => {
    const bounded: ExtractFacts = { ...facts, name: { lastName: 'Ли', firstName: 'Анна' }, validTo: '2027-06-30', status: 'suspended', form: 'В', insurer: { name: 'ООО «СМК»', phone: '8 800 000-00-00' } };
    const text = pdftotext(save(await extractPdf(bounded, payload(2), font)));
    expect(text).toMatch(/Действует по\s+30\.06\.2027/);
    expect(text).toMatch(/Отчество\s+—/);
    expect(text).toMatch(/Статус полиса\s+приостановлен/);
    expect(text).toMatch(/Форма полиса\s+В — временное свидетельство/);
    expect(text).not.toMatch(/сайт|адрес/);
  });

  it('carries the policy barcode that a scanner reads off the page at 200 dpi: exactly the 130 bytes, the right way round', async () => {
    for (const seed of [3, 4, 5, 6]) {
      const bytes = payload(seed * 7919);
      const [read, ...more] = await scanBarcode(page1(save(await extractPdf(facts, bytes, font))));
      expect(more).toEqual([]);
      expect(read!.format).toBe('PDF417');
      expect(read!.mirrored).toBe(false);
      expect(Buffer.from(read!.bytes).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    }
  });

  it("carries the holder's signed policy payload, which a clinic's app reads off the page as the register's", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const holder: PayloadHolder = { enp: facts.enp, ...facts.name, sex: facts.sex, birthDate: facts.birthDate, validTo: facts.validTo };
    const { bytes } = signedPolicyPayload(holder, { kid: 3, privateKey });
    const [read] = await scanBarcode(page1(save(await extractPdf(facts, bytes, font))));
    const decoded = decodePolicyPayload(read!.bytes);
    expect(decoded).toMatchObject({ structure: 2, enp: facts.enp, lastName: 'АЛПАТОВА', firstName: 'ВАЛЕНТИНА', middleName: 'АЛЕКСАНДРОВНА', birthDate: facts.birthDate, validTo: null });
    expect(holderMatches(decoded, holder)).toBe(true);
    expect(checkSignature(read!.bytes, [{ kid: 3, publicKey }])).toEqual({ outcome: 'register', kid: 3 });
  });

  it('draws the barcode at its declared size (205 × 45 modules of 0.33 mm), at the left margin', async () => {
    const [read] = await scanBarcode(page1(save(await extractPdf(facts, payload(7), font))));
    const { topLeft, topRight, bottomLeft } = read!.position;
    const mm = (px: number) => (px * 25.4) / 200;
    expect(EXTRACT_BARCODE_MODULE_MM).toBe(0.33);
    expect(mm(topRight.x - topLeft.x)).toBeCloseTo(205 * EXTRACT_BARCODE_MODULE_MM, 0);
    expect(mm(bottomLeft.y - topLeft.y)).toBeCloseTo(45 * EXTRACT_BARCODE_MODULE_MM, 0);
    expect(mm(topLeft.x)).toBeCloseTo(20, 0);
  });

  it('is the same bytes for the same facts (an ETag can be their hash), with a title and dates and no personal data in its metadata', async () => {
    const a = await extractPdf(facts, payload(8), font);
    const b = await extractPdf(structuredClone(facts), payload(8), font);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(await extractPdf({ ...facts, madeAt: '2026-03-02T21:31:00Z' }, payload(8), font)).equals(Buffer.from(a))).toBe(false);

    const file = save(a);
    const info = execFileSync('pdfinfo', ['-isodates', file]).toString();
    expect(info).toMatch(new RegExp(`^Title:\\s+${EXTRACT_TITLE}$`, 'm'));
    expect(info).toMatch(/^CreationDate:\s+2026-03-02T21:30:00Z$/m);
    expect(info).toMatch(/^ModDate:\s+2026-03-02T21:30:00Z$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    for (const personal of ['Алпатова', 'Валентина', facts.enp]) expect(info).not.toContain(personal);
    // The font is embedded, only the glyphs used: the whole DejaVu Sans is 740 KB.
    expect(execFileSync('pdffonts', [file]).toString()).toMatch(/^OMSREG\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/m);
    expect(a.length).toBeLessThan(40_000);
  });

  it('refuses a made-at that is no instant, and a date that is no date', async () => {
    await expect(extractPdf({ ...facts, madeAt: 'yesterday' }, payload(9), font)).rejects.toThrow(RangeError);
    await expect(extractPdf({ ...facts, birthDate: '09.08.1999' }, payload(9), font)).rejects.toThrow(RangeError);
  });
});

/**
 * CPU cost of the policy's pictures: each barcode as PNG and as SVG, and one register extract
 * (PDF with its font subset and the PDF417). Run with `npm run bench`; compare runs on the same
 * machine, not across machines.
 */
import { bench, describe } from 'vitest';
import { renderBarcode } from '#shared/barcode/render-barcode.ts';
import { loadExtractFont } from '#shared/extract/extract-font.ts';
import { extractPdf, type ExtractFacts } from '#shared/extract/extract-pdf.ts';

const payload = Uint8Array.from({ length: 130 }, (_, i) => (i * 151 + 7) & 0xff);
const enp = '7851000840000199';
const font = await loadExtractFont();
const facts: ExtractFacts = {
  name: { lastName: 'Алпатова', firstName: 'Валентина', middleName: 'Александровна' },
  birthDate: '1999-08-09',
  sex: 'female',
  enp,
  form: 'Э',
  status: 'active',
  validFrom: '2026-01-15',
  validTo: null,
  insurer: { name: 'АО «Страховая компания «СОГАЗ-Мед»', phone: '8 800 100-07-02', site: 'https://sogaz-med.ru', address: '125047, г. Москва, ул. Гашека, д. 11, стр. 1' },
  region: { code: '77', name: 'г. Москва' },
  issuedOn: '2026-01-16',
  madeAt: '2026-03-02T21:30:00Z',
};

describe('barcode images', () => {
  for (const format of ['png', 'svg'] as const) {
    bench(`PDF417 ${format}`, async () => void (await renderBarcode('pdf417', format, payload)));
    bench(`QR ${format}`, async () => void (await renderBarcode('qr', format, payload)));
    bench(`Code 128 ${format}`, async () => void (await renderBarcode('code128', format, enp)));
  }
});

describe('the register extract', () => {
  bench('one PDF', async () => void (await extractPdf(facts, payload, font)));
});

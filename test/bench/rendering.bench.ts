/**
 * CPU cost of the policy's pictures: each barcode as PNG and as SVG, and one register extract
 * (PDF with its font subset and the PDF417). Run with `npm run bench`; compare runs on the same
 * machine, not across machines.
 */
import { bench, describe } from 'vitest';
import { renderBarcode } from '#shared/barcode/render-barcode.ts';
import { loadExtractFont } from '#shared/extract/extract-font.ts';
import { extractPdf } from '#shared/extract/extract-pdf.ts';
import { sampleExtractFacts } from '../support/extract-facts.ts';

const payload = Uint8Array.from({ length: 130 }, (_, i) => (i * 151 + 7) & 0xff);
const enp = '7851000840000199';
const font = await loadExtractFont();
const facts = sampleExtractFacts;

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

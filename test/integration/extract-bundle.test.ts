import { build } from 'esbuild';
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACT_FONT_ASSET } from '#shared/extract/extract-font.ts';
import { afterBundlingCommands, esbuildOptions } from '#infra/constructs/bundling.ts';
import { scanBarcode } from '../support/scanner.ts';

/**
 * The extract and the barcode images as a Lambda bundle has them: one `index.mjs` built with the
 * stack's esbuild settings, the declared font copied beside it by the stack's bundling commands,
 * run by node in a folder outside the project (no node_modules to fall back on), as Lambda runs it.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'extract-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `
import { extractPdf } from '${ROOT}/shared/extract/extract-pdf.ts';
import { loadExtractFont } from '${ROOT}/shared/extract/extract-font.ts';
import { renderBarcode } from '${ROOT}/shared/barcode/render-barcode.ts';
export async function handler(event) {
  const bytes = Uint8Array.from(Buffer.from(event.payload, 'hex'));
  const pdf = await extractPdf(event.facts, bytes, await loadExtractFont());
  const svg = await renderBarcode('qr', 'svg', bytes);
  const png = await renderBarcode('code128', 'png', event.facts.enp);
  return { pdf: Buffer.from(pdf).toString('base64'), svg: svg.body, png: png.body.toString('base64') };
}
`;

const facts = {
  name: { lastName: 'Ёлкина', firstName: 'Юлия' },
  birthDate: '2001-02-03',
  sex: 'female',
  enp: '7851000840000199',
  form: 'П',
  status: 'active',
  validFrom: '2020-01-01',
  validTo: null,
  insurer: { name: 'ООО «Капитал МС»', phone: '8 800 550-67-74' },
  region: { code: '78', name: 'г. Санкт-Петербург' },
  issuedOn: '2020-01-01',
  madeAt: '2026-01-05T09:00:00Z',
};
const payload = Buffer.from(Array.from({ length: 130 }, (_, i) => (i * 151 + 7) & 0xff));

let bundleBytes: number;
let packages: Set<string>;
beforeAll(async () => {
  const { metafile } = await build({
    stdin: { contents: ENTRY, loader: 'js', resolveDir: ROOT, sourcefile: 'extract-entry.mjs' },
    ...esbuildOptions(),
    outfile: join(dir, 'index.mjs'),
    metafile: true,
    logLevel: 'silent',
  });
  bundleBytes = statSync(join(dir, 'index.mjs')).size;
  packages = new Set(Object.keys(metafile.inputs).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => Boolean(p)));
  for (const command of afterBundlingCommands(ROOT, dir, [EXTRACT_FONT_ASSET])) execSync(command);
}, 60_000);

function run(folder: string): { pdf: string; svg: string; png: string } {
  const script = `import(${JSON.stringify(join(folder, 'index.mjs'))}).then((m) => m.handler(JSON.parse(process.argv[1]))).then((r) => process.stdout.write(JSON.stringify(r)))`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify({ facts, payload: payload.toString('hex') })], { cwd: folder, maxBuffer: 16 << 20 }).toString());
}

describe('the extract in a bundle', () => {
  it('makes the PDF with the font beside the bundle: Cyrillic text and a barcode that reads back', async () => {
    const out = run(dir);
    const file = join(dir, 'extract.pdf');
    writeFileSync(file, Buffer.from(out.pdf, 'base64'));
    expect(execFileSync('pdftotext', ['-layout', file, '-']).toString()).toMatch(/Фамилия\s+Ёлкина/);
    execFileSync('pdftoppm', ['-png', '-r', '200', '-singlefile', file, join(dir, 'page')]);
    const [read] = await scanBarcode(readFileSync(join(dir, 'page.png')));
    expect(Buffer.from(read!.bytes).equals(payload)).toBe(true);
    expect((await scanBarcode(out.svg))[0]!.bytes).toEqual(new Uint8Array(payload));
    expect((await scanBarcode(Buffer.from(out.png, 'base64')))[0]!.text).toBe(facts.enp);
  });

  it('fails saying where the font should be when the function did not declare it', () => {
    const bare = mkdtempSync(join(tmpdir(), 'extract-bare-'));
    try {
      execSync(`cp "${join(dir, 'index.mjs')}" "${bare}/"`);
      expect(() => run(bare)).toThrow(/DejaVuSans\.ttf is neither beside the bundle .*declare 'node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf' in the function's assets/s);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  /**
   * About 1.5 MB: @pdf-lib/fontkit is 940 KB of it (a prebuilt file esbuild cannot shake: every
   * table parser and shaper), bwip-js's three encoders 230 KB, pdf-lib 230 KB and its standard
   * fonts' metrics 130 KB. Only a function that makes extracts carries it; the ceiling catches a
   * library pulled in whole by accident.
   */
  it('carries bwip-js, pdf-lib and fontkit (not the font), within 1.7 MB', () => {
    expect([...packages].sort()).toEqual(expect.arrayContaining(['@pdf-lib/fontkit', 'bwip-js', 'pdf-lib']));
    expect(packages).not.toContain('dejavu-fonts-ttf');
    expect(bundleBytes).toBeLessThan(1_700_000);
  });
});

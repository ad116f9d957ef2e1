/**
 * The font of the register extract: DejaVu Sans (Cyrillic, free licence), from the
 * `dejavu-fonts-ttf` package. The PDF's standard 14 fonts have no Cyrillic, so a TrueType font is
 * embedded (its subset) in every extract.
 *
 * In Lambda the bundle is one `index.mjs` without node_modules: a function that makes extracts
 * declares the font among its `assets` in infra/functions.ts, and the bundling copies it beside
 * `index.mjs` (infra/constructs/register-function.ts). In the source tree (tests, `npm start`)
 * there is nothing beside this file and the font is read from node_modules.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The font file, from the project root: what a function declares in `assets`. */
export const EXTRACT_FONT_ASSET = 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf';

const FILE = basename(EXTRACT_FONT_ASSET);
const PACKAGE_PATH = EXTRACT_FONT_ASSET.replace(/^node_modules\//, '');

/**
 * Where the font is: beside the running module (in a bundle, `index.mjs`'s folder, where the
 * bundling copied it), else in node_modules (the source tree).
 */
export function extractFontPath(besideDir: string = dirname(fileURLToPath(import.meta.url))): string {
  const beside = join(besideDir, FILE);
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(PACKAGE_PATH);
  } catch {
    throw new Error(`the extract's font ${FILE} is neither beside the bundle (${besideDir}: declare '${EXTRACT_FONT_ASSET}' in the function's assets, infra/functions.ts) nor in node_modules`);
  }
}

let loaded: Promise<Uint8Array> | undefined;

/** The font's bytes, read once per process (a cold start), from wherever `extractFontPath` finds it. */
export function loadExtractFont(): Promise<Uint8Array> {
  if (!loaded) {
    loaded = Promise.resolve()
      .then(() => readFile(extractFontPath()))
      .then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    // A failed read is tried again by the next extract rather than remembered.
    loaded.catch(() => {
      loaded = undefined;
    });
  }
  return loaded;
}

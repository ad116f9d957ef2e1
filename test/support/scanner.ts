/**
 * A barcode reader that owes nothing to the code that drew the barcode: ZXing-C++ (zxing-wasm's
 * reader build), as a clinic's or a phone's scanner would read it. The wasm binary is read from
 * node_modules and handed to the module before its first use: by default zxing-wasm fetches it
 * from a CDN, which fails offline and would make the tests depend on the network.
 *
 * ZXing-C++ reads Compact PDF417 (it reports it as `PDF417`: the symbology identifier `]L2` is
 * the same for both), so the policy's own symbol is decoded here, not a full-width stand-in.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

export interface ScannedBarcode {
  /** ZXing's name of the symbology: `PDF417`, `QRCode`, `Code128`. */
  format: string;
  /** The bytes the symbol carries, as they are (no character set applied). */
  bytes: Uint8Array;
  text: string;
  /** ZXing's error-correction figure: the QR level (`M`), or for PDF417 the correction codewords' share of all (`21%`). */
  ecLevel: string;
  /** Read from a mirror image: a real scanner may not, so a drawing that only reads mirrored is wrong. */
  mirrored: boolean;
  /** Where in the picture, in pixels: the symbol's corners as ZXing found them. */
  position: { topLeft: Point; topRight: Point; bottomRight: Point; bottomLeft: Point };
}

interface Point {
  x: number;
  y: number;
}

let prepared: Promise<unknown> | undefined;

function prepare(): Promise<unknown> {
  prepared ??= (() => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    return prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
      fireImmediately: true,
    });
  })();
  return prepared;
}

/**
 * Every barcode found in a picture: a PNG as bytes, or an SVG as text (drawn first, at `svgZoom`
 * times its own size, on white, as a screen would show it).
 */
export async function scanBarcode(image: Buffer | string, options: { svgZoom?: number } = {}): Promise<ScannedBarcode[]> {
  await prepare();
  const png = typeof image === 'string' ? rasterize(image, options.svgZoom ?? 1) : image;
  const results = await readBarcodes(new Uint8Array(png.buffer, png.byteOffset, png.byteLength), { tryHarder: true, maxNumberOfSymbols: 8 });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, bytes: r.bytes, text: r.text, ecLevel: r.ecLevel, mirrored: r.isMirrored, position: r.position }));
}

/** An SVG drawn to a PNG by resvg (the Rust renderer), independent of the browser and of bwip-js. */
export function rasterize(svg: string, zoom = 1): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, background: 'white', font: { loadSystemFonts: false } }).render().asPng();
}

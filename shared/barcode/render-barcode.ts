/**
 * The policy's barcodes as images: Compact PDF417 (what clinic scanners read off a paper policy),
 * QR (easier for a phone camera held to a phone screen) and Code 128 of the ЕНП (older linear
 * scanners). bwip-js renders them; only the encoders used here are imported from `bwip-js/node`,
 * so that a function's bundle carries about 230 KB of it instead of 960 KB.
 */
import { code128, drawingSVG, pdf417compact, qrcode, type DrawingContext, type RenderOptions } from 'bwip-js/node';

export type BarcodeType = 'pdf417' | 'qr' | 'code128';
export type BarcodeImageFormat = 'svg' | 'png';

export interface RenderedBarcode {
  body: Buffer | string;
  contentType: 'image/svg+xml' | 'image/png';
}

/**
 * The symbol of the paper policy's rules (GOST R 51294.9): Compact PDF417, byte compaction,
 * error-correction level 4 (32 of the codewords), 10 data columns. For the policy's 130 bytes
 * that is 1 length descriptor + 1 latch + 109 data + 32 correction codewords, filled to
 * 15 rows × 10 columns (7 padding codewords).
 */
export const POLICY_PDF417 = { columns: 10, eclevel: 4 } as const;

/** bwip-js draws every row of a PDF417 three modules high (its `rowmult`, the minimum the standard recommends). */
export const PDF417_ROW_HEIGHT = 3;

/**
 * Byte compaction of `bytes` (ISO/IEC 15438 5.4.3): the latch (924 when the length is a multiple
 * of 6, otherwise 901), then each whole group of 6 bytes as 5 base-900 codewords, then any last
 * 1-5 bytes one codeword each. bwip-js is handed these codewords (`raw`) rather than the bytes,
 * because its encoder picks text or numeric compaction for runs of letters or digits on its own;
 * this way every symbol is byte-compacted, as the rules say, and the same bytes always give the
 * same 15 rows.
 */
export function pdf417ByteCompaction(bytes: Uint8Array): number[] {
  const codewords = [bytes.length % 6 === 0 ? 924 : 901];
  let i = 0;
  for (; i + 6 <= bytes.length; i += 6) {
    // 48 bits: exact in a double (< 2^53).
    let value = 0;
    for (let j = 0; j < 6; j++) value = value * 256 + bytes[i + j]!;
    const group = [0, 0, 0, 0, 0];
    for (let j = 4; j >= 0; j--) {
      group[j] = value % 900;
      value = Math.floor(value / 900);
    }
    codewords.push(...group);
  }
  for (; i < bytes.length; i++) codewords.push(bytes[i]!);
  return codewords;
}

/** Quiet zones, in modules: PDF417 needs 2, QR 4, Code 128 10 (a bit more where a screen's edge is near). */
const QUIET = { pdf417: 4, qr: 4, code128: 10 } as const;
/** bwip-js units per module: BWIPP draws a QR module 2 units wide, the others 1. */
const UNITS = { pdf417: 1, qr: 2, code128: 1 } as const;
/**
 * Pixels per unit, with the quiet zone: the policy's PDF417 852 × 212 px (a module of 4 px), its QR
 * 342 × 342 px (version 8, 49 modules of 6 px), the ЕНП's Code 128 572 × 282 px (4 px a module).
 */
const SCALE = { pdf417: 4, qr: 3, code128: 4 } as const;

/**
 * The bwip-js options of each symbol. Every image gets a white background: bwip-js leaves it
 * transparent by default, which a dark-mode screen (and a scanner reading the alpha channel as
 * black) turns into black bars on black.
 */
function optionsOf(type: BarcodeType, data: Uint8Array | string): RenderOptions {
  const common = { bcid: type, backgroundcolor: 'FFFFFF', scale: SCALE[type], padding: QUIET[type] * UNITS[type] };
  switch (type) {
    case 'pdf417':
      return { ...common, ...pdf417Options(bytesOf(type, data)) };
    case 'qr':
      // Byte mode from the bytes as they are (binarytext: each char code 0-255 is one byte, no
      // UTF-8 expansion); kanji mode off so that no byte pair is taken for Shift JIS. BWIPP may
      // still put a long run of digits or capitals in a numeric or alphanumeric segment, which
      // reads back as the same bytes. Level M: 15% of the symbol may be lost.
      return { ...common, text: latin1(bytesOf(type, data)), binarytext: true, eclevel: 'M', suppresskanjimode: true } as RenderOptions;
    case 'code128': {
      if (typeof data !== 'string' || !/^[\x20-\x7e]+$/.test(data)) throw new TypeError('code128 takes a string of printable ASCII (the ЕНП)');
      // The digits under the bars, as on the policy; 15 mm high.
      return { ...common, text: data, height: 15, includetext: true, textxalign: 'center' };
    }
  }
}

/** The bwip-js options of the policy's PDF417 for `bytes`, without size or colour (the extract draws it itself). */
function pdf417Options(bytes: Uint8Array) {
  const text = pdf417ByteCompaction(bytes)
    .map((cw) => `^${String(cw).padStart(3, '0')}`)
    .join('');
  // fixedeclevel: bwip-js would otherwise raise the level when the rows have room for more.
  return { text, raw: true, columns: POLICY_PDF417.columns, eclevel: POLICY_PDF417.eclevel, fixedeclevel: true } as Omit<RenderOptions, 'bcid'>;
}

function bytesOf(type: BarcodeType, data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.length === 0) throw new TypeError(`${type} needs at least one byte`);
  return bytes;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

const ENCODERS = { pdf417: pdf417compact, qr: qrcode, code128 } as const;

/**
 * One barcode as an image. `pdf417` and `qr` encode bytes (the policy's 130-byte payload; a
 * string is taken as its UTF-8 bytes), `code128` a string (the 16-digit ЕНП). SVG has no width or
 * height of its own (it fills what holds it) and keeps its modules sharp at any size.
 */
export async function renderBarcode(type: BarcodeType, format: 'svg', data: Uint8Array | string): Promise<{ body: string; contentType: 'image/svg+xml' }>;
export async function renderBarcode(type: BarcodeType, format: 'png', data: Uint8Array | string): Promise<{ body: Buffer; contentType: 'image/png' }>;
export async function renderBarcode(type: BarcodeType, format: BarcodeImageFormat, data: Uint8Array | string): Promise<RenderedBarcode>;
export async function renderBarcode(type: BarcodeType, format: BarcodeImageFormat, data: Uint8Array | string): Promise<RenderedBarcode> {
  const options = optionsOf(type, data);
  const encode = ENCODERS[type];
  if (format === 'svg') {
    const svg = encode(options, drawingSVG());
    // Modules stay hard-edged when a screen scales the picture.
    return { body: svg.replace('<svg ', '<svg shape-rendering="crispEdges" '), contentType: 'image/svg+xml' };
  }
  return { body: await encode(options), contentType: 'image/png' };
}

/**
 * The policy's PDF417 as outlines, in modules (the narrowest bar is 1 wide, a row 3 high), for
 * drawing it as vectors (the extract's page): the outlines of its dark regions, to be filled
 * with the even-odd rule (a region may enclose a light hole).
 */
export interface BarcodeOutline {
  /** Modules across: 17 × (columns + 2) + 1 for Compact PDF417, 205 for 10 columns. */
  width: number;
  /** Rows × 3. */
  height: number;
  polygons: [number, number][][];
}

export function pdf417Outline(bytes: Uint8Array): BarcodeOutline {
  return pdf417compact({ bcid: 'pdf417compact', scale: 1, padding: 0, ...pdf417Options(bytesOf('pdf417', bytes)) }, outlineDrawing());
}

/** A bwip-js drawing that keeps the polygons it is given (a PDF417 is only polygons: no lines, text or curves). */
function outlineDrawing(): DrawingContext<BarcodeOutline> {
  const outline: BarcodeOutline = { width: 0, height: 0, polygons: [] };
  const unexpected = (what: string) => () => {
    throw new Error(`a PDF417 outline has no ${what}`);
  };
  return {
    scale: () => null,
    measure: () => ({ width: 0, ascent: 0, descent: 0 }),
    init(width, height) {
      outline.width = width;
      outline.height = height;
    },
    polygon(points) {
      outline.polygons.push(points.map(([x, y]) => [x, y] as [number, number]));
    },
    fill: () => undefined,
    line: unexpected('lines'),
    hexagon: unexpected('hexagons'),
    ellipse: unexpected('ellipses'),
    text: unexpected('text'),
    end: () => outline,
  };
}

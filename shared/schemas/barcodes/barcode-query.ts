import * as z from 'zod/mini';
import '../zod-messages.ts';

export const BARCODE_TYPES = ['pdf417', 'qr', 'code128'] as const;
export const BARCODE_FORMATS = ['svg', 'png'] as const;

/** Which barcode and image a caller asks for, with zod's light entry point (see `identifiers.ts`). */
export const barcodeQuerySchema = z.object({
  type: z._default(z.enum(BARCODE_TYPES), 'pdf417').register(z.globalRegistry, {
    description: "`pdf417`: the rules' Compact PDF417 with the 130 signed bytes (printing, scanners); `qr`: the same bytes for phone screens; `code128`: the ЕНП alone.",
  }),
  format: z._default(z.enum(BARCODE_FORMATS), 'svg').register(z.globalRegistry, { description: '`svg` (scales to any screen) or `png`.' }),
});
export type BarcodeQuery = z.infer<typeof barcodeQuerySchema>;

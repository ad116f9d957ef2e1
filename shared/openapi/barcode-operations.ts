import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { signingKeySetSchema } from '../schemas/barcodes/signing-keys.ts';
import { internalError } from './responses.ts';

/** The barcode routes' operations (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

const cachedKeys = z.object({
  etag: z.string().meta({ description: "The key ring's version, `\"2\"`." }),
  'cache-control': z.string().meta({ description: '`public, max-age=60`: a new key is published ten minutes before it signs, so no cache is behind.' }),
});

export const barcodeOperations = {
  getSigningKeys: {
    summary: "The public keys of the register's barcode signatures (JWKS), for anyone to check a barcode, offline too",
    requestParams: { header: z.object({ 'if-none-match': z.string().optional().meta({ description: 'The ETag held: 304 while the keys are the same.' }) }) },
    responses: {
      '200': { description: 'The keys that verify: signing, published ahead, or stopped signing and not yet retired', headers: cachedKeys, content: { 'application/json': { schema: signingKeySetSchema } } },
      '304': { description: 'The caller holds these keys already (If-None-Match)', headers: cachedKeys },
      '500': internalError,
    },
  },
} satisfies Record<string, Operation>;

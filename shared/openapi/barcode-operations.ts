import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { barcodeQuerySchema } from '../schemas/barcodes/barcode-query.ts';
import { signingKeySetSchema } from '../schemas/barcodes/signing-keys.ts';
import { recordId } from '../schemas/identifiers.ts';
import { badPath, internalError, problem, unauthorized } from './responses.ts';

/** The barcode routes' operations (`operations.ts` holds them with the others). */
type Operation = Omit<ZodOpenApiOperationObject, 'operationId'>;

const cachedKeys = z.object({
  etag: z.string().meta({ description: "The key ring's version, `\"2\"`." }),
  'cache-control': z.string().meta({ description: '`public, max-age=60`: a new key is published ten minutes before it signs, so no cache is behind.' }),
});

const personPath = z.object({ personId: recordId });
const shownHeaders = z.object({
  etag: z.string().meta({ description: 'Changes when what it shows changes (the person, the policy, the signing key).' }),
  'cache-control': z.string().meta({ description: '`private, no-cache`: kept by the caller only, asked again with If-None-Match.' }),
});
const conditional = z.object({ 'if-none-match': z.string().optional().meta({ description: 'The ETag held: 304 while it is still what would be answered.' }) });
/** What showing a policy can refuse. */
const shownProblems = {
  '400': badPath,
  '401': unauthorized,
  '403': problem("The caller's role may not see it, or a token without its role's scope (`incomplete-token`)"),
  '404': problem('No such person or policy, or not one the caller may see'),
  '409': problem('Nothing to show: the policy is terminated or has ended (`policy-terminated`, `policy-expired`), has no ЕНП yet (`no-number-yet`), or the name has a character no rule brings into the barcode (`not-encodable`)'),
  '500': internalError,
  '503': problem('The register has no signing key yet (`signing-key-missing`): its deploy step has not run'),
};

export const barcodeOperations = {
  getPolicyBarcode: {
    summary: "The policy's barcode as an image: Compact PDF417 or QR with the 130 signed bytes, or Code 128 with the ЕНП",
    requestParams: { path: personPath, query: barcodeQuerySchema, header: conditional },
    responses: {
      '200': {
        description: 'The image (temporary or permanent policy, active or suspended)',
        headers: shownHeaders.extend({
          'name-adjusted': z.string().optional().meta({ description: 'How the barcode writes the name differently from the record, when it does: `transliterated`, `truncated`, `apostrophe`, `diacritics` (comma-separated; the README gives the rule).' }),
        }),
        content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: z.string().meta({ format: 'binary' }) } },
      },
      '304': { description: 'The caller holds this image already (If-None-Match)', headers: shownHeaders },
      '422': problem('A type or format not offered (`validation-failed`, pointing at the parameter)'),
      ...shownProblems,
    },
  },
  getPolicyExtract: {
    summary: 'The extract from the register that replaces a lost paper policy, as a PDF with the PDF417 barcode',
    requestParams: { path: personPath, header: conditional },
    responses: {
      '200': { description: 'The extract (A4, one page)', headers: shownHeaders, content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } },
      '304': { description: 'The caller holds this extract already (If-None-Match; weak: a new one differs only in when it was made)', headers: shownHeaders },
      ...shownProblems,
    },
  },
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

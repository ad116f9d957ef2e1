import { createHash } from 'node:crypto';
import { extractPdf } from '#shared/extract/extract-pdf.ts';
import { loadExtractFont } from '#shared/extract/extract-font.ts';
import { notModified } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { pathParameter } from '#shared/http/request.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { extractFacts } from '#shared/services/barcodes/extract-facts.ts';
import { shownPolicy, signedPayloadOf } from '#shared/services/barcodes/shown-policy.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';
import { vaultFromEnv } from '#shared/signing/vault-from-env.ts';

// Signs the barcode on the page with the register's key (infra/functions.ts: signingKeys).
provide({ keyVault: vaultFromEnv, signing: tableSigningKeys });

let font: Promise<Uint8Array> | undefined;

/**
 * The extract as a PDF. Its tag is weak and a hash of what it says: a new one differs only in when
 * it was made, so a caller holding it is answered 304 without one being made.
 */
export const handler = httpHandler('getPolicyExtract', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const deps = dependencies();
  const shown = await shownPolicy(deps, caller, personId, 'getPolicyExtract');
  const { bytes } = await signedPayloadOf(deps, shown);
  const facts = extractFacts(shown, deps.clock.now());
  const etag = `W/"${createHash('sha256').update(JSON.stringify({ ...facts, madeAt: undefined })).update(bytes).digest('base64url').slice(0, 27)}"`;
  const headers = { etag, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' };
  if (notModified(event, etag)) return { statusCode: 304, headers, body: '' };
  font ??= loadExtractFont().catch((error: unknown) => {
    font = undefined;
    throw error;
  });
  const pdf = await extractPdf(facts, bytes, await font);
  return {
    statusCode: 200,
    headers: { ...headers, 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="extract.pdf"' },
    body: Buffer.from(pdf).toString('base64'),
    isBase64Encoded: true,
  };
});

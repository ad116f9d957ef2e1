import { createHash } from 'node:crypto';
import { renderBarcode } from '#shared/barcode/render-barcode.ts';
import { notModified } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseQuery, pathParameter } from '#shared/http/request.ts';
import { barcodeQuerySchema } from '#shared/schemas/barcodes/barcode-query.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { shownPolicy, signedPayloadOf } from '#shared/services/barcodes/shown-policy.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { tableSigningKeys } from '#shared/services/signing/table-signing-keys.ts';
import { vaultFromEnv } from '#shared/signing/vault-from-env.ts';

// Signs the payload with the register's key (infra/functions.ts: signingKeys).
provide({ keyVault: vaultFromEnv, signing: tableSigningKeys });

/**
 * The policy's barcode as an image. Its tag is a hash of what it shows: the same until the
 * person's data, the policy or the signing key change, so a phone keeps its copy and asks again
 * (private: the image carries the person's name).
 */
export const handler = httpHandler('getPolicyBarcode', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const { type, format } = parseQuery(event, barcodeQuerySchema);
  const deps = dependencies();
  const shown = await shownPolicy(deps, caller, personId, 'getPolicyBarcode');
  const signed = type === 'code128' ? undefined : await signedPayloadOf(deps, shown);
  const data = signed?.bytes ?? shown.person.enp;
  const etag = `"${createHash('sha256').update(`${type}.${format}.`).update(data).digest('base64url').slice(0, 27)}"`;
  const headers = { etag, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff', ...(signed?.adjustments.length ? { 'name-adjusted': [...new Set(signed.adjustments.map((a) => a.kind))].join(', ') } : {}) };
  if (notModified(event, etag)) return { statusCode: 304, headers, body: '' };
  const image = await renderBarcode(type, format, data);
  return typeof image.body === 'string'
    ? { statusCode: 200, headers: { ...headers, 'content-type': image.contentType }, body: image.body }
    : { statusCode: 200, headers: { ...headers, 'content-type': image.contentType }, body: image.body.toString('base64'), isBase64Encoded: true };
});

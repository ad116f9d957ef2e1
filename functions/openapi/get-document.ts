import { httpHandler } from '#shared/http/http-handler.ts';
import { header } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { openApiDocument } from '#shared/openapi/document.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

/** The document, built once; its server is where this request reached the API (https in the cloud, http locally). */
export const handler = httpHandler('getOpenApiDocument', async (event) => {
  document ??= openApiDocument();
  const scheme = header(event, 'x-forwarded-proto') === 'http' ? 'http' : 'https';
  return json(200, { ...document, servers: [{ url: `${scheme}://${event.requestContext.domainName}` }] }, { 'cache-control': 'public, max-age=300', vary: 'host' });
});

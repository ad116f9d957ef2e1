import { httpHandler } from '#shared/http/http-handler.ts';
import { json } from '#shared/http/responses.ts';
import { openApiDocument } from '#shared/openapi/document.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler('getOpenApiDocument', async (event) => {
  document ??= openApiDocument(`https://${event.requestContext.domainName}`);
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});

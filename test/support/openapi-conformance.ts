import type { OperationId } from '#shared/config/routes.ts';
import { routeOf } from '#shared/config/routes.ts';
import { openApiDocument } from '#shared/openapi/document.ts';
import { DECLARED_HEADERS } from '#shared/openapi/responses.ts';

type Responses = Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
const doc = openApiDocument();

export function declaredResponses(operationId: OperationId): Responses {
  const route = routeOf(operationId);
  const item = doc.paths![route.path] as Record<string, { responses: Responses }>;
  return item[route.method.toLowerCase()]!.responses;
}

/** What an answer has that the OpenAPI document does not declare for its route: a status, a media type, a header. */
export function undeclared(operationId: OperationId, answer: { status: number; headers: Record<string, string | undefined> }): string[] {
  const declared = declaredResponses(operationId)[String(answer.status)];
  if (!declared) return [`status ${answer.status}`];
  const problems: string[] = [];
  const type = answer.headers['content-type']?.split(';')[0]?.trim();
  if (type && !Object.keys(declared.content ?? {}).includes(type)) problems.push(`content-type ${type} for ${answer.status}`);
  const headerNames = Object.keys(declared.headers ?? {}).map((h) => h.toLowerCase());
  for (const name of DECLARED_HEADERS) {
    if (answer.headers[name] !== undefined && !headerNames.includes(name)) problems.push(`header ${name} for ${answer.status}`);
  }
  return problems;
}

/** Headers of a fetch Response or a Lambda result, lower-cased. */
export function headersOf(source: Headers | Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  if (!source) return {};
  if (source instanceof Headers) return Object.fromEntries([...source.entries()]);
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k.toLowerCase(), v]));
}

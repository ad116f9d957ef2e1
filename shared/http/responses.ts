import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PROBLEM_TYPE_BASE, type Problem } from '../domain/problem.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

const SECURITY_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json', ...SECURITY_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** RFC 9457: `type` names the problem, `code` is the same name for machines, `errors` the fields. */
export function problemResponse(problem: Problem, instance?: string): HttpResult {
  const body = {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    instance,
    ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
    ...problem.extensions,
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...SECURITY_HEADERS, ...problem.headers },
    body: JSON.stringify(body),
  };
}

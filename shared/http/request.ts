import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { Problem, type FieldError } from '../domain/problem.ts';

/** Largest request body a route accepts, before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const pointerOf = (path: readonly PropertyKey[]) => `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** One error per failing field (the first zod found), each with its JSON pointer. */
export function zodErrors(error: z.ZodError): FieldError[] {
  const errors = new Map<string, FieldError>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const pointer = pointerOf([...issue.path, key]);
        errors.set(pointer, { pointer, code: 'unknown-field', detail: 'This field is not part of the request.' });
      }
      continue;
    }
    const pointer = pointerOf(issue.path);
    if (errors.has(pointer)) continue;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    errors.set(pointer, { pointer, code: missing ? 'required' : 'invalid', detail: missing ? 'This field is required.' : issue.message });
  }
  return [...errors.values()];
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** Reads a JSON body and checks its shape; every failure is a problem naming what is wrong. */
export function parseJsonBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.infer<S> {
  const type = header(event, 'content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new Problem({ status: 415, code: 'unsupported-media-type', title: 'Unsupported media type', detail: 'Send the body as application/json.' });
  }
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    throw new Problem({ status: 413, code: 'body-too-large', title: 'Request body too large', detail: `At most ${MAX_BODY_BYTES} bytes.` });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new Problem({ status: 400, code: 'malformed-json', title: 'Malformed JSON', detail: 'The body is not valid JSON.' });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw Problem.invalid(zodErrors(parsed.error));
  return parsed.data;
}

/** A path parameter that must match a schema; anything else cannot exist, hence 404. */
export function pathParameter<S extends z.ZodType>(event: APIGatewayProxyEventV2, name: string, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(event.pathParameters?.[name]);
  if (!parsed.success) throw Problem.notFound(what);
  return parsed.data;
}

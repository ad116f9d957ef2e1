import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { safeParse, type $ZodError, type $ZodType, type output } from 'zod/v4/core';
import { Problem, type FieldError } from '../domain/problem.ts';
import { hasForbiddenCharacter, normalizeText } from '../domain/text.ts';
import { duplicateKeys } from './duplicate-keys.ts';

/** Largest request body a route accepts, before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects a body may have: no request of the register needs more than a few. */
export const MAX_NESTING = 32;

/** How deep arrays and objects nest in JSON text, counted in one pass (brackets inside strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const escapeToken = (p: PropertyKey) => String(p).replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (path: readonly PropertyKey[]) => `/${path.map(escapeToken).join('/')}`;

/** Whether the request had a value at `path` (so that a missing field reads `required`, whatever zod calls it). */
function present(data: unknown, path: readonly PropertyKey[]): boolean {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key as string)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

/** One error per failing field (the first zod found), each with its JSON pointer. */
export function zodErrors(error: $ZodError, data?: unknown): FieldError[] {
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
    const missing = issue.path.length > 0 && !present(data, issue.path);
    errors.set(pointer, { pointer, code: missing ? 'required' : 'invalid', detail: missing ? 'This field is required.' : issue.message });
  }
  return [...errors.values()];
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

const badRequest = (code: string, title: string, detail: string, errors?: FieldError[]) => new Problem({ status: 400, code, title, detail, errors });

/** The media type's parameters, e.g. `charset`. */
function parameters(contentType: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return params;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bodyText(event: APIGatewayProxyEventV2, maxBytes: number): string {
  if (!event.body) return '';
  if (!event.isBase64Encoded) return event.body;
  const bytes = Buffer.from(event.body, 'base64');
  if (bytes.length > maxBytes) return bytes.toString('latin1'); // too large either way
  try {
    return utf8.decode(bytes);
  } catch {
    throw badRequest('invalid-encoding', 'Invalid encoding', 'The body is not valid UTF-8.');
  }
}

/** Normalizes every string to NFC in place and names those holding characters the register refuses. */
function checkText(value: unknown, path: (string | number)[] = [], errors: FieldError[] = []): unknown {
  if (typeof value === 'string') {
    if (hasForbiddenCharacter(value)) {
      errors.push({ pointer: pointerOf(path), code: 'invalid-characters', detail: 'Control, format, unassigned or private-use characters are not accepted.' });
      return value;
    }
    return normalizeText(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => checkText(v, [...path, i], errors));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = checkText(v, [...path, k], errors);
  }
  return value;
}

/**
 * Reads a JSON body and checks its shape; every failure is a problem naming what is wrong: not
 * JSON (415), another charset than UTF-8, bytes that are not UTF-8, malformed JSON, nesting deeper
 * than any request needs or a key given twice (400), too large (413: over 64 KiB, or the route's
 * own limit), fields that break the schema or hold forbidden characters (422).
 */
export function parseJsonBody<S extends $ZodType>(event: APIGatewayProxyEventV2, schema: S, limits: { maxBytes?: number } = {}): output<S> {
  const maxBytes = limits.maxBytes ?? MAX_BODY_BYTES;
  const type = header(event, 'content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new Problem({ status: 415, code: 'unsupported-media-type', title: 'Unsupported media type', detail: 'Send the body as application/json.' });
  }
  const charset = parameters(type).get('charset');
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw badRequest('unsupported-charset', 'Unsupported charset', 'Send the body in UTF-8 (charset=utf-8, or no charset).');
  }
  const raw = bodyText(event, maxBytes);
  if (Buffer.byteLength(raw) > maxBytes) {
    throw new Problem({ status: 413, code: 'body-too-large', title: 'Request body too large', detail: `At most ${maxBytes} bytes.` });
  }
  // Checked before parsing: a deeply nested body costs a parser time and stack out of all proportion.
  if (nestingDepth(raw) > MAX_NESTING) {
    throw badRequest('too-deeply-nested', 'Too deeply nested', `Arrays and objects nest at most ${MAX_NESTING} deep.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw badRequest('malformed-json', 'Malformed JSON', 'The body is not valid JSON.');
  }
  const duplicates = duplicateKeys(raw);
  if (duplicates.length > 0) {
    throw badRequest(
      'duplicate-key',
      'Duplicate key',
      'A key appears twice in the same object.',
      duplicates.map((path) => ({ pointer: pointerOf(path), code: 'duplicate-key', detail: 'Give each key once.' })),
    );
  }
  const textErrors: FieldError[] = [];
  data = checkText(data, [], textErrors);
  if (textErrors.length > 0) throw Problem.invalid(textErrors);
  const parsed = safeParse(schema, data);
  if (!parsed.success) throw Problem.invalid(zodErrors(parsed.error, data));
  return parsed.data;
}

/** A query string checked against a schema: 422 naming each bad parameter (pointers into the query). */
export function parseQuery<S extends $ZodType>(event: APIGatewayProxyEventV2, schema: S): output<S> {
  const query = event.queryStringParameters ?? {};
  const textErrors: FieldError[] = [];
  const checked = checkText({ ...query }, [], textErrors);
  if (textErrors.length > 0) throw Problem.invalid(textErrors, 'Invalid query parameters.');
  const parsed = safeParse(schema, checked);
  if (!parsed.success) throw Problem.invalid(zodErrors(parsed.error, checked), 'Invalid query parameters.');
  return parsed.data;
}

/** A path parameter that must match a schema; anything else cannot exist, hence 404. */
export function pathParameter<S extends $ZodType>(event: APIGatewayProxyEventV2, name: string, schema: S, what: string): output<S> {
  const parsed = safeParse(schema, event.pathParameters?.[name]);
  if (!parsed.success) throw Problem.notFound(what);
  return parsed.data;
}

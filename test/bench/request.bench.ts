/**
 * CPU cost of reading a request body (every POST pays it): JSON checked for duplicate keys, strings
 * normalized and screened, then the schema. Run with `npm run bench`; compare runs on one machine.
 */
import { bench, describe } from 'vitest';
import { MAX_BODY_BYTES, MAX_NESTING, parseJsonBody } from '#shared/http/request.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import * as z from 'zod';
import { httpEvent } from '../support/events.ts';

const example = httpEvent({ method: 'POST', path: '/applications', body: exampleApplication });
const anything = z.unknown();
const nested = httpEvent({ method: 'POST', path: '/x', body: `${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}` });
const tooDeep = httpEvent({ method: 'POST', path: '/x', body: `${'['.repeat(30_000)}${']'.repeat(30_000)}` });
/** The largest body a route takes: 64 KiB of strings to normalize and screen. */
const largest = httpEvent({ method: 'POST', path: '/x', body: { items: Array.from({ length: Math.floor(MAX_BODY_BYTES / 80) }, (_, i) => `Иванов Иван Иванович ${i}`) } });

describe('a request body', () => {
  bench('the example application, end to end', () => void parseJsonBody(example, applicationRequestSchema));
  bench(`${MAX_NESTING} levels of nesting (the most taken)`, () => void parseJsonBody(nested, anything));
  bench('30 000 levels of nesting (refused before parsing)', () => {
    try {
      parseJsonBody(tooDeep, anything);
    } catch {
      // refused: that is the point
    }
  });
  bench('64 KiB of Cyrillic strings', () => void parseJsonBody(largest, anything));
});

import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * Example events, one folder per handler as `infra/functions.ts` names it:
 * `infra/local/events/<handler>/<name>.json` (e.g. `persons/get-policy/citizen.json`), each in the
 * shape Lambda hands that handler (API Gateway HTTP API payload 2.0, an SQS batch, the schedule's
 * input). A test holds every declared handler to at least one, and every one to its shape.
 */
export const EVENTS_DIR = resolve(import.meta.dirname, '../events');

export interface ExampleEvent {
  handler: string;
  name: string;
  file: string;
}

/** Every example event under EVENTS_DIR, by handler and name. */
export function exampleEvents(): ExampleEvent[] {
  if (!existsSync(EVENTS_DIR)) return [];
  return readdirSync(EVENTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.json'))
    .sort()
    .map((path) => {
      const file = join(EVENTS_DIR, path);
      const parts = relative(EVENTS_DIR, file).split(sep);
      return { handler: parts.slice(0, -1).join('/'), name: parts.at(-1)!.replace(/\.json$/, ''), file };
    });
}

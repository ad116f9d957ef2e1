import type { FieldError } from './problem.ts';
import { scriptOf, type Script } from './text.ts';

const SCRIPT_NAMES: Record<Script, string> = { cyrillic: 'Cyrillic', latin: 'Latin' };

/**
 * A name is written in one script, one its documents use: Cyrillic on a Russian document, Latin
 * or Cyrillic on a foreign one; a mix (a Latin «Ivanov» with a Cyrillic «о») is a look-alike.
 */
export function nameErrors(names: { lastName: string; firstName: string; middleName?: string }, base: string, allowed: Set<Script>): FieldError[] {
  const errors: FieldError[] = [];
  let common: Script | undefined;
  for (const part of ['lastName', 'firstName', 'middleName'] as const) {
    const value = names[part];
    if (value === undefined) continue;
    const pointer = `${base}/${part}`;
    const script = scriptOf(value);
    const mixed = { pointer, code: 'name-mixed-script', detail: 'A name is written in one script: Cyrillic or Latin letters, not both.' };
    if (script === 'mixed') {
      errors.push(mixed);
    } else if (script !== 'cyrillic' && script !== 'latin') {
      errors.push({ pointer, code: 'name-script', detail: 'A name is written in Cyrillic or Latin letters.' });
    } else if (common && script !== common) {
      errors.push(mixed);
    } else if (!allowed.has(script)) {
      const expected = [...allowed].map((s) => SCRIPT_NAMES[s]).join(' or ');
      errors.push({ pointer, code: 'name-script', detail: `On this document a name is written in ${expected} letters.` });
    } else {
      common = script;
    }
  }
  return errors;
}

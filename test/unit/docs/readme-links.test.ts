import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A clone has only what the repository holds: every link of its READMEs leads to a file in it (and
 * to a heading that file has), and none points at the domain notes the project was written from
 * (`DOMAIN.md`), which a clone does not have: `shared/domain/README.md` is the project's own account.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const READMES = ['README.md', 'shared/domain/README.md'];

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

describe('the READMEs', () => {
  for (const readme of READMES) {
    it(`${readme}: every relative link leads to a file of the repository and a heading it has`, () => {
      const text = readFileSync(join(ROOT, readme), 'utf8').replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const file = path === '' ? join(ROOT, readme) : resolve(dirname(join(ROOT, readme)), path);
        if (!file.startsWith(`${ROOT}/`) || !existsSync(file)) broken.push(`${target} (no such file in the repository)`);
        else if (anchor && file.endsWith('.md') && !anchorsIn(file).has(decodeURIComponent(anchor))) broken.push(`${target} (no such heading)`);
      }
      expect(broken).toEqual([]);
    });

    it(`${readme}: names no document a clone does not have`, () => {
      expect(readFileSync(join(ROOT, readme), 'utf8')).not.toMatch(/DOMAIN\.md/);
    });
  }
});

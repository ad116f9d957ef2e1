import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { gte } from '#infra/constructs/semver-gte.ts';

/** The package the stand-in replaces, as the X-Ray SDK installs it. */
const semver = createRequire(import.meta.url)('semver') as { gte(a: string, b: string): boolean };

describe("the bundles' stand-in for semver", () => {
  it('answers gte as semver does, for releases and a prerelease against its release', () => {
    const versions = ['0.0.0', '2.7.14', '2.7.15', '2.7.15-beta.1', '2.8.0', '2.10.0', '3.0.0', 'v8.0.0', '8.0.0', '20.19.0', '24.1.0', '10.0.0-rc.1'];
    for (const a of versions) for (const b of versions) expect(gte(a, b), `${a} >= ${b}`).toBe(semver.gte(a, b));
  });

  it('refuses what is not a version, as semver does', () => {
    for (const bad of ['', '2.7', 'x.y.z', '2.7.15.1']) {
      expect(() => semver.gte(bad, '1.0.0')).toThrow(TypeError);
      expect(() => gte(bad, '1.0.0')).toThrow(TypeError);
    }
  });
});

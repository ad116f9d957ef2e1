/**
 * Stands in for the `semver` package in the Lambda bundles (esbuild's alias, `./bundling.ts`): its
 * users there ask only `gte` (the X-Ray SDK's patcher of the AWS SDK v2, which Tracer never calls,
 * the register using the SDK v3; cls-hooked, of the Node version), and the whole package is 29 KB
 * of every traced bundle. Versions compare by major, minor and patch; a prerelease comes before its
 * release, and two prereleases of one version compare equal.
 */
function parts(version: string): { core: number[]; prerelease: boolean } {
  const m = /^\s*v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/.exec(version);
  if (!m) throw new TypeError(`Invalid Version: ${version}`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], prerelease: m[4] !== undefined };
}

export function gte(version: string, than: string): boolean {
  const [a, b] = [parts(version), parts(than)];
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! > b.core[i]!;
  return !a.prerelease || b.prerelease;
}

import { basename, resolve } from 'node:path';
import { routes } from '#shared/config/routes.ts';

/**
 * How a handler becomes a Lambda bundle, in one place: the stack's NodejsFunction and the test
 * that runs the real bundles both use it.
 */
export const LAMBDA_BUNDLE = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  sourcemap: true,
  /**
   * Maps without the sources' text: stack traces still name the source files and lines, and with
   * --enable-source-maps Node reads and parses the map at cold start (740 KB with the text, 125 KB
   * without, for a read function).
   */
  sourcesContent: false,
  mainFields: ['module', 'main'],
  /** The Node 24 runtime ships the AWS SDK v3. */
  external: ['@aws-sdk/*'],
  /**
   * Text as UTF-8, not escaped to ASCII: the regions' and catalogues' Cyrillic names take 2 bytes a
   * letter instead of 6 (about 6 KB of every bundle).
   */
  charset: 'utf8',
  /** Packages replaced in the bundles by a module of ours doing the little they are used for. */
  alias: { semver: resolve(import.meta.dirname, 'semver-gte.ts') },
  /** ESM bundles still meet CommonJS dependencies that call require(). */
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  /**
   * With tracing off (`-c tracing=false`) the bundles leave Powertools Tracer and the X-Ray SDK out
   * (about 125 KB each): `shared/observability/tracer.ts` loads them behind this variable.
   */
  untraced: { define: { 'process.env.POWERTOOLS_TRACE_ENABLED': '"false"' } },
  /** Data read at cold start, copied beside the bundle: the production calendar's years. */
  dataFolders: [{ from: 'shared/calendar/years', to: 'years' }],
} as const;

/**
 * The shell commands run after esbuild, in the bundle's folder: the data folders every function
 * reads, and the files one function declares (`assets` in infra/functions.ts, paths from the
 * project root), each copied beside `index.mjs` under its own name, where the code reads it
 * (the extract's font: `shared/extract/extract-font.ts`).
 */
export function afterBundlingCommands(inputDir: string, outputDir: string, assets: readonly string[] = []): string[] {
  return [
    ...LAMBDA_BUNDLE.dataFolders.map((d) => `cp -r "${inputDir}/${d.from}" "${outputDir}/${d.to}"`),
    ...assets.map((a) => `cp "${inputDir}/${a}" "${outputDir}/${basename(a)}"`),
  ];
}

/**
 * What esbuild writes into a function's bundle as literals: with tracing off, that it is off (so
 * Tracer stays out); for a route's function, its own route declaration (`BUNDLED_ROUTE`, read by
 * `shared/http/http-handler.ts`), so that the bundle leaves out the table of every route.
 */
export function bundleDefines(handler: string | undefined, traced: boolean): Record<string, string> {
  const route = handler === undefined ? undefined : routes.find((r) => r.handler === handler);
  return {
    ...(traced ? {} : LAMBDA_BUNDLE.untraced.define),
    ...(route ? { 'process.env.BUNDLED_ROUTE': JSON.stringify(JSON.stringify(route)) } : {}),
  };
}

/**
 * The same settings as esbuild's own options, for tools that bundle a handler without the stack
 * (the cold-start bench's yardsticks, tests that read what a bundle holds).
 */
export function esbuildOptions(options: { traced?: boolean; handler?: string } = {}) {
  return {
    bundle: true,
    format: LAMBDA_BUNDLE.format,
    target: LAMBDA_BUNDLE.target,
    platform: LAMBDA_BUNDLE.platform,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourcemap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    external: [...LAMBDA_BUNDLE.external],
    charset: LAMBDA_BUNDLE.charset,
    alias: { ...LAMBDA_BUNDLE.alias },
    banner: { js: LAMBDA_BUNDLE.banner },
    define: bundleDefines(options.handler, options.traced !== false),
  };
}

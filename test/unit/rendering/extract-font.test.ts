import { App, Duration, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTRACT_FONT_ASSET, extractFontPath, loadExtractFont } from '#shared/extract/extract-font.ts';
import { buildApp } from '#infra/app.ts';
import { afterBundlingCommands } from '#infra/constructs/bundling.ts';
import { RegisterFunction } from '#infra/constructs/register-function.ts';
import { FUNCTIONS } from '#infra/functions.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the extract's font", () => {
  it('is read from node_modules in the source tree: a TrueType font', async () => {
    expect(extractFontPath()).toBe(join(ROOT, EXTRACT_FONT_ASSET));
    const font = await loadExtractFont();
    expect([...font.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    expect(await loadExtractFont()).toBe(font);
  });

  it("is copied beside a bundle by the bundling's commands for a function that declares it, and read from there", () => {
    const commands = afterBundlingCommands(ROOT, out, [EXTRACT_FONT_ASSET]);
    expect(commands).toContain(`cp "${ROOT}/${EXTRACT_FONT_ASSET}" "${out}/DejaVuSans.ttf"`);
    // The calendar's years still go to every bundle.
    expect(commands).toContain(`cp -r "${ROOT}/shared/calendar/years" "${out}/years"`);
    for (const c of commands) execSync(c);
    expect(extractFontPath(out)).toBe(join(out, 'DejaVuSans.ttf'));
    expect(readFileSync(extractFontPath(out)).equals(readFileSync(join(ROOT, EXTRACT_FONT_ASSET)))).toBe(true);
    expect(afterBundlingCommands(ROOT, out)).toHaveLength(1);
  });
});

describe("a function's declared assets", () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Assets');
  const key = new Key(stack, 'Key');
  const fn = (id: string, assets: string[]) =>
    new RegisterFunction(stack, id, { handler: 'openapi/get-document', environment: {}, timeout: Duration.seconds(10), key, logRetention: RetentionDays.ONE_DAY, tracing: false, assets });

  it('must exist and have names of their own beside the bundle, or synth fails', () => {
    expect(() => fn('Font', [EXTRACT_FONT_ASSET])).not.toThrow();
    expect(() => fn('Missing', ['node_modules/dejavu-fonts-ttf/ttf/NoSuchFont.ttf'])).toThrow(/declares an asset that does not exist/);
    expect(() => fn('Twice', [EXTRACT_FONT_ASSET, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'])).toThrow(/two files named DejaVuSans.ttf/);
    expect(() => fn('Years', ['shared/calendar/years'])).toThrow(/two files named years/);
  });

  it('exist for every declared function', () => {
    const missing = Object.entries(FUNCTIONS).flatMap(([handler, d]) => (d.assets ?? []).filter((a) => !existsSync(join(ROOT, a))).map((a) => `${handler}: ${a}`));
    expect(missing).toEqual([]);
  });

  it("reach the function's construct from its declaration in infra/functions.ts", () => {
    const declaration = FUNCTIONS['openapi/get-document']!;
    declaration.assets = ['node_modules/dejavu-fonts-ttf/ttf/NoSuchFont.ttf'];
    try {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', region: 'eu-central-1' } });
      expect(() => buildApp(app)).toThrow('functions/openapi/get-document.ts declares an asset that does not exist: node_modules/dejavu-fonts-ttf/ttf/NoSuchFont.ttf');
    } finally {
      delete declaration.assets;
    }
  });
});

import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProductionCalendar } from '#shared/calendar/production-calendar.ts';
import { isValidEnp } from '#shared/domain/enp.ts';
import { LAMBDA_BUNDLE } from '#infra/constructs/bundling.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { adultApplication, citizenFor } from '../support/applications.ts';
import { context, httpEvent, sqsEvent } from '../support/events.ts';

/**
 * The artifacts Lambda runs, not the sources: each handler bundled as the stack bundles it, then
 * invoked against the local engines. Catches ESM/CommonJS mix-ups and data files left behind.
 */
const ROOT = resolve(import.meta.dirname, '../..');
// Inside the project, so that the external AWS SDK resolves from node_modules as the runtime's would.
const OUT = join(ROOT, 'node_modules', '.cache', `lambda-bundles-${process.pid}`);
const HANDLERS = ['applications/submit-application', 'numbering/assign-numbers', 'applications/get-application'];
/** The same handler bundled without its data folders: it must not find the sources' calendar instead. */
const WITHOUT_DATA = 'applications/submit-application#bare';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (event: any, context: any) => Promise<any>;
const bundles: Record<string, Handler> = {};
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, schedules: false, consumersPaused: true });
  for (const name of [...HANDLERS, WITHOUT_DATA]) {
    const [file] = name.split('#');
    const dir = join(OUT, name.replace(/[/#]/g, '-'));
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(ROOT, 'functions', `${file}.ts`)],
      outfile: join(dir, 'index.mjs'),
      bundle: true,
      format: LAMBDA_BUNDLE.format,
      platform: LAMBDA_BUNDLE.platform,
      target: LAMBDA_BUNDLE.target,
      minify: LAMBDA_BUNDLE.minify,
      sourcemap: LAMBDA_BUNDLE.sourcemap,
      mainFields: [...LAMBDA_BUNDLE.mainFields],
      external: [...LAMBDA_BUNDLE.external],
      banner: { js: LAMBDA_BUNDLE.banner },
      logLevel: 'silent',
    });
    if (name !== WITHOUT_DATA) for (const d of LAMBDA_BUNDLE.dataFolders) cpSync(join(ROOT, d.from), join(dir, d.to), { recursive: true });
    bundles[name] = ((await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: Handler }).handler;
  }
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(OUT, { recursive: true, force: true });
});

describe('Lambda bundles', () => {
  it('file an application, assign its number and report it, as bundled for Lambda', async () => {
    const created = await bundles['applications/submit-application']!(httpEvent({ method: 'POST', path: '/applications', body: adultApplication(1), caller: citizenFor(1) }), context);
    expect(created.statusCode).toBe(201);
    const { application } = JSON.parse(created.body) as { application: { id: string; submittedAt: string; numberDueAt: string } };
    const due = loadProductionCalendar().endOfNextWorkingDay(new Date(application.submittedAt), 'Europe/Moscow');
    expect(application.numberDueAt).toBe(due.toISOString());

    const batch = await bundles['numbering/assign-numbers']!(sqsEvent([JSON.stringify({ applicationId: application.id })]), context);
    expect(batch).toEqual({ batchItemFailures: [] });

    const status = await bundles['applications/get-application']!(
      httpEvent({ path: `/applications/${application.id}`, pathParameters: { applicationId: application.id }, caller: citizenFor(1) }),
      context,
    );
    const body = JSON.parse(status.body) as { status: string; enp: string };
    expect(body.status).toBe('number_assigned');
    expect(isValidEnp(body.enp)).toBe(true);
  });

  it('read the production calendar from beside the bundle', async () => {
    const result = await bundles[WITHOUT_DATA]!(httpEvent({ method: 'POST', path: '/applications', body: adultApplication(2), caller: citizenFor(2) }), context);
    expect(result.statusCode).toBe(500);
  });
});

/**
 * `npm start`: the whole register on this machine, with its data under `.local/`.
 * `npm run dev` (`--watch`): the same, and every function reloads its code after a change.
 * `--now <instant>` (or `REGISTER_NOW`): the register's clock starts there (time travel).
 */
import { watch } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseOrigins } from '#shared/config/cors.ts';
import { queues } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { schedules } from '#shared/config/schedules.ts';
import { logger } from '#shared/observability/logger.ts';
import { CLOCK_PATH } from './clock/clock-route.ts';
import { INSTANT_EXAMPLE, parseInstant } from './clock/instants.ts';
import { DEMO_IDENTITIES } from './dev-issuer.ts';
import { exampleCommands } from './examples.ts';
import { whenLaunchersGone } from './lifecycle.ts';
import { StartupError } from './ports.ts';
import { readRuntimeFile, removeRuntimeFile, writeRuntimeFile } from './runtime-file.ts';
import { DEFAULT_DATA_DIR, startLocalRuntime, type LocalRuntime } from './runtime.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = resolve(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR);
const port = Number(process.env.PORT ?? 3000);

/** The data folder as a reader would type it: relative below the working directory, else absolute. */
function shownDataDir(): string {
  const rel = relative(process.cwd(), dataDir);
  return rel === '' ? '.' : rel.startsWith('..') ? dataDir : `./${rel}`;
}

/** The options, with `--now` (or `REGISTER_NOW`) read as an instant; what is wrong in one line. */
function options(): { watch: boolean; now?: Date } {
  let values: { watch?: boolean; now?: string };
  try {
    ({ values } = parseArgs({ options: { watch: { type: 'boolean', default: false }, now: { type: 'string' } } }));
  } catch (error) {
    throw new StartupError(`${(error as Error).message} (options: --now <ISO instant>, e.g. --now ${INSTANT_EXAMPLE})`);
  }
  const [name, text] = values.now !== undefined ? ['--now', values.now] : ['REGISTER_NOW', process.env.REGISTER_NOW];
  if (text === undefined || text === '') return { watch: values.watch ?? false };
  const now = parseInstant(text);
  if (!now) throw new StartupError(`${name} is not an ISO 8601 instant with its zone: ${JSON.stringify(text)} (e.g. ${INSTANT_EXAMPLE})`);
  return { watch: values.watch ?? false, now };
}

/** Where the register's clock stands when it is not real time, and how to move it. */
function clockLines(runtime: LocalRuntime): string[] {
  const offset = runtime.clock.offsetMs();
  const travel = `  Time travel curl -X POST ${runtime.url}${CLOCK_PATH} -d '{"advance":"P31D"}'  (or {"at":"<ISO instant>"}; GET ${CLOCK_PATH} tells the time)`;
  if (offset === 0) return [travel];
  const days = (offset / 86_400_000).toFixed(2).replace(/\.?0+$/, '');
  return [`  Clock       ${runtime.clock.now().toISOString()}, not real time (${offset > 0 ? '+' : ''}${days} days); tokens keep real time`, travel];
}

function banner(runtime: LocalRuntime, tokens: Record<string, string>, watching: boolean): string {
  const { url, resources } = runtime;
  const shown = shownDataDir();
  return [
    '',
    `ОМС e-policy register is running at ${url}`,
    '',
    `  API         ${url}  (OpenAPI: ${url}/openapi.json)`,
    ...routes.map((r) => `                ${r.method.padEnd(7)}${r.path}`),
    `  DynamoDB    ${resources.dynamodbEndpoint}  table ${resources.tableName}, data in ${shown}/dynamodb`,
    `  SQS         ${resources.sqsEndpoint}  queues ${queues.map((q) => `${q.name} (+dlq)`).join(', ')}`,
    ...schedules.map((s) => `  Schedule    ${s.name}  ${s.expression} ${s.timeZone}, next ${runtime.schedules?.next(s.name)?.toISOString() ?? '-'}`),
    ...clockLines(runtime),
    '  Every engine listens on 127.0.0.1 only.',
    '',
    `Tokens (valid 12 h; also in ${shown}/tokens.json under these names; API Gateway-style checks of signature, issuer, audience, expiry):`,
    ...Object.entries(tokens).map(([name, token]) => `  ${name.padEnd(15)} ${DEMO_IDENTITIES[name]!.who}\n                  ${token}`),
    '  Another caller: TOKEN=$(npm run -s token -- --role operator --region 50)',
    '',
    'Try it (as the citizen):',
    ...exampleCommands(url, shown).map((line) => `  ${line}`),
    `  npm run job -- ${schedules[0]!.name} --now 2026-12-01T09:00:00Z`,
    '',
    'The same request again answers the first result (same Idempotency-Key) or 409 (new key, same person).',
    watching ? 'Watching functions/ and shared/: each function reloads on its next call after a change (restart for changes in infra/).' : '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

/** `npm run dev`: a change under functions/ or shared/ gives every function a fresh sandbox. */
function watchSources(runtime: LocalRuntime): void {
  let timer: NodeJS.Timeout | undefined;
  for (const dir of ['functions', 'shared']) {
    watch(join(ROOT, dir), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        runtime.sandboxes.recycle();
        logger.info('code changed: functions reload on their next call');
      }, 150);
    }).unref();
  }
}

async function main(): Promise<void> {
  const values = options();
  mkdirSync(dataDir, { recursive: true });
  const running = readRuntimeFile(dataDir);
  if (running) throw new StartupError(`The register is already running (pid ${running.pid}, ${running.url}) on ${dataDir}: stop it first, or set REGISTER_DATA_DIR to another folder.`);

  // Watch for the end before starting: a launcher that dies during startup stops it too.
  const started: { runtime?: LocalRuntime } = {};
  let stopping: string | undefined;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = why;
    const { runtime } = started;
    if (!runtime) return; // still starting: stopped as soon as it is up
    process.stdout.write(`\nStopping the register (${why})...\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await runtime.stop().catch(() => undefined);
    removeRuntimeFile(dataDir);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  whenLaunchersGone(() => void shutdown('the command that started it ended'));

  const runtime = await startLocalRuntime({ port, dataDir, corsOrigins: parseOrigins(process.env.CORS_ORIGINS), now: values.now });
  started.runtime = runtime;
  if (stopping) {
    const why = stopping;
    stopping = undefined;
    return shutdown(why);
  }
  // A failure the server did not contain is logged; the register keeps serving.
  process.on('uncaughtException', (error) => logger.error('uncaught exception', { errorName: error.name }));
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { errorName: (reason as Error)?.name }));

  writeRuntimeFile(dataDir, { pid: process.pid, url: runtime.url, resources: runtime.resources });
  const tokens: Record<string, string> = {};
  for (const [name, { claims }] of Object.entries(DEMO_IDENTITIES)) tokens[name] = await runtime.issuer.sign(claims);
  writeFileSync(join(dataDir, 'tokens.json'), JSON.stringify(tokens, null, 2), { mode: 0o600 });
  process.stdout.write(banner(runtime, tokens, values.watch) + '\n');
  void runtime.sandboxes.warm();
  if (values.watch) watchSources(runtime);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});

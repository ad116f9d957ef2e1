/** `npm run job -- <job-name> [--now <ISO time>]`: one run of a scheduled job against the running local register. */
import { parseArgs } from 'node:util';
import { schedules } from '#shared/config/schedules.ts';
import { CLOCK_PATH } from './clock/clock-route.ts';
import { Sandboxes } from './lambda/sandboxes.ts';
import { readRuntimeFile } from './runtime-file.ts';
import { DEFAULT_DATA_DIR, functionSpecs, runJobIn } from './runtime.ts';

const USAGE = 'usage: npm run job -- <job-name> [--now <ISO time>]';

/**
 * Without `--now`, the job runs at the register's time, which a time travel may have moved: the
 * running register tells it (`GET /_local/clock`). At real time (or if it does not answer), real time.
 */
async function registerNow(url: string): Promise<Date | undefined> {
  try {
    const { now, offsetMs } = (await (await fetch(`${url}${CLOCK_PATH}`)).json()) as { now: string; offsetMs: number };
    const at = new Date(now);
    return offsetMs !== 0 && !Number.isNaN(at.getTime()) ? at : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const names = schedules.map((s) => s.name).join(', ');
  if (values.help) {
    process.stdout.write(`${USAGE}\njobs: ${names}\n`);
    return;
  }
  const [name] = positionals;
  if (!name) throw new Error(`${USAGE}; jobs: ${names}`);
  const declaration = schedules.find((s) => s.name === name);
  if (!declaration) throw new Error(`no job named ${name}; jobs: ${names}`);
  const given = values.now === undefined ? undefined : new Date(values.now);
  if (given && Number.isNaN(given.getTime())) throw new Error(`--now is not an instant: ${values.now} (e.g. 2026-12-01T09:00:00Z)`);

  const runtime = readRuntimeFile(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (!runtime) throw new Error('The local register is not running: start it with `npm start` in another terminal, then run the job again.');
  const now = given ?? (await registerNow(runtime.url));
  // The job's function alone, with the environment the running register gives it.
  const sandboxes = new Sandboxes(functionSpecs(runtime.resources).filter((s) => s.handler === declaration.handler));
  try {
    const result = await runJobIn(sandboxes, name, { now });
    process.stdout.write(`${JSON.stringify({ job: name, now: (now ?? new Date()).toISOString(), result })}\n`);
  } finally {
    await sandboxes.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

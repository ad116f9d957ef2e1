/** `npm run job -- <job-name> [--now <ISO time>]`: one run of a scheduled job against the running local register. */
import { parseArgs } from 'node:util';
import { fixedClock } from '#shared/clock.ts';
import { schedules } from '#shared/config/schedules.ts';
import { createDependencies, useDependencies } from '#shared/services/dependencies.ts';
import { readRuntimeFile } from './runtime-file.ts';
import { DEFAULT_DATA_DIR, runJob } from './runtime.ts';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { now: { type: 'string' } } });
  const [name] = positionals;
  const names = schedules.map((s) => s.name).join(', ');
  if (!name) throw new Error(`usage: npm run job -- <job-name> [--now <ISO time>]; jobs: ${names}`);
  if (!schedules.some((s) => s.name === name)) throw new Error(`no job named ${name}; jobs: ${names}`);

  const runtime = readRuntimeFile(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (!runtime) throw new Error('The local register is not running: start it with `npm start` in another terminal, then run the job again.');
  Object.assign(process.env, runtime.env);
  if (values.now) useDependencies(await createDependencies({ clock: fixedClock(values.now) }));

  const result = await runJob(name);
  process.stdout.write(`${JSON.stringify({ job: name, now: values.now ?? new Date().toISOString(), result })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

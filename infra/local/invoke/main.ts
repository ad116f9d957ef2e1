/**
 * `npm run invoke -- <handler> <event.json> [--mock] [--now <ISO time>]`: one handler, once, as
 * `sam local invoke` does. Prints what the function returned as JSON on stdout (Lambda's error
 * payload, and exit code 1, if it failed); its log lines and this command's notes go to stderr.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR } from '../runtime.ts';
import { exampleEvents } from './example-events.ts';
import { handlerNames, invokeOnce, InvokeError } from './invoke.ts';

const USAGE = 'usage: npm run invoke -- <handler> <event.json> [--mock] [--now <ISO time>]';
const ROOT = resolve(import.meta.dirname, '../../..');

function help(): string {
  const examples = exampleEvents();
  return [
    USAGE,
    '',
    '  --mock   no `npm start` needed: an empty in-memory register (DynamoDB: dynalite; SQS: fauxqs), gone when the command ends',
    '  --now    the register\'s clock for this invocation',
    '',
    'handlers and their example events:',
    ...handlerNames().flatMap((h) => [`  ${h}`, ...examples.filter((e) => e.handler === h).map((e) => `      ${relative(ROOT, e.file)}`)]),
    '',
  ].join('\n');
}

/** The event file, relative to where the command was typed (npm runs scripts from the project's folder). */
function readEvent(path: string): unknown {
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvokeError(`cannot read the event file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvokeError(`the event file ${path} is not JSON: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  // This machine's Node may be older than Lambda's: the SDK would say so on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { mock: { type: 'boolean', default: false }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new InvokeError(`${(error as Error).message} (${USAGE})`);
  }
  const { positionals, values } = parsed;
  if (values.help) {
    process.stdout.write(help());
    return 0;
  }
  const [handler, eventPath, ...extra] = positionals;
  if (!handler || !eventPath || extra.length > 0) throw new InvokeError(`${USAGE}; handlers: ${handlerNames().join(', ')}`);
  if (!handlerNames().includes(handler)) throw new InvokeError(`no handler named ${handler}; handlers: ${handlerNames().join(', ')}`);
  const event = readEvent(eventPath);
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) throw new InvokeError(`--now is not an instant: ${values.now} (e.g. 2026-12-01T09:00:00Z)`);

  if (values.mock) process.stderr.write('--mock: an empty in-memory register (DynamoDB: dynalite, SQS: fauxqs), gone when this command ends\n');
  const outcome = await invokeOnce({ handler, event, mock: values.mock, now, dataDir: resolve(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR), logs: process.stderr });
  for (const [queue, count] of Object.entries(outcome.queued ?? {})) process.stderr.write(`--mock: the queue ${queue} now holds ${count} message(s)\n`);
  process.stdout.write(`${JSON.stringify('error' in outcome ? outcome.error : (outcome.result ?? null), null, 2)}\n`);
  return 'error' in outcome ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const message = error instanceof InvokeError ? error.message : `invoke failed: ${(error as Error).message}`;
    process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  },
);

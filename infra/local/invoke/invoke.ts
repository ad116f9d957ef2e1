import { checkConfiguration, configurationIn, declaredHandlers } from '../../functions.ts';
import { InvocationError, Sandboxes } from '../lambda/sandboxes.ts';
import { readRuntimeFile } from '../runtime-file.ts';
import { functionSpecs, type LocalResources } from '../runtime.ts';
import { startMockRegister, type MockRegister } from './mock-register.ts';

export interface InvokeOptions {
  /** A declared handler, as `infra/functions.ts` names it. */
  handler: string;
  event: unknown;
  /** In-memory doubles instead of the running `npm start`. */
  mock?: boolean;
  /** The register's clock for this invocation (as `npm run job -- --now`). */
  now?: Date;
  /** The running register's data folder (without `mock`). */
  dataDir: string;
  /** Where the function's log lines go. */
  logs?: NodeJS.WritableStream;
}

/** What Lambda hands back: the handler's return value, or the error payload of a function that failed. */
export type Outcome = { result: unknown } | { error: { errorType: string; errorMessage: string } };

/** A mistake in what was asked (unknown handler, register not running, bad settings): said in one line. */
export class InvokeError extends Error {}

export const handlerNames = () => declaredHandlers().map((h) => h.handler);

/**
 * Runs one declared handler once with an event, in a sandbox of its own with exactly the
 * environment the local runner gives it (`functionSpecs`): against the running `npm start`, or
 * with `mock` against an empty in-memory register. Returns what the function returned, and with
 * `mock` what it left in each queue.
 */
export async function invokeOnce(options: InvokeOptions): Promise<Outcome & { queued?: Record<string, number> }> {
  if (!handlerNames().includes(options.handler)) throw new InvokeError(`no handler named ${options.handler}; handlers: ${handlerNames().join(', ')}`);
  let resources: LocalResources;
  let mock: MockRegister | undefined;
  if (options.mock) {
    const configuration = configurationIn(process.env);
    try {
      checkConfiguration(configuration);
    } catch (error) {
      throw new InvokeError((error as Error).message);
    }
    mock = await startMockRegister(configuration);
    resources = mock.resources;
  } else {
    const running = readRuntimeFile(options.dataDir);
    if (!running) throw new InvokeError('The local register is not running: start it with `npm start` in another terminal, or add --mock to run against in-memory doubles.');
    resources = running.resources;
  }
  const sandboxes = new Sandboxes(
    functionSpecs(resources).filter((s) => s.handler === options.handler),
    { logs: options.logs },
  );
  try {
    const outcome = await (options.now ? sandboxes.invokeAt(options.handler, options.event, options.now) : sandboxes.invoke(options.handler, options.event)).then(
      (result): Outcome => ({ result }),
      (error: unknown): Outcome => {
        if (!(error instanceof InvocationError)) throw error;
        return { error: { errorType: error.errorName, errorMessage: error.message } };
      },
    );
    return mock ? { ...outcome, queued: await mock.queued() } : outcome;
  } finally {
    await sandboxes.stop();
    await mock?.stop();
  }
}

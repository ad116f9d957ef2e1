import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { lambdaContext, type InvocationInfo } from './context.ts';

/** Inside a function's worker: loads the handler file once (the cold start), then runs invocations. */
export interface SandboxData {
  handlerFile: string;
  /** `npm run job -- --now`: the register's clock stands still at this instant in this worker. */
  clockAt?: string;
  /**
   * The memory of the register's one clock (`infra/local/clock/register-clock.ts`), shared with
   * the main process: a time travel moves this worker's clock too, at once.
   */
  clockBuffer?: SharedArrayBuffer;
}
export type ToWorker = { id: number; event: unknown; info: InvocationInfo };
export type FromWorker =
  /** The handler's code is loaded (or failed to): the cold start is over. */
  | { loaded: true }
  /** The handler starts: the invocation's timeout runs from here (init is over). */
  | { id: number; started: true }
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (event: unknown, context: any) => Promise<unknown>;

const { handlerFile, clockAt, clockBuffer } = workerData as SandboxData;
if (clockAt || clockBuffer) {
  // The very module instance the handler will import, so its dependencies use this clock. With
  // the register's clock at real time (no offset), they read real time, as without it.
  const [{ createDependencies, useDependencies }, { fixedClock }, { RegisterClock }] = await Promise.all([
    import('#shared/services/dependencies.ts'),
    import('#shared/clock.ts'),
    import('../clock/register-clock.ts'),
  ]);
  useDependencies(createDependencies({ clock: clockAt ? fixedClock(clockAt) : new RegisterClock(clockBuffer) }));
}
const loaded: Promise<Handler> = import(pathToFileURL(handlerFile).href).then((m: { handler?: Handler }) => {
  if (typeof m.handler !== 'function') throw new Error(`${handlerFile} does not export a handler`);
  return m.handler;
});
// A failure to load is reported to each invocation; either way the cold start is over.
void loaded.then(
  () => parentPort!.postMessage({ loaded: true } satisfies FromWorker),
  () => parentPort!.postMessage({ loaded: true } satisfies FromWorker),
);

parentPort!.on('message', (message: ToWorker) => {
  void (async () => {
    let reply: FromWorker;
    try {
      const handler = await loaded;
      parentPort!.postMessage({ id: message.id, started: true } satisfies FromWorker);
      reply = { id: message.id, result: await handler(message.event, lambdaContext(message.info)) };
    } catch (error) {
      // Names and messages only, never stacks or data: our errors carry no personal data.
      const e = error as Error;
      reply = { id: message.id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(error) } };
    }
    // What the function printed reaches the main thread before its answer: a worker's output is
    // handed over asynchronously, and an environment ended right after answering (a job run at a
    // fixed instant) would lose the last lines, a job's summary or error among them. In a worker,
    // a write's callback fires once the main thread has taken the chunk, after all earlier ones.
    await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', () => done(undefined)))));
    try {
      parentPort!.postMessage(reply);
    } catch {
      parentPort!.postMessage({ id: message.id, error: { name: 'Runtime.MarshalError', message: 'The result cannot be serialized.' } });
    }
  })();
});

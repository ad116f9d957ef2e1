import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { lambdaContext, type InvocationInfo } from './context.ts';

/** Inside a function's worker: loads the handler file once (the cold start), then runs invocations. */
export interface SandboxData {
  handlerFile: string;
  /** Time travel for testers: the register's clock stands still at this instant in this worker. */
  clockAt?: string;
}
export type ToWorker = { id: number; event: unknown; info: InvocationInfo };
export type FromWorker =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (event: unknown, context: any) => Promise<unknown>;

const { handlerFile, clockAt } = workerData as SandboxData;
if (clockAt) {
  // The very module instance the handler will import, so its dependencies use this clock.
  const [{ createDependencies, useDependencies }, { fixedClock }] = await Promise.all([import('#shared/services/dependencies.ts'), import('#shared/clock.ts')]);
  useDependencies(createDependencies({ clock: fixedClock(clockAt) }));
}
const loaded: Promise<Handler> = import(pathToFileURL(handlerFile).href).then((m: { handler?: Handler }) => {
  if (typeof m.handler !== 'function') throw new Error(`${handlerFile} does not export a handler`);
  return m.handler;
});
loaded.catch(() => undefined); // reported to each invocation

parentPort!.on('message', (message: ToWorker) => {
  void (async () => {
    let reply: FromWorker;
    try {
      const handler = await loaded;
      reply = { id: message.id, result: await handler(message.event, lambdaContext(message.info)) };
    } catch (error) {
      // Names and messages only, never stacks or data: our errors carry no personal data.
      const e = error as Error;
      reply = { id: message.id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(error) } };
    }
    try {
      parentPort!.postMessage(reply);
    } catch {
      parentPort!.postMessage({ id: message.id, error: { name: 'Runtime.MarshalError', message: 'The result cannot be serialized.' } });
    }
  })();
});

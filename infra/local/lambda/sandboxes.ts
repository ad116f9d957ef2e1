import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RegisterClock } from '../clock/register-clock.ts';
import type { FromWorker, SandboxData, ToWorker } from './sandbox-worker.ts';

const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../../functions');
const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/** One deployed function as the local runner runs it. */
export interface FunctionSpec {
  /** File under `functions/`, without `.ts`. */
  handler: string;
  /** Another file to load instead (tests' fixtures). */
  file?: string;
  /** Exactly the variables Lambda would give it (see `infra/functions.ts`). */
  env: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
}

export interface SandboxOptions {
  /**
   * Where the functions' output (their log lines) goes; by default this process's own stdout and
   * stderr. `npm run invoke` sends it to stderr, keeping stdout for the result alone.
   */
  logs?: NodeJS.WritableStream;
  /** The register's clock, which every function reads (time travel); without it, real time. */
  clock?: RegisterClock;
}

/** An invocation that did not return: the handler threw, timed out, or its worker died. */
export class InvocationError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Lambda's limit on a function's init (the cold start), apart from the invocation's timeout. */
const INIT_LIMIT_MS = 10_000;

/** One worker thread running one function: a Lambda execution environment. */
class Instance {
  readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private retired = false;

  constructor(
    private readonly spec: FunctionSpec,
    private readonly onGone: (instance: Instance) => void,
    clock: { at?: Date; shared?: RegisterClock },
    logs?: NodeJS.WritableStream,
  ) {
    const data: SandboxData = {
      handlerFile: spec.file ?? resolve(FUNCTIONS_DIR, `${spec.handler}.ts`),
      clockAt: clock.at?.toISOString(),
      // Shared, not copied: the worker reads the register's clock where the main process moves it.
      clockBuffer: clock.shared?.buffer,
    };
    this.worker = new Worker(BOOTSTRAP, {
      env: spec.env,
      workerData: data,
      name: spec.handler,
      resourceLimits: { maxOldGenerationSizeMb: spec.memoryMb },
      ...(logs ? { stdout: true, stderr: true } : {}),
    });
    // Written through rather than piped: many workers share one destination, which pipes would load with listeners.
    if (logs) for (const stream of [this.worker.stdout, this.worker.stderr]) stream.on('data', (chunk: Buffer) => logs.write(chunk));
    this.worker.unref();
    this.worker.on('message', (reply: FromWorker) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(new InvocationError(spec.handler, 'Runtime.ExitError', `${error.name}: ${error.message}`)));
    this.worker.on('exit', (code) => {
      this.markLoaded();
      this.fail(new InvocationError(spec.handler, 'Runtime.ExitError', `The function's worker exited (${code}).`));
    });
  }

  invoke(event: unknown): Promise<unknown> {
    const id = this.nextId++;
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    return new Promise((resolvePromise, reject) => {
      // Lambda's init has a limit of its own: the invocation's clock starts when the handler does
      // (the worker says so), however long the cold start took on a busy machine.
      const timer = setTimeout(() => this.timedOut(), INIT_LIMIT_MS + timeoutMs);
      this.pending.set(id, { resolve: resolvePromise, reject, timer });
      const message: ToWorker = { id, event, info: { functionName: this.spec.handler, awsRequestId: randomUUID(), memoryLimitInMB: this.spec.memoryMb, timeoutMs } };
      this.worker.postMessage(message);
    });
  }

  /** Lambda discards an environment whose invocation timed out; so do we. */
  private timedOut(): void {
    this.fail(new InvocationError(this.spec.handler, 'Sandbox.Timedout', `Task timed out after ${this.spec.timeoutSeconds} seconds`));
  }

  /** Takes no new calls; ends once the calls in flight have returned. */
  retire(): void {
    this.retired = true;
    if (this.pending.size === 0) void this.worker.terminate();
  }

  /** Fails every call in flight and ends the worker. */
  fail(error: InvocationError): void {
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    this.pending.clear();
    this.onGone(this);
    void this.worker.terminate();
  }

  // In this order: a field declared after `loaded` would be reset once its promise has set it.
  private markLoaded: () => void = () => undefined;
  /** Resolves once the handler's code is loaded (or failed to load): the cold start is over. */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  private settle(reply: FromWorker): void {
    if ('loaded' in reply) return this.markLoaded();
    const call = this.pending.get(reply.id);
    if (!call) return;
    if ('started' in reply) {
      clearTimeout(call.timer);
      call.timer = setTimeout(() => this.timedOut(), this.spec.timeoutSeconds * 1000);
      return;
    }
    this.pending.delete(reply.id);
    clearTimeout(call.timer);
    if ('error' in reply) call.reject(new InvocationError(this.spec.handler, reply.error.name, reply.error.message));
    else call.resolve(reply.result);
    if (this.retired && this.pending.size === 0) void this.worker.terminate();
  }
}

/**
 * A function's execution environments, like Lambda's: a worker thread with its own module
 * instances and only its own environment variables, started on first use (the cold start) and
 * replaced when it crashes, times out or the code changes. A failure stays inside the invocation.
 */
class Sandbox {
  private current?: Instance;

  constructor(
    readonly spec: FunctionSpec,
    private readonly options: SandboxOptions = {},
  ) {}

  invoke(event: unknown): Promise<unknown> {
    return this.running().invoke(event);
  }

  /** One invocation in an environment of its own whose clock stands at `at`. */
  async invokeAt(event: unknown, at: Date): Promise<unknown> {
    const instance = new Instance(this.spec, () => undefined, { at }, this.options.logs);
    try {
      return await instance.invoke(event);
    } finally {
      instance.retire();
    }
  }

  /** Starts the environment now, so that the first invocation finds the code loaded; resolves when it has. */
  warm(): Promise<void> {
    return this.running().loaded;
  }

  /** The next invocation gets a fresh environment (new code); calls in flight finish on the old one. */
  recycle(): void {
    this.current?.retire();
    this.current = undefined;
  }

  async stop(): Promise<void> {
    const instance = this.current;
    this.current = undefined;
    instance?.fail(new InvocationError(this.spec.handler, 'Sandbox.Stopped', 'The local runtime is stopping.'));
    await instance?.worker.terminate();
  }

  private running(): Instance {
    this.current ??= new Instance(
      this.spec,
      (gone) => {
        if (this.current === gone) this.current = undefined;
      },
      { shared: this.options.clock },
      this.options.logs,
    );
    return this.current;
  }
}

/**
 * Every function of the register, each in its own sandbox. Given the register's clock, every
 * function reads its time from it (time travel); without, real time.
 */
export class Sandboxes {
  private readonly sandboxes: Map<string, Sandbox>;

  constructor(specs: readonly FunctionSpec[], options: SandboxOptions = {}) {
    this.sandboxes = new Map(specs.map((s) => [s.handler, new Sandbox(s, options)]));
  }

  invoke(handler: string, event: unknown): Promise<unknown> {
    const sandbox = this.sandboxes.get(handler);
    if (!sandbox) return Promise.reject(new Error(`no function ${handler}`));
    return sandbox.invoke(event);
  }

  /** Runs a function once at another time (`npm run job -- <name> --now <instant>`). */
  invokeAt(handler: string, event: unknown, at: Date): Promise<unknown> {
    const sandbox = this.sandboxes.get(handler);
    if (!sandbox) return Promise.reject(new Error(`no function ${handler}`));
    return sandbox.invokeAt(event, at);
  }

  specOf(handler: string): FunctionSpec | undefined {
    return this.sandboxes.get(handler)?.spec;
  }

  /**
   * Loads every function, one after another: twenty cold starts at once would take the machine's
   * every core for as long, and the first requests with them.
   */
  async warm(): Promise<void> {
    for (const s of this.sandboxes.values()) await s.warm();
  }

  recycle(): void {
    for (const s of this.sandboxes.values()) s.recycle();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sandboxes.values()].map((s) => s.stop()));
  }
}

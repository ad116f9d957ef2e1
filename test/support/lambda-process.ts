import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const RUNTIME = resolve(import.meta.dirname, 'lambda-runtime.mjs');

/** Measured inside the function's process: the bundle's import, and one invocation, in time and in the process's CPU time. */
export interface Timing {
  importMs: number;
  invokeMs: number;
  importCpuMs: number;
  invokeCpuMs: number;
}

/** A deployed bundle running in a process of its own, with exactly the environment given. */
export class LambdaProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve(v: { result: unknown; timing: Timing }): void; reject(e: Error): void }>();
  private nextId = 0;
  output = '';
  /** Settles when the process has exited. */
  readonly exited: Promise<void>;

  /** `execArgv`: Node options beyond those of the environment's NODE_OPTIONS (a profiler, say). */
  constructor(bundleDir: string, env: Record<string, string>, execArgv: string[] = []) {
    this.child = fork(RUNTIME, [], { cwd: bundleDir, env: { ...env, _HANDLER: env._HANDLER ?? 'index.handler' }, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.on('message', (m: { id: number; result?: unknown; timing: Timing; error?: { name: string; message: string } }) => {
      const call = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) call?.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else call?.resolve({ result: m.result, timing: m.timing });
    });
    this.exited = new Promise((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.on('exit', (code) => {
      for (const call of this.pending.values()) call.reject(new Error(`the function's process exited (${code}): ${this.output.slice(-500)}`));
      this.pending.clear();
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async invoke(event: unknown): Promise<any> {
    return (await this.invokeTimed(event)).result;
  }

  /** The answer with the bundle's import time and this invocation's time, both taken inside the process. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  invokeTimed(event: unknown): Promise<{ result: any; timing: Timing }> {
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.child.send({ id, event });
    });
  }

  stop(): void {
    this.child.kill();
  }

  /** Ends the process the way a normal exit does (a profiler writes its profile then). */
  async close(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    await this.exited;
  }
}

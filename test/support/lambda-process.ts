import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const RUNTIME = resolve(import.meta.dirname, 'lambda-runtime.mjs');

/** A deployed bundle running in a process of its own, with exactly the environment given. */
export class LambdaProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 0;
  output = '';

  constructor(bundleDir: string, env: Record<string, string>) {
    this.child = fork(RUNTIME, [], { cwd: bundleDir, env: { ...env, _HANDLER: env._HANDLER ?? 'index.handler' }, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.on('message', (m: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const call = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) call?.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else call?.resolve(m.result);
    });
    this.child.on('exit', (code) => {
      for (const call of this.pending.values()) call.reject(new Error(`the function's process exited (${code}): ${this.output.slice(-500)}`));
      this.pending.clear();
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  invoke(event: unknown): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.child.send({ id, event });
    });
  }

  stop(): void {
    this.child.kill();
  }
}

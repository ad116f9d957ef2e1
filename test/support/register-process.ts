import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const NODE = process.execPath;
/** `npm start`'s script, run directly. */
export const START_SCRIPT = [NODE, '--import', 'tsx', 'infra/local/start.ts'];

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** Starts the register with a command as a user would (the script itself, `npm start`, `npm run dev`), with its own data folder and port. */
export function startRegister(env: Record<string, string>, command: string[] = START_SCRIPT): Promise<Started> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveStart, reject) => {
    const timer = setInterval(() => {
      const m = /is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolveStart({ child, url: m[1]!, output: () => out, exited });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(Object.assign(new Error(`start exited with ${code}: ${out}`), { output: out, code }));
    });
  });
}

/** Stops whatever a test left running. */
export function killStarted(): void {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function gone(pids: number[], ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!pids.some(alive)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !pids.some(alive);
}

/** The register's Node process (from its runtime file) and the engine it started. */
export function registerProcesses(dataDir: string): { node: number; java: number[] } {
  const { pid } = JSON.parse(readFileSync(resolve(dataDir, 'runtime.json'), 'utf8')) as { pid: number };
  const children = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  const java = children.split('\n').filter((l) => /\bjava\b/.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
  return { node: pid, java };
}

/** The local address a TCP port listens on, from the kernel's tables (Linux). */
export function listeningAddress(port: number): string | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hex}`)) continue;
      const address = local.split(':')[0]!;
      if (address === '0100007F' || address === '0000000000000000FFFF00000100007F' || address === '00000000000000000000000001000000') return 'loopback';
      return address;
    }
  }
  return undefined;
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, gone, killStarted, listeningAddress, registerProcesses, ROOT, startRegister } from '../support/register-process.ts';

/**
 * `npm start` and `npm run dev` as a user runs them, stopped every way a user (or a crash) stops
 * them: nothing they started may keep running, and nothing listens beyond this machine.
 */
afterEach(killStarted);

const dataDir = () => mkdtempSync(join(tmpdir(), 'register-'));

describe('the local register as a process', () => {
  // One register for what a running instance must show, started as a user starts it (`npm start`):
  // each start costs DynamoDB Local's JVM.
  it('listens on 127.0.0.1 only (the API, DynamoDB Local and the SQS emulator), refuses a second instance on its data in one line (npm start and npm run dev alike), and stops entirely when the npm process alone is sent SIGINT', async () => {
    const dir = dataDir();
    const started = await startRegister({ PORT: '0', REGISTER_DATA_DIR: dir }, ['npm', 'start']);
    const { resources } = JSON.parse(readFileSync(join(dir, 'runtime.json'), 'utf8')) as { resources: { dynamodbEndpoint: string; sqsEndpoint: string } };
    for (const url of [started.url, resources.dynamodbEndpoint, resources.sqsEndpoint]) {
      expect({ url, address: listeningAddress(Number(new URL(url).port)) }).toEqual({ url, address: 'loopback' });
    }
    expect(started.output()).toContain('Every engine listens on 127.0.0.1 only.');

    for (const script of [['start'], ['run', 'dev']]) {
      const second = spawnSync('npm', script, { cwd: ROOT, env: { ...process.env, PORT: '0', REGISTER_DATA_DIR: dir }, encoding: 'utf8', timeout: 60_000 });
      expect(second.status, script.join(' ')).toBe(1);
      expect(second.stderr).toMatch(/Cannot start: The register is already running \(pid \d+, http:\/\/127\.0\.0\.1:\d+\)/);
      expect(second.stderr).not.toMatch(/\n\s+at /);
    }
    const { node, java } = registerProcesses(dir);
    expect(alive(node)).toBe(true);
    expect((await fetch(`${started.url}/openapi.json`)).status).toBe(200);

    // Ctrl-C signals the whole process group; `kill -INT <npm pid>` reaches npm only, which passes it
    // on to the script's process: that must be the register itself, not a shell that ignores it.
    expect(java).toHaveLength(1);
    started.child.kill('SIGINT');
    expect(await gone([started.child.pid!, node, ...java])).toBe(true);
  }, 90_000);

  it('stops entirely when the npm process is sent SIGTERM', async () => {
    const dir = dataDir();
    const started = await startRegister({ PORT: '0', REGISTER_DATA_DIR: dir }, ['npm', 'start']);
    const { node, java } = registerProcesses(dir);
    started.child.kill('SIGTERM');
    expect(await gone([node, ...java])).toBe(true);
  });

  it('takes DynamoDB Local down with it when its own Node process dies', async () => {
    const dir = dataDir();
    await startRegister({ PORT: '0', REGISTER_DATA_DIR: dir });
    const { node, java } = registerProcesses(dir);
    process.kill(node, 'SIGKILL');
    expect(await gone(java)).toBe(true);
  });

  it('npm run dev gives every function fresh code after a change under shared/, keeps serving, and stops entirely when killed outright (SIGKILL)', async () => {
    const dir = dataDir();
    const started = await startRegister({ PORT: '0', REGISTER_DATA_DIR: dir }, ['npm', 'run', 'dev']);
    expect(started.output()).toContain('Watching functions/ and shared/');
    const probe = join(ROOT, 'shared', `.dev-watch-probe-${process.pid}.ts`);
    try {
      // Node 20 sets up a recursive watch on Linux directory by directory, after the banner: on a busy
      // machine the first change can come before it is in place, so the change is made again each second.
      const deadline = Date.now() + 20_000;
      for (let n = 0; !started.output().includes('code changed: functions reload on their next call') && Date.now() < deadline; n++) {
        if (n % 10 === 0) writeFileSync(probe, `// change ${n}\n`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(started.output()).toContain('code changed: functions reload on their next call');
    } finally {
      rmSync(probe, { force: true });
    }
    // What the register printed goes with a failure: a refused or dropped request must say why.
    const served = await fetch(`${started.url}/openapi.json`).then((r) => r.status, (e: Error) => `${e.message}: ${String(e.cause)}\n${started.output()}`);
    expect(served).toBe(200);

    const { node, java } = registerProcesses(dir);
    started.child.kill('SIGKILL');
    expect(await gone([node, ...java])).toBe(true);
  }, 90_000);
});

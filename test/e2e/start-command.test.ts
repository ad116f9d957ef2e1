import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { exampleCommands } from '#infra/local/examples.ts';
import { adultApplication, viaMfc } from '../support/applications.ts';
import { killStarted, NODE, ROOT, startRegister } from '../support/register-process.ts';

const start = (env: Record<string, string>) => startRegister(env);

function job(dataDir: string, ...args: string[]) {
  return spawnSync(NODE, ['--import', 'tsx', 'infra/local/job.ts', ...args], { cwd: ROOT, env: { ...process.env, REGISTER_DATA_DIR: dataDir }, encoding: 'utf8' });
}

afterEach(killStarted);

describe('npm start', () => {
  it('prints where it listens and example requests, serves the flow, keeps data across a restart, and stops on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'register-'));
    const first = await start({ PORT: '0', REGISTER_DATA_DIR: dataDir });
    expect(first.output()).toMatch(/DynamoDB\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(first.output()).toContain(`curl -s -X POST ${first.url}/applications`);
    expect(first.output()).toContain('npm run job -- requeue-stalled-applications');
    // a ready token per role, printed and saved
    const tokens = JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(tokens).sort()).toEqual(['citizen', 'clinic', 'fund_admin', 'insurer', 'insurer_office', 'operator']);
    for (const token of Object.values(tokens)) expect(first.output()).toContain(token);
    const auth = { authorization: `Bearer ${tokens.operator}` };

    const application = viaMfc(adultApplication(1, { person: { ...adultApplication(1).person, lastName: 'Растопчина', firstName: 'Евдокия', middleName: 'Петровна' } }));
    const post = (body: unknown) => fetch(`${first.url}/applications`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
    expect((await fetch(`${first.url}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const filed = (await (await post(application)).json()) as { application: { id: string; personId: string } };
    expect((await post(application)).status).toBe(409);
    expect((await post({ ...application, person: { ...application.person, snils: '112-233-445 96' } })).status).toBe(422);

    // the job runs against the running register, at another time
    const run = job(dataDir, 'requeue-stalled-applications', '--now', '2030-01-01T00:00:00Z');
    expect(run.stderr).not.toMatch(/not running/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toMatchObject({ job: 'requeue-stalled-applications', now: '2030-01-01T00:00:00.000Z', result: { failed: 0 } });

    let status = '';
    for (let i = 0; i < 100 && status !== 'number_assigned'; i++) {
      status = ((await (await fetch(`${first.url}/applications/${filed.application.id}`, { headers: auth })).json()) as { status: string }).status;
      if (status !== 'number_assigned') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('number_assigned');

    // a token for any caller, minted by `npm run -s token` with the running register's key: stdout is the token alone
    const minted = spawnSync('npm', ['run', '-s', 'token', '--', '--role', 'fund_admin', '--sub', 'auditor-1', '--hours', '1'], {
      cwd: ROOT,
      env: { ...process.env, REGISTER_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(minted.status).toBe(0);
    expect(minted.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const asAdmin = await fetch(`${first.url}/persons/${filed.application.personId}/audit`, { headers: { authorization: `Bearer ${minted.stdout.trim()}` } });
    expect(asAdmin.status).toBe(200);
    // the audit page's cursor goes into a URL as it is
    const page = (await asAdmin.json()) as { next?: string };
    if (page.next) expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/);

    // logs are structured JSON with ids, and nothing personal
    const logs = first.output();
    expect(logs).toContain('"message":"number assigned"');
    const snils = application.person.snils!;
    for (const secret of [snils, snils.replace(/\D/g, ''), application.documents[0]!.number, 'Растопчина', 'Евдокия', 'Петровна']) {
      expect(logs, secret).not.toContain(secret);
    }

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);

    const second = await start({ PORT: '0', REGISTER_DATA_DIR: dataDir });
    // the register and the issuer's key survive a restart: yesterday's token still works
    const again = await fetch(`${second.url}/applications/${filed.application.id}`, { headers: auth });
    expect(again.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('explains a taken port in one line', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const failure = (await start({ PORT: String(port), REGISTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'register-')) }).catch((e: unknown) => e)) as { output: string; code: number };
      expect(failure.code).toBe(1);
      expect(failure.output).toContain(`Cannot start: Port ${port} is already in use`);
      expect(failure.output).toContain(`PORT=${port + 1} npm start`);
      expect(failure.output).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('refuses settings that leave the e-policy no day to be issued on, in one line, before starting anything', async () => {
    for (const [env, says] of [
      // A 30-day temporary policy ends on day 29: conversion on day 30 would come after it.
      [{ TEMPORARY_POLICY_DAYS: '30' }, 'CONVERSION_AFTER_DAYS 30 falls after the temporary policy ends'],
      [{ CONVERSION_AFTER_DAYS: '50' }, 'CONVERSION_AFTER_DAYS must be 30 to 45'],
    ] as const) {
      const failure = (await start({ PORT: '0', REGISTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'register-')), ...env }).catch((e: unknown) => e)) as { output: string; code: number };
      expect(failure.code, says).toBe(1);
      expect(failure.output).toContain(`Cannot start: invalid settings: ${says}`);
      expect(failure.output).not.toMatch(/\n\s+at /);
      expect(failure.output).not.toContain('DynamoDB');
    }
  });

  it('explains missing Java in one line', async () => {
    const failure = (await start({ PORT: '0', PATH: '/nonexistent', REGISTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'register-')) }).catch((e: unknown) => e)) as { output: string; code: number };
    expect(failure.code).toBe(1);
    expect(failure.output).toContain('Cannot start: Java 17 or newer is needed');
    expect(failure.output).not.toMatch(/\n\s+at /);
  });
});

describe('what a newcomer pastes', () => {
  it('is one example, the same in the README and in the banner', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(exampleCommands('http://127.0.0.1:3000').join('\n'));
    const dataDir = mkdtempSync(join(tmpdir(), 'register-'));
    const started = await start({ PORT: '0', REGISTER_DATA_DIR: dataDir });
    expect(started.output()).toContain(exampleCommands(started.url, dataDir).map((l) => `  ${l}`).join('\n'));
    // and it works as printed: the tokens file holds the key the example reads
    const tokens = JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as Record<string, string>;
    for (const name of ['citizen', 'operator', 'insurer_office', 'insurer', 'clinic', 'fund_admin']) expect(readme).toContain(`\`${name}\``);
    const filed = await fetch(`${started.url}/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.citizen}`, 'content-type': 'application/json', 'idempotency-key': 'demo-1' },
      body: JSON.stringify(exampleApplication),
    });
    expect(filed.status).toBe(201);
  });

  it('gets usage from --help, with every option', () => {
    const help = spawnSync(NODE, ['--import', 'tsx', 'infra/local/token.ts', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const option of ['--role', '--sub', '--region', '--insurer', '--clinic', '--snils', '--hours']) expect(help.stdout).toContain(option);
    // A token the register would refuse is refused here, with the reason.
    for (const [args, reason] of [
      [['--role', 'clinic'], 'a clinic token needs --clinic'],
      [['--role', 'operator'], 'an operator token needs --region or --insurer'],
      [['--role', 'bogus'], 'unknown role bogus'],
      [['--role', 'citizen', '--snils', '123'], '--snils takes the 11 digits'],
      [['--role', 'operator', '--region', '99x'], '--region 99x is not a region code'],
      [['--role', 'citizen', '--hours', '0'], '--hours takes a number'],
    ] as const) {
      const refused = spawnSync(NODE, ['--import', 'tsx', 'infra/local/token.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
      expect({ args, status: refused.status, reason: refused.stderr.includes(reason) }).toEqual({ args, status: 1, reason: true });
    }
    const jobHelp = spawnSync(NODE, ['--import', 'tsx', 'infra/local/job.ts', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(jobHelp.status).toBe(0);
    expect(jobHelp.stdout).toContain('requeue-stalled-applications');
  });
});

describe('npm run job', () => {
  it('says how to start the register when it is not running', () => {
    const run = job(mkdtempSync(join(tmpdir(), 'register-')), 'requeue-stalled-applications');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('start it with `npm start`');
  });

  it('names the jobs when given an unknown one', () => {
    const run = job(mkdtempSync(join(tmpdir(), 'register-')), 'no-such-job');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('requeue-stalled-applications');
  });
});

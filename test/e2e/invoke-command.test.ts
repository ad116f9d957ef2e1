import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '#infra/local/dev-issuer.ts';
import { handlerNames } from '#infra/local/invoke/invoke.ts';
import { removeRuntimeFile, writeRuntimeFile } from '#infra/local/runtime-file.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { NODE, ROOT } from '../support/register-process.ts';

/** `npm run invoke` as a tester types it: one process per run, stdout the result alone. */
function invoke(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(NODE, ['--import', 'tsx', 'infra/local/invoke/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const event = (path: string) => `infra/local/events/${path}.json`;
const nowhere = mkdtempSync(join(tmpdir(), 'no-register-'));

describe('npm run invoke -- <handler> <event.json> --mock', () => {
  it('files an application: stdout is the function result alone (201 with the temporary policy), and the number request waits in the queue', async () => {
    const run = await invoke(['applications/submit-application', event('applications/submit-application/citizen'), '--mock'], { POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(201);
    const body = JSON.parse(result.body!) as { application: { id: string; status: string }; temporaryPolicy: { form: string } };
    expect(result.headers?.location).toBe(`/applications/${body.application.id}`);
    expect(body.application.status).toBe('awaiting_number');
    expect(body.temporaryPolicy.form).toBe('В');
    // the function's log lines went to stderr, with what it left in the (emulated) queue
    expect(run.stderr).toContain('"message":"application filed"');
    expect(run.stderr).toContain('the queue number-requests now holds 1 message(s)');
  });

  it('answers a GET on the empty register with 404 problem+json', async () => {
    const run = await invoke(['persons/get-policy', event('persons/get-policy/citizen'), '--mock']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body!)).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('runs the number-assignment consumer on an SQS batch: the malformed message alone is reported (batchItemFailures)', async () => {
    const file = event('numbering/assign-numbers/malformed-message');
    const malformed = (JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as SQSEvent).Records.find((r) => !/"applicationId"/.test(r.body))!;
    const run = await invoke(['numbering/assign-numbers', file, '--mock']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ batchItemFailures: [{ itemIdentifier: malformed.messageId }] });
  });

  it("runs a schedule's function with the scheduler's input (--now accepted, as by npm run job)", async () => {
    const run = await invoke(['numbering/requeue-stalled-applications', event('numbering/requeue-stalled-applications/schedule'), '--mock', '--now', '2030-01-01T00:00:00Z']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ requeued: 0, failed: 0 });
  });
});

describe('npm run invoke: mistakes are one line on stderr, exit 1', () => {
  it.each([
    ['an unknown handler, listing the declared ones', ['persons/get-policies', event('persons/get-policy/citizen'), '--mock'], new RegExp(`^no handler named persons/get-policies; handlers: ${handlerNames().join(', ')}\\n$`)],
    ['an event file that is not there', ['persons/get-policy', 'infra/local/events/nothing.json', '--mock'], /^cannot read the event file infra\/local\/events\/nothing\.json: ENOENT\n$/],
    ['an event file that is not JSON', ['persons/get-policy', 'README.md', '--mock'], /^the event file README\.md is not JSON: .*\n$/],
    ['no register running, without --mock', ['persons/get-policy', event('persons/get-policy/citizen')], /^The local register is not running: start it with `npm start` .*--mock.*\n$/],
  ])('%s', async (_, args, message) => {
    const run = await invoke(args, { REGISTER_DATA_DIR: nowhere });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it("prints a failed function's error payload, as Lambda returns it", async () => {
    // a batch with no records: the consumer throws
    const empty = join(nowhere, 'not-a-batch.json');
    writeFileSync(empty, '{}');
    const run = await invoke(['numbering/assign-numbers', empty, '--mock']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ errorType: 'UnexpectedBatchTypeError', errorMessage: expect.stringContaining('Unexpected batch type') });
  });
});

describe('npm run invoke against the running local register (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'register-'));
  let runtime: LocalRuntime | undefined;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, schedules: false });
    // what `npm start` leaves for other commands: where its engines listen
    writeRuntimeFile(dataDir, { pid: process.pid, url: runtime.url, resources: runtime.resources });
  });
  afterAll(async () => {
    removeRuntimeFile(dataDir);
    await runtime?.stop();
  });

  it("files into the running register's DynamoDB Local and queue: its consumer then assigns the number", async () => {
    const run = await invoke(['applications/submit-application', event('applications/submit-application/citizen')], { REGISTER_DATA_DIR: dataDir });
    expect(run.stderr).not.toMatch(/not running/);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(201);
    const { application } = JSON.parse(result.body!) as { application: { id: string } };

    const token = await runtime!.issuer.sign(DEMO_IDENTITIES.citizen!.claims);
    let status = '';
    for (let i = 0; i < 100 && status !== 'number_assigned'; i++) {
      const read = await fetch(`${runtime!.url}/applications/${application.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      status = ((await read.json()) as { status: string }).status;
      if (status !== 'number_assigned') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('number_assigned');
  });
});

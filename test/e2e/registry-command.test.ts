import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '#shared/config/queues.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { startQueues, type LocalQueues } from '#infra/local/engines/sqs.ts';
import { writeRuntimeFile } from '#infra/local/runtime-file.ts';
import { NODE, ROOT } from '../support/register-process.ts';

/** `npm run registry` as a tester types it, against the queues a running register would name in its runtime file. */
function registry(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(NODE, ['--import', 'tsx', 'infra/local/registry.ts', ...args], { cwd: ROOT, env: { ...process.env, REGISTER_DATA_DIR: dataDir } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const example = (name: string) => `infra/local/registry-events/${name}.json`;
const nowhere = mkdtempSync(join(tmpdir(), 'no-register-'));
const running = mkdtempSync(join(tmpdir(), 'register-'));
let sqs: LocalQueues;

beforeAll(async () => {
  sqs = await startQueues(queues, 'registry-command');
  // What `npm start` writes: its pid (this process, alive) and where its engines listen.
  writeRuntimeFile(running, {
    pid: process.pid,
    url: 'http://127.0.0.1:1',
    resources: { dynamodbEndpoint: '', sqsEndpoint: sqs.endpoint, tableName: '', queueUrls: Object.fromEntries(Object.entries(sqs.queues).map(([n, q]) => [n, q.url])), lookupKey: '', signingKeysFile: '', configuration: {} },
  });
});
afterAll(() => sqs?.stop());

describe('npm run registry -- <event.json>', () => {
  it('puts each event on the registry-events queue, as the file has it, and says so on stdout', async () => {
    const run = await registry([example('birth'), example('death')], running);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { queued: string; eventId: string });
    expect(lines.map((l) => [l.queued, l.eventId])).toEqual([
      ['birth', 'ZAGS-77-2026-000101'],
      ['death', 'ZAGS-77-2026-000105'],
    ]);
    const client = new SQSClient({ endpoint: sqs.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queues['registry-events']!.url, MaxNumberOfMessages: 10 }));
    client.destroy();
    expect(Messages.map((m) => JSON.parse(m.Body!))).toEqual(expect.arrayContaining([example('birth'), example('death')].map((f) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')))));
  });

  it('refuses an event the consumer would refuse, naming the field, and sends nothing of the batch', async () => {
    const bad = join(nowhere, 'bad.json');
    writeFileSync(bad, JSON.stringify({ eventId: 'x', kind: 'snils-assigned', registeredOn: '2025-12-29', person: { enp: '7851000840000199' }, snils: '112-233-445 96' }));
    const run = await registry([example('birth'), bad], running);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('/snils: The SNILS check number does not match.');
    expect(run.stdout).toBe('');
    const notJson = join(nowhere, 'not.json');
    writeFileSync(notJson, '{"eventId":');
    expect((await registry([notJson], running)).stderr).toContain('not a JSON file');
  });

  it('says plainly when no register runs, and how to call it', async () => {
    const run = await registry([example('birth')], nowhere);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^The local register is not running: start it with `npm start`/);
    expect((await registry([], nowhere)).stderr).toMatch(/^usage: npm run registry/);
  });
});

/** `npm start`: the whole register on this machine, with its data under `.local/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { queues } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { schedules } from '#shared/config/schedules.ts';
import { parseOrigins } from '#shared/config/cors.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { DEMO_IDENTITIES } from './dev-issuer.ts';
import { StartupError } from './ports.ts';
import { readRuntimeFile, removeRuntimeFile, writeRuntimeFile } from './runtime-file.ts';
import { DEFAULT_DATA_DIR, startLocalRuntime, type LocalRuntime } from './runtime.ts';

const dataDir = process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR;
const port = Number(process.env.PORT ?? 3000);

function banner(runtime: LocalRuntime, tokens: Record<string, string>): string {
  const { url, env } = runtime;
  const shown = relative(process.cwd(), dataDir) || '.';
  const body = JSON.stringify(exampleApplication);
  const lines = [
    '',
    `ОМС e-policy register is running at ${url}`,
    '',
    `  API         ${url}  (OpenAPI: ${url}/openapi.json)`,
    ...routes.map((r) => `                ${r.method.padEnd(5)}${r.path}`),
    `  DynamoDB    ${env.AWS_ENDPOINT_URL_DYNAMODB}  table ${env.TABLE_NAME}, data in ${shown}/dynamodb`,
    `  SQS         ${env.AWS_ENDPOINT_URL_SQS}  queues ${queues.map((q) => `${q.name} (+dlq)`).join(', ')}`,
    ...schedules.map((s) => `  Schedule    ${s.name}  ${s.expression} ${s.timeZone}, next ${runtime.schedules?.next(s.name)?.toISOString() ?? '-'}`),
    '',
    `Tokens (valid 12 h; also in ${shown}/tokens.json; API Gateway-style checks of signature, issuer, audience, expiry):`,
    ...Object.entries(tokens).map(([who, token]) => `  ${who.padEnd(26)} ${token}`),
    '',
    'Try it (as the citizen):',
    `  TOKEN=$(node -p "require('./${shown}/tokens.json').citizen")`,
    `  curl -s -X POST ${url}/applications -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'idempotency-key: demo-1' \\`,
    `       -d '${body}'`,
    `  curl -s ${url}/applications/<application id from the answer> -H "authorization: Bearer $TOKEN"`,
    `  curl -s ${url}/persons/<person id>/policy -H "authorization: Bearer $TOKEN"`,
    `  curl -s ${url}/persons/<person id>/audit -H "authorization: Bearer $TOKEN"`,
    `  npm run job -- ${schedules[0]!.name} --now 2026-12-01T09:00:00Z`,
    '',
    'The same request again answers the first result (same Idempotency-Key) or 409 (new key, same person).',
    'Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const running = readRuntimeFile(dataDir);
  if (running) throw new StartupError(`The register is already running (pid ${running.pid}, ${running.url}) on ${dataDir}: stop it first, or set REGISTER_DATA_DIR to another folder.`);

  const runtime = await startLocalRuntime({ port, dataDir, corsOrigins: parseOrigins(process.env.CORS_ORIGINS) });
  writeRuntimeFile(dataDir, { pid: process.pid, url: runtime.url, env: runtime.env });
  const tokens: Record<string, string> = {};
  for (const [who, claims] of Object.entries(DEMO_IDENTITIES)) tokens[who] = await runtime.issuer.sign(claims);
  writeFileSync(join(dataDir, 'tokens.json'), JSON.stringify(tokens, null, 2), { mode: 0o600 });
  process.stdout.write(banner(runtime, tokens) + '\n');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the register...\n');
    await runtime.stop();
    removeRuntimeFile(dataDir);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});

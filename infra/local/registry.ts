/** `npm run registry -- <event.json> [...]`: puts civil-registry events on the running local register's queue. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { registryEventSchema } from '#shared/schemas/registry-events.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './engines/dynamodb.ts';
import { readRuntimeFile } from './runtime-file.ts';
import { DEFAULT_DATA_DIR } from './runtime.ts';

const USAGE = 'usage: npm run registry -- <event.json> [more.json ...]   (examples: infra/local/events/registry/apply-registry-events/events/)';

/** The event in a file, checked as the consumer will check it: a mistake is told here, not found later in the DLQ. */
function eventIn(file: string): { body: string; eventId: string; kind: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a JSON file (${(error as Error).message})`);
  }
  const checked = registryEventSchema.safeParse(parsed);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `  /${i.path.join('/')}: ${i.message}`).join('\n');
    throw new Error(`${file}: not a registry event\n${problems}`);
  }
  return { body: JSON.stringify(parsed), eventId: checked.data.eventId, kind: checked.data.kind };
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) throw new Error(USAGE);
  const events = positionals.map(eventIn);
  const runtime = readRuntimeFile(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (!runtime) throw new Error('The local register is not running: start it with `npm start` in another terminal, then send the event again.');
  const queueUrl = runtime.resources.queueUrls['registry-events'];
  if (!queueUrl) throw new Error('The running register has no registry-events queue: restart it with this version (`npm start`).');
  // The SDK's notice about Node versions is for deployed code, not for a local command.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { SendMessageCommand, SQSClient } = await import('@aws-sdk/client-sqs');
  const sqs = new SQSClient({ endpoint: runtime.resources.sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  for (const { body, eventId, kind } of events) {
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    process.stdout.write(`${JSON.stringify({ queued: kind, eventId, messageId: MessageId })}\n`);
  }
  sqs.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

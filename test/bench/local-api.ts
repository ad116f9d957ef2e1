/**
 * `npm run bench` (part): the local API's latency against the engine's own. GET a policy through
 * `npm start`'s runtime (HTTP server, token check, the function's sandbox, the handler, DynamoDB
 * Local) against one GetItem straight to the engine, sequentially from one client: p50 and the ratio.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');
const { keys } = await import('#shared/store/keys.ts');
const { LOCAL_CREDENTIALS, LOCAL_REGION } = await import('#infra/local/engines/dynamodb.ts');
const { startLocalRuntime } = await import('#infra/local/runtime.ts');
const { adultApplication, mfcOperator, viaMfc } = await import('../support/applications.ts');
type Caller = import('#shared/auth/caller.ts').Caller;

const ROUNDS = Number(process.env.LOCAL_API_ROUNDS ?? 300);
const runtime = await startLocalRuntime({ port: 0, schedules: false });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.resources.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function sample(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 30; i++) await run(); // warm
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return p50(times);
}

try {
  const operator = mfcOperator('77');
  const sign = (c: Caller) => runtime.issuer.sign({ sub: c.subject, roles: c.roles, region: c.region, snils: c.snils });
  const filed = await fetch(`${runtime.url}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(operator)}` },
    body: JSON.stringify(viaMfc(adultApplication(1))),
  });
  const personId = ((await filed.json()) as { application: { personId: string } }).application.personId;
  const operatorToken = await sign(operator);
  const get = (token: string) => async () => {
    const res = await fetch(`${runtime.url}/persons/${personId}/policy`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET policy: ${res.status}`);
    await res.arrayBuffer();
  };
  const engine = await sample(() => doc.send(new GetCommand({ TableName: runtime.resources.tableName, Key: keys.person(personId) })));
  const api = await sample(get(operatorToken));
  const openapi = await sample(async () => (await fetch(`${runtime.url}/openapi.json`)).arrayBuffer());
  process.stdout.write(
    [
      `| one client, ${ROUNDS} requests each | p50 | ratio to the engine's GetItem |`,
      '|---|---|---|',
      `| DynamoDB Local, GetItem of the person | ${engine.toFixed(2)} ms | 1 |`,
      `| local API, GET /persons/{id}/policy (operator: a Query and an audit Put) | ${api.toFixed(2)} ms | ${(api / engine).toFixed(1)}x |`,
      `| local API, GET /openapi.json (no table) | ${openapi.toFixed(2)} ms | ${(openapi / engine).toFixed(1)}x |`,
    ].join('\n') + '\n',
  );
} finally {
  doc.destroy();
  await runtime.stop();
}

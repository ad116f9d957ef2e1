// A Lambda-like runtime for one deployed bundle, in its own process: the environment is exactly
// what the test gives (the template's variables), the working directory is the bundle's folder,
// and invocations arrive over IPC. Run by test/support/lambda-process.ts. Each answer carries how
// long the bundle took to import and the invocation took to run, measured here in the process, in
// time and in CPU time (the process's own, steadier than time on a machine others share).
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, exported] = process.env._HANDLER.split('.');
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const importStarted = { ms: performance.now(), cpuMs: cpuMs() };
let imported;
const loaded = import(pathToFileURL(join(process.cwd(), `${file}.mjs`)).href).then((m) => {
  imported = { importMs: performance.now() - importStarted.ms, importCpuMs: cpuMs() - importStarted.cpuMs };
  return m[exported];
});
loaded.catch(() => undefined);

// The test closed the channel: exit as a function's process would, normally.
process.on('disconnect', () => process.exit(0));

process.on('message', async ({ id, event }) => {
  // Each invocation's trace header, as Lambda sets it when tracing is active (sampled).
  process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
  const deadline = Date.now() + Number(process.env.TEST_TIMEOUT_SECONDS ?? 30) * 1000;
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: randomUUID(),
    logGroupName: 'test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const handler = await loaded;
    const started = { ms: performance.now(), cpuMs: cpuMs() };
    const result = await handler(event, context);
    const timing = { ...imported, invokeMs: performance.now() - started.ms, invokeCpuMs: cpuMs() - started.cpuMs };
    process.send({ id, result, timing });
  } catch (error) {
    process.send({ id, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } });
  }
});

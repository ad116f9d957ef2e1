import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyHandler = (event: any, context: Context) => Promise<any>;

const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../functions');

/** Loads `functions/<name>.ts`: the very file the CDK stack bundles for Lambda. */
export async function loadHandler(name: string): Promise<AnyHandler> {
  const mod = (await import(pathToFileURL(resolve(FUNCTIONS_DIR, `${name}.ts`)).href)) as { handler?: AnyHandler };
  if (typeof mod.handler !== 'function') throw new Error(`functions/${name}.ts does not export a handler`);
  return mod.handler;
}

let invocations = 0;

/** A Lambda context good enough for Powertools and middy. */
export function lambdaContext(functionName: string, timeoutSeconds = 30): Context {
  const started = Date.now();
  const requestId = `local-${Date.now().toString(36)}-${(invocations++).toString(36)}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutSeconds * 1000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

import type { Context } from 'aws-lambda';

/** What a function needs to know about itself and one invocation: Lambda's context, minus its functions. */
export interface InvocationInfo {
  functionName: string;
  awsRequestId: string;
  memoryLimitInMB: number;
  /** The function's timeout: the invocation's deadline is this long after its handler starts. */
  timeoutMs: number;
}

/** A Lambda context good enough for Powertools and middy, for an invocation whose handler starts now. */
export function lambdaContext(info: InvocationInfo): Context {
  const deadline = Date.now() + info.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: info.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${info.functionName}`,
    memoryLimitInMB: String(info.memoryLimitInMB),
    awsRequestId: info.awsRequestId,
    logGroupName: `/aws/lambda/${info.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

import type { Context } from 'aws-lambda';

/** What a function needs to know about itself and one invocation: Lambda's context, minus its functions. */
export interface InvocationInfo {
  functionName: string;
  awsRequestId: string;
  memoryLimitInMB: number;
  /** Epoch milliseconds at which the invocation times out. */
  deadline: number;
}

/** A Lambda context good enough for Powertools and middy. */
export function lambdaContext(info: InvocationInfo): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: info.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${info.functionName}`,
    memoryLimitInMB: String(info.memoryLimitInMB),
    awsRequestId: info.awsRequestId,
    logGroupName: `/aws/lambda/${info.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, info.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

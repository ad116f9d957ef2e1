import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import type { Caller } from '#shared/auth/caller.ts';

/** Claims as API Gateway's JWT authorizer hands them over: strings, arrays as "[a b]". */
export function claimsOf(caller: Caller): Record<string, string> {
  return {
    sub: caller.subject,
    'cognito:groups': `[${caller.roles.join(' ')}]`,
    ...(caller.region ? { 'custom:region': caller.region } : {}),
    ...(caller.insurerId ? { 'custom:insurer_id': caller.insurerId } : {}),
    ...(caller.clinicId ? { 'custom:clinic_id': caller.clinicId } : {}),
    ...(caller.snils ? { 'custom:snils': caller.snils } : {}),
  };
}

export function httpEvent(init: {
  method?: string;
  path: string;
  routeKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  caller?: Caller;
}): APIGatewayProxyEventV2 {
  const method = init.method ?? 'GET';
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return {
    version: '2.0',
    routeKey: init.routeKey ?? `${method} ${init.path}`,
    rawPath: init.path,
    rawQueryString: '',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    pathParameters: init.pathParameters,
    queryStringParameters: init.queryStringParameters,
    requestContext: {
      ...(init.caller ? { authorizer: { jwt: { claims: claimsOf(init.caller), scopes: null } } } : {}),
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method, path: init.path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey: `${method} ${init.path}`,
      stage: '$default',
      time: '23/Nov/2026:09:00:00 +0000',
      timeEpoch: 0,
    },
    body,
    isBase64Encoded: false,
  };
}

export function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      receiptHandle: `r-${i}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:q',
      awsRegion: 'eu-central-1',
    })),
  };
}

export const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:test',
  memoryLimitInMB: '512',
  awsRequestId: 'req',
  logGroupName: 'g',
  logStreamName: 's',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

/** CloudFormation's custom-resource event as the Provider framework hands it to a deploy step's function. */
export function deployStepEvent(type: 'Create' | 'Update' | 'Delete', step: string, physicalResourceId: string) {
  const resource = step.replace(/(^|-)(\w)/g, (_m, _dash, c: string) => c.toUpperCase());
  return {
    RequestType: type,
    ServiceToken: 'arn:aws:lambda:eu-central-1:123456789012:function:provider-framework-onEvent',
    ResponseURL: 'https://cloudformation-custom-resource-response-eucentral1.s3.amazonaws.com/response',
    StackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/OmsRegister-dev/guid',
    RequestId: `request-${type}`,
    LogicalResourceId: `Step${step.replace(/-/g, '')}Run`,
    ResourceType: `Custom::${resource}`,
    ResourceProperties: { ServiceToken: 'arn', Step: step, Inputs: 'hash' },
    ...(type === 'Create' ? {} : { PhysicalResourceId: physicalResourceId }),
  };
}

import type { Tracer } from '@aws-lambda-powertools/tracer';
import type middy from '@middy/core';

/**
 * Powertools Tracer (X-Ray), loaded only where it traces: in Lambda (`AWS_EXECUTION_ENV`) unless
 * `POWERTOOLS_TRACE_ENABLED=false` (the stack's `tracing=false`; the local runner always). Elsewhere
 * (tests, `npm start`) the X-Ray SDK is never even imported, and every helper here is a no-op. In
 * Lambda it is imported before the handler runs, so its cost is part of the cold start, as measured.
 *
 * Tracer decides the rest by its own rules (SAM and Amplify mocks, ...). It never patches http or
 * fetch globally: the AWS clients are captured one by one (`traced`), so each AWS call is one
 * subsegment. It records neither answers nor requests (the X-Ray SDK's whitelist keeps table and
 * queue names, never items or message bodies): a person's data never reaches a trace.
 */
const wanted = process.env.POWERTOOLS_TRACE_ENABLED !== 'false' && Boolean(process.env.AWS_EXECUTION_ENV);

const powertools = wanted
  ? await Promise.all([import('@aws-lambda-powertools/tracer'), import('@aws-lambda-powertools/tracer/middleware')])
  : undefined;

export const tracer: Tracer | undefined = powertools && new powertools[0].Tracer({ captureHTTPsRequests: false });

/** The client, with each of its calls a subsegment of the invocation's trace (as is, when not tracing). */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

type HttpRequest = middy.Request<unknown, { statusCode?: number } | undefined>;

/**
 * The middleware that opens and closes the handler's subsegment, annotated with cold starts and the
 * service (none when not tracing). An answer the register gives on purpose (a 4xx problem, made a
 * response by the HTTP wrapper) closes it like any answer; only failures (a 5xx, a thrown error)
 * are recorded as errors.
 */
export function tracing(): middy.MiddlewareObj[] {
  if (!tracer || !powertools) return [];
  const capture = powertools[1].captureLambdaHandler(tracer, { captureResponse: false }) as Required<middy.MiddlewareObj>;
  return [
    {
      before: capture.before,
      after: capture.after,
      onError: (request: HttpRequest) => {
        const status = request.response?.statusCode;
        return status !== undefined && status < 500 ? capture.after(request) : capture.onError(request);
      },
    },
  ];
}

import * as z from 'zod';
import { problemSchema } from '../schemas/problem.ts';

/** Response declarations the routes share: the register's problems and API Gateway's own answers. */
const problemContent = { 'application/problem+json': { schema: problemSchema } };
/** What API Gateway answers itself: `{"message": "..."}`, never problem+json. */
const gatewayContent = (message: string) => ({ 'application/json': { schema: z.object({ message: z.literal(message) }) } });

export const problem = (description: string) => ({ description, content: problemContent });

export const retryAfter = z.object({
  'retry-after': z.string().regex(/^\d+$/).meta({ description: 'Seconds until the next attempt may succeed.' }),
});

/** Every route with a token: API Gateway's 401 for a missing, expired or forged one; ours for one naming nobody. */
export const unauthorized = {
  description: 'No valid bearer token (API Gateway: `{"message":"Unauthorized"}`), or a token that names no subject (`invalid-token`)',
  content: { ...gatewayContent('Unauthorized'), ...problemContent },
};

/** A path parameter that is not valid percent-encoding: API Gateway's own 400. */
export const badPath = { description: 'The path is not valid percent-encoding (API Gateway: `{"message":"Bad Request"}`)', content: gatewayContent('Bad Request') };

/** Over API Gateway's 10 MB, answered by the gateway; over the register's 64 KiB, by the function. */
export const tooLarge = {
  description: 'Body over 64 KiB (`body-too-large`), or over 10 MB (API Gateway: `{"message":"Request Entity Too Large"}`)',
  content: { ...problemContent, ...gatewayContent('Request Entity Too Large') },
};

export const internalError = problem('Unexpected failure (`internal-error`); safe to retry');

/** The answers any route that takes a JSON body can give about the body itself. */
export const bodyProblems = {
  '400': problem('Malformed JSON, nesting deeper than 32, a key given twice, a charset other than UTF-8, or bytes that are not UTF-8 (`malformed-json`, `too-deeply-nested`, `duplicate-key`, `unsupported-charset`, `invalid-encoding`)'),
  '413': tooLarge,
  '415': problem('Not application/json (`unsupported-media-type`)'),
  '422': problem('Fields that break the schema or the rules, or hold forbidden characters (`validation-failed`)'),
};

/** The headers that answers may carry beyond content type and caching: each must be declared on its route. */
export const DECLARED_HEADERS = ['location', 'idempotent-replayed', 'retry-after', 'etag', 'name-adjusted'] as const;

import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler as getApplication } from '#functions/applications/get-application.ts';
import { handler as submitApplication } from '#functions/applications/submit-application.ts';
import { handler as getOpenApiDocument } from '#functions/openapi/get-document.ts';
import { handler as getPersonAudit } from '#functions/persons/get-audit.ts';
import { handler as getPerson } from '#functions/persons/get-person.ts';
import { handler as getPersonPolicy } from '#functions/persons/get-policy.ts';
import { handler as verifyPolicy } from '#functions/verifications/verify-policy.ts';
import type { OperationId } from '#shared/config/routes.ts';
import type { HttpResult } from '#shared/http/responses.ts';

/** Every route's handler by operation id, for tests that drive handlers with payload 2.0 events. */
export const ROUTE_HANDLERS: Record<OperationId, (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>> = {
  submitApplication,
  getApplication,
  getPerson,
  getPersonPolicy,
  getPersonAudit,
  verifyPolicy,
  getOpenApiDocument,
};

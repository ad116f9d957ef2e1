import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { OperationId } from '#shared/config/routes.ts';
import { adultApplication, citizenFor, clinic, fundAdmin } from '../../support/applications.ts';
import { context, httpEvent } from '../../support/events.ts';
import { mockedRegister, responseBody } from '../../support/mocked-register.ts';
import { headersOf, undeclared } from '../../support/openapi-conformance.ts';
import { ROUTE_HANDLERS } from '../../support/route-handlers.ts';

/**
 * When the table fails, every route answers a declared 500 problem+json that says nothing of the
 * failure (no message, no stack, no AWS error name) and leaves a log line with the error's name.
 */
let register: Awaited<ReturnType<typeof mockedRegister>>;
beforeEach(async () => {
  register = await mockedRegister();
  register.ddb.onAnyCommand().rejects(Object.assign(new Error('ProvisionedThroughputExceededException: table oms-register-prod at 10.0.3.7'), { name: 'ProvisionedThroughputExceededException' }));
  register.sqs.on(SendMessageBatchCommand).resolves({});
});
afterEach(() => register.restore());

const PERSON = '01KAT8D4R0X1Z9E3JH2Q7M5V6C';
const cases: [OperationId, APIGatewayProxyEventV2][] = [
  ['submitApplication', httpEvent({ method: 'POST', path: '/applications', body: adultApplication(1), caller: citizenFor(1) })],
  ['getApplication', httpEvent({ path: `/applications/${PERSON}`, pathParameters: { applicationId: PERSON }, caller: fundAdmin })],
  ['getPerson', httpEvent({ path: `/persons/${PERSON}`, pathParameters: { personId: PERSON }, caller: fundAdmin })],
  ['getPersonPolicy', httpEvent({ path: `/persons/${PERSON}/policy`, pathParameters: { personId: PERSON }, caller: fundAdmin })],
  ['getPersonAudit', httpEvent({ path: `/persons/${PERSON}/audit`, pathParameters: { personId: PERSON }, caller: fundAdmin })],
  ['verifyPolicy', httpEvent({ method: 'POST', path: '/verifications', body: { document: adultApplication(1).documents[0] }, caller: clinic })],
];

describe('a failing table', () => {
  for (const [operationId, event] of cases) {
    it(`${operationId}: a declared 500, without internals`, async () => {
      const result = await ROUTE_HANDLERS[operationId](event, context);
      expect(result.statusCode).toBe(500);
      expect(undeclared(operationId, { status: 500, headers: headersOf(result.headers) })).toEqual([]);
      expect(responseBody(result)).toMatchObject({ code: 'internal-error', detail: 'The register could not complete the request. It is safe to retry.' });
      expect(result.body!).not.toMatch(/Provisioned|10\.0\.3\.7|oms-register-prod|at .+\.ts/);
    });
  }
});

describe('a failure of ours', () => {
  it("gives the clinic its attempt back: only a real miss is the clinic's", async () => {
    register.ddb.reset();
    register.ddb.on(UpdateCommand).resolves({});
    register.ddb.on(GetCommand).rejects(new Error('table unavailable'));
    const result = await ROUTE_HANDLERS.verifyPolicy(httpEvent({ method: 'POST', path: '/verifications', body: { enp: '7851000840000199' }, caller: clinic }), context);
    expect(result.statusCode).toBe(500);
    const updates = register.ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.UpdateExpression);
    expect(updates).toEqual([expect.stringMatching(/^ADD attempts :one SET/), 'ADD attempts :minusOne']);
  });
});

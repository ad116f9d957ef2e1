import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { metricsNamespace, COMMON_ENVIRONMENT } from '#infra/functions.ts';
import { LOCAL_STAGE, startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { adultApplication, fundAdmin, mfcOperator, viaMfc } from '../support/applications.ts';
import { sqsEvent } from '../support/events.ts';

/**
 * The metrics of a real flow on the local runtime, read from what the functions print: the EMF
 * lines CloudWatch Logs would turn into metrics. The queue consumer is paused, so the application
 * waits for the sweeper, then gets its number late (the consumer run past the due time).
 */
type Emf = Record<string, any> & { _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } }; // eslint-disable-line @typescript-eslint/no-explicit-any

let runtime: LocalRuntime;
let printed = '';
let errors = '';
const operator = mfcOperator('77');

beforeAll(async () => {
  // The test environment silences metrics and logs; this test reads them, as `npm start` prints them.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  // What the function sandboxes print reaches this process's stdout: kept here instead.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += chunk.toString();
    return true;
  });
  // Error lines go to stderr.
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    errors += chunk.toString();
    return true;
  });
  runtime = await startLocalRuntime({ port: 0, schedules: false, consumersPaused: true });
});
afterAll(async () => {
  await runtime?.stop();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function call(method: string, path: string, body?: unknown, caller: Caller = operator) {
  const token = await runtime.issuer.sign({ sub: caller.subject, roles: caller.roles, region: caller.region });
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Every EMF line printed so far. */
const emf = (): Emf[] =>
  printed
    .split('\n')
    .filter((l) => l.startsWith('{"_aws"'))
    .map((l) => JSON.parse(l) as Emf);
/** The metrics one operation published, value by name (summed over its lines). */
function of(operation: string, extra: Record<string, string> = {}): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of emf().filter((l) => l.operation === operation && Object.entries(extra).every(([k, v]) => l[k] === v))) {
    for (const { Name } of line._aws.CloudWatchMetrics[0]!.Metrics) sums[Name] = (sums[Name] ?? 0) + [line[Name]].flat().reduce((a: number, b: number) => a + b, 0);
  }
  return sums;
}
const until = (what: () => void) => vi.waitFor(what, { timeout: 10_000, interval: 50 });

describe('metrics of a flow on the local runtime', () => {
  it('prints an EMF line per invocation and per refusal, in the local namespace, with codes and operations as the only dimensions', async () => {
    const application = adultApplication(41);
    const filed = await call('POST', '/applications', viaMfc(application));
    expect(filed.status).toBe(201);
    const { id: applicationId, personId, numberDueAt } = filed.body.application as { id: string; personId: string; numberDueAt: string };
    await until(() => expect(of('applications/submit-application')).toMatchObject({ ApplicationsFiled: 1 }));
    // Units as DynamoDB reported them (DynamoDB Local reports transactions too low, but never none).
    expect(of('applications/submit-application').ConsumedWriteUnits).toBeGreaterThan(0);

    const duplicate = await call('POST', '/applications', viaMfc(application));
    expect(duplicate.status).toBe(409);
    const invalid = await call('POST', '/applications', { ...viaMfc(adultApplication(42)), region: '00' });
    expect(invalid.status).toBe(422);
    await until(() => expect(of('applications/submit-application', { code: duplicate.body.code })).toEqual({ Refusals: 1 }));
    await until(() => expect(of('applications/submit-application', { code: 'validation-failed' })).toEqual({ Refusals: 1 }));

    // Ten minutes on, the sweeper finds it still waiting (the consumer is paused) and queues it again.
    const tenMinutesOn = new Date(Date.parse(filed.body.application.submittedAt) + 10 * 60_000);
    expect(await runtime.runJob('requeue-stalled-applications', { now: tenMinutesOn })).toEqual({ requeued: 1, failed: 0 });
    await until(() => expect(of('numbering/requeue-stalled-applications')).toMatchObject({ StalledApplicationsRequeued: 1, RequeueFailures: 0 }));
    expect(of('numbering/requeue-stalled-applications').ConsumedReadUnits).toBeGreaterThan(0);

    // The consumer, run an hour past the due time: one number, assigned late.
    const late = new Date(Date.parse(numberDueAt) + 3_600_000);
    expect(await runtime.sandboxes.invokeAt('numbering/assign-numbers', sqsEvent([JSON.stringify({ applicationId })]), late)).toEqual({ batchItemFailures: [] });
    await until(() => expect(of('numbering/assign-numbers')).toMatchObject({ NumbersAssigned: 1, NumbersAssignedPastDue: 1 }));

    // A read: its units, under its own operation; the OpenAPI document touches nothing and prints nothing.
    expect((await call('GET', `/persons/${personId}/policy`, undefined, fundAdmin)).status).toBe(200);
    await until(() => expect(of('persons/get-policy').ConsumedReadUnits).toBeGreaterThan(0));
    expect(of('persons/get-policy').ConsumedWriteUnits).toBeGreaterThan(0); // the audit entry of the read
    expect((await call('GET', '/openapi.json')).status).toBe(200);

    const lines = emf();
    for (const line of lines) {
      const [directive] = line._aws.CloudWatchMetrics;
      expect(directive!.Namespace).toBe(metricsNamespace(LOCAL_STAGE));
      expect(line.service).toBe(COMMON_ENVIRONMENT.POWERTOOLS_SERVICE_NAME);
      expect(directive!.Dimensions.flat().every((d) => ['service', 'operation', 'code'].includes(d))).toBe(true);
    }
    expect(lines.some((l) => l.operation === 'openapi/get-document')).toBe(false);
    expect(printed).not.toContain('No application metrics to publish');
    // Nothing of the person in any metric.
    const text = JSON.stringify(lines);
    for (const secret of [application.person.snils!, application.person.snils!.replace(/\D/g, ''), application.documents[0]!.number, application.person.lastName]) {
      expect(text).not.toContain(secret);
    }
  });

  it('reports a conversion due while the person still has no number: an error log line with ids only, and the metric the alarm pages on', async () => {
    const application = adultApplication(43);
    const filed = await call('POST', '/applications', viaMfc(application));
    expect(filed.status).toBe(201);
    // The consumer is paused: the person never gets a number. Day 31 after filing, the conversion falls due.
    const { personId, submittedAt } = filed.body.application as { personId: string; submittedAt: string };
    const due = new Date(Date.parse(submittedAt) + 31 * 86_400_000);
    expect(await runtime.runJob('convert-temporary-policies', { now: due })).toMatchObject({ withoutNumber: 1 });
    await until(() => expect(of('lifecycle/convert-temporary-policies')).toMatchObject({ ConversionsWithoutNumber: 1 }));
    const reported = `${printed}\n${errors}`
      .split('\n')
      .filter((l) => l.includes('conversion due but the person has no number yet'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(reported).toEqual([expect.objectContaining({ level: 'ERROR', personId, policyId: filed.body.temporaryPolicy.id, applicationId: filed.body.application.id })]);
    for (const secret of [application.person.snils!, application.person.snils!.replace(/\D/g, ''), application.documents[0]!.number, application.person.lastName]) {
      expect(JSON.stringify(reported)).not.toContain(secret);
    }
  });
});

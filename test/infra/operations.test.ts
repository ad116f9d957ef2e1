import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { queues } from '#shared/config/queues.ts';
import { routes } from '#shared/config/routes.ts';
import { schedules } from '#shared/config/schedules.ts';
import { METRIC } from '#shared/observability/metrics.ts';
import { buildApp } from '#infra/app.ts';
import { esbuildOptions } from '#infra/constructs/bundling.ts';
import { COMMON_ENVIRONMENT, declaredHandlers, metricsNamespace } from '#infra/functions.ts';

/** Synth without bundling: the dashboard, the alarms and the functions' settings are in the template. */
function synth(context: Record<string, string> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', region: 'eu-central-1', ...context } });
  return Template.fromStack(buildApp(app).stack);
}

type Resource = { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const NAMESPACE = metricsNamespace('test');
const SERVICE = COMMON_ENVIRONMENT.POWERTOOLS_SERVICE_NAME;

let template: Template;
let alarms: Resource[];
let topicRef: unknown;
beforeAll(() => {
  template = synth();
  alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
  const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
  topicRef = { Ref: topicId };
});

const registerAlarm = (metricName: string) => alarms.find((a) => a.Properties.MetricName === metricName && a.Properties.Namespace === NAMESPACE);

/** The register's own functions (not the custom-resource framework's, which CDK makes for the deploy steps). */
const registerFunctions = (t: Template) =>
  (Object.values(t.findResources('AWS::Lambda::Function')) as Resource[]).filter((f) => !(f.Properties.Environment?.Variables ?? {}).USER_ON_EVENT_FUNCTION_ARN);

describe('the functions publish where the dashboard and the alarms read', () => {
  it('every function gets the stage namespace, the service, explicit log sampling and Tracer on', () => {
    for (const fn of registerFunctions(template)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        POWERTOOLS_SERVICE_NAME: SERVICE,
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        POWERTOOLS_TRACE_ENABLED: 'true',
      });
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('keeps every log group a year by default, and as long as the context says', () => {
    for (const g of Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[]) expect(g.Properties.RetentionInDays).toBe(365);
    const shorter = synth({ logRetentionDays: '90' });
    const groups = Object.values(shorter.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.length).toBeGreaterThan(routes.length);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(90);
    expect(() => synth({ logRetentionDays: '10' })).toThrow(/logRetentionDays must be one of/);
  });

  it('turns tracing off everywhere with tracing=false', () => {
    const untraced = synth({ tracing: 'false' });
    for (const fn of registerFunctions(untraced)) {
      expect(fn.Properties.TracingConfig).toBeUndefined();
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED).toBe('false');
    }
    expect(() => synth({ tracing: 'maybe' })).toThrow(/tracing must be true or false/);
  });
});

describe('bundles', () => {
  /** The files a function's bundle is built from, built as the stack builds it. */
  async function inputsOf(handler: string, traced = true) {
    const { metafile } = await build({
      entryPoints: [resolve(import.meta.dirname, '../../functions', `${handler}.ts`)],
      ...esbuildOptions({ traced, handler }),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return Object.keys(metafile.inputs);
  }
  const packageOf = (file: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  /** The packages a function's bundle carries. */
  async function packagesIn(handler: string, traced = true) {
    return new Set((await inputsOf(handler, traced)).map(packageOf).filter(Boolean));
  }

  it('carry Tracer and the X-Ray SDK while tracing is on, and leave them out with tracing=false', async () => {
    const traced = await packagesIn('persons/get-policy');
    expect(traced).toContain('@aws-lambda-powertools/tracer');
    expect(traced).toContain('aws-xray-sdk-core');
    expect(traced).toContain('@aws-lambda-powertools/metrics');
    const untraced = await packagesIn('persons/get-policy', false);
    expect(untraced).not.toContain('@aws-lambda-powertools/tracer');
    expect(untraced).not.toContain('aws-xray-sdk-core');
    expect(untraced).toContain('@aws-lambda-powertools/metrics');
  });

  it('carry Tracer, Metrics and the wrapper that applies them in every function, and never the semver package', async () => {
    const without: string[] = [];
    for (const { handler } of declaredHandlers()) {
      const inputs = await inputsOf(handler);
      const packages = new Set(inputs.map(packageOf));
      if (!inputs.includes('shared/observability/observed.ts')) without.push(`${handler}: not observed`);
      if (!packages.has('@aws-lambda-powertools/tracer') || !packages.has('@aws-lambda-powertools/metrics')) without.push(`${handler}: no Tracer or Metrics`);
      // The X-Ray SDK asks semver only gte (infra/constructs/semver-gte.ts stands in): 29 KB a bundle.
      if (packages.has('semver')) without.push(`${handler}: semver`);
    }
    expect(without).toEqual([]);
  }, 120_000);
});

describe('alarms', () => {
  it('each goes to the alarm topic, in alarm and back to OK', () => {
    expect(alarms.length).toBeGreaterThan(routes.length + queues.length + 3);
    for (const a of alarms) {
      expect(a.Properties.AlarmName).toMatch(/^oms-register-test-/);
      expect(a.Properties.AlarmActions).toEqual([topicRef]);
      expect(a.Properties.OKActions).toEqual([topicRef]);
    }
  });

  it('numbers past due: any number assigned after its due time, from the numbering consumer', () => {
    expect(registerAlarm(METRIC.numbersAssignedPastDue)?.Properties).toMatchObject({
      Dimensions: expect.arrayContaining([
        { Name: 'service', Value: SERVICE },
        { Name: 'operation', Value: queues[0].consumer },
      ]),
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('conversions due without a number: any temporary policy due for the e-policy whose person has no number yet, from the conversion job', () => {
    expect(registerAlarm(METRIC.conversionsWithoutNumber)?.Properties).toMatchObject({
      AlarmName: 'oms-register-test-conversions-without-number',
      Dimensions: expect.arrayContaining([
        { Name: 'service', Value: SERVICE },
        { Name: 'operation', Value: schedules.find((s) => s.name === 'convert-temporary-policies')!.handler },
      ]),
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('registry events kept for the fund: any event that named nobody, or two people, from the registry consumer', () => {
    expect(registerAlarm(METRIC.registryEventsParked)?.Properties).toMatchObject({
      AlarmName: 'oms-register-test-registry-events-unmatched',
      Dimensions: expect.arrayContaining([{ Name: 'operation', Value: 'registry/apply-registry-events' }]),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('failed requeues: the sweeper could not queue stalled applications in two runs in a row', () => {
    expect(registerAlarm(METRIC.requeueFailures)?.Properties).toMatchObject({
      Dimensions: expect.arrayContaining([{ Name: 'operation', Value: schedules[0].handler }]),
      Threshold: 1,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
  });

  it('DLQ depth: one alarm per dead-letter queue, the schedules\' too', () => {
    const queueNames = Object.fromEntries(
      Object.entries(template.findResources('AWS::SQS::Queue')).map(([id, q]) => [id, String((q as Resource).Properties.QueueName)]),
    );
    const watched = alarms
      .filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => queueNames[a.Properties.Dimensions[0].Value['Fn::GetAtt'][0]])
      .sort();
    expect(watched).toEqual([...queues.map((q) => `oms-register-test-${q.name}-dlq`), 'oms-register-test-schedule-dlq'].sort());
  });

  it('work no one takes: a message of a work queue waiting over an hour', () => {
    const oldest = alarms.filter((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(oldest.map((a) => a.Properties.AlarmName).sort()).toEqual(queues.map((q) => `oms-register-test-${q.name}-oldest-message`).sort());
    for (const a of oldest) expect(a.Properties).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 3600, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('5xx rate of the HTTP API, from API Gateway\'s own counts, once there are enough requests', () => {
    const rate = alarms.find((a) => a.Properties.Metrics?.some((m: { Expression?: string }) => m.Expression?.includes('errors')));
    expect(rate?.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    const metrics = rate!.Properties.Metrics as { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: { Metric: { Namespace: string; MetricName: string } } }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toMatch(/^IF\(requests >= \d+, 100 \* FILL\(errors, 0\) \/ requests, 0\)$/);
    expect(metrics.find((m) => m.Id === 'errors')?.MetricStat?.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
    expect(metrics.find((m) => m.Id === 'requests')?.MetricStat?.Metric).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' });
  });

  it('p99 latency: one alarm per declared route, on the route\'s own metric', () => {
    const latency = alarms.filter((a) => a.Properties.MetricName === 'Latency');
    const routeOf = (a: Resource) => a.Properties.Dimensions.find((d: { Name: string }) => d.Name === 'Route')?.Value;
    expect(latency.map(routeOf).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const a of latency) {
      expect(a.Properties).toMatchObject({ Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99', Threshold: 1000, EvaluationPeriods: 3 });
      expect(a.Properties.Dimensions).toContainEqual({ Name: 'Stage', Value: '$default' });
    }
    const slower = Object.values(synth({ p99LatencyMs: '2500' }).findResources('AWS::CloudWatch::Alarm')) as Resource[];
    expect(slower.filter((a) => a.Properties.MetricName === 'Latency').map((a) => a.Properties.Threshold)).toEqual(routes.map(() => 2500));
  });

  it('the stage publishes route metrics, which the latency alarms need', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: Match.objectLike({ DetailedMetricsEnabled: true }) });
  });
});

describe('the README', () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const operations = readme.slice(readme.indexOf('## Operations'), readme.indexOf('\n## ', readme.indexOf('## Operations') + 1));

  it('gives every alarm a runbook line, and lists every metric', () => {
    for (const a of alarms) {
      const name = String(a.Properties.AlarmName).replace('oms-register-test-', 'oms-register-<stage>-').replace(/-p99-latency-.*/, '-p99-latency-<handler>');
      const row = operations.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      expect(row!.split(' | ').length, name).toBe(4);
    }
    for (const name of Object.values(METRIC)) expect(operations, name).toContain(`\`${name}\``);
  });
});

describe('dashboard', () => {
  it('shows every metric the functions publish, the API, the queues and DLQs, and the conversions with those due without a number', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]!.Properties.DashboardName).toBe('oms-register-test');
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const name of Object.values(METRIC)) expect(body, name).toContain(name);
    expect(body).toContain(NAMESPACE);
    for (const m of ['5xx', '4xx', 'Latency', 'ApproximateNumberOfMessagesVisible', 'Errors', 'Throttles']) expect(body, m).toContain(m);
    for (const r of routes) expect(body).toContain(`${r.method} ${r.path}`);
    expect(body).toContain('due without a number');
  });
});

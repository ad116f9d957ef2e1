import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deploySteps } from '#shared/config/deploy-steps.ts';
import { queues } from '#shared/config/queues.ts';
import { ROLES, routes } from '#shared/config/routes.ts';
import { schedules } from '#shared/config/schedules.ts';
import { buildApp } from '#infra/app.ts';
import { inputsHash } from '#infra/deploy-inputs.ts';
import { declaredHandlers } from '#infra/functions.ts';
import { functionSpecs, lambdaEnvironment } from '#infra/local/runtime.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Synth without bundling (no esbuild per function): the template is what matters here. */
function synth(context: Record<string, string> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', region: 'eu-central-1', ...context } });
  const { stack } = buildApp(app);
  return { app, stack, template: Template.fromStack(stack) };
}

let template: Template;
/** The register's own functions, by logical id (not the custom-resource framework's, which CDK makes for the deploy steps). */
const registerFunctions = () =>
  Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, f]) => !(f as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties.Environment?.Variables?.USER_ON_EVENT_FUNCTION_ARN),
  );
beforeAll(() => {
  template = synth({ corsOrigins: 'https://gosuslugi.example' }).template;
});

describe('register table', () => {
  it('is one TableV2 with pk/sk, the work index, PITR, deletion protection, TTL and the customer-managed key', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    const [table] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable')) as { Properties: Record<string, any>; DeletionPolicy: string }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const p = table!.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'gsi1', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'gsi2', KeySchema: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }, { AttributeName: 'gsi2sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ]);
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(p.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    const replica = p.Replicas[0];
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(replica.SSESpecification.KMSMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^RegisterKey/), 'Arn'] });
    expect(table!.DeletionPolicy).toBe('Retain');
  });

  it('uses a rotating customer-managed key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('functions', () => {
  it('one per declared handler, Node 24 on arm64, traced; and the deploy steps\' Provider framework', () => {
    const handlers = new Set<string>([...routes.map((r) => r.handler), ...queues.map((q) => q.consumer), ...schedules.map((s) => s.handler), ...deploySteps.map((s) => s.handler)]);
    const functions = Object.entries(template.findResources('AWS::Lambda::Function')) as [string, { Properties: Record<string, unknown> }][];
    const framework = functions.filter(([id]) => id.startsWith('Step'));
    expect(framework).toHaveLength(deploySteps.length);
    expect(functions).toHaveLength(handlers.size + deploySteps.length);
    for (const [, f] of functions.filter(([id]) => !id.startsWith('Step'))) {
      expect(f.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
    for (const [, f] of framework) expect(f.Properties.Runtime).toBe('nodejs24.x');
  });

  it('grants each function only the access infra/function-access.ts gives its handler', () => {
    const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: any }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const actionsOf = (handlerId: string) => {
      const [fnId, fn] = Object.entries(json.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(`Fn${handlerId}`))!;
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const policies = Object.values(json.Resources).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId));
      expect(fnId).toBeTruthy();
      return new Set(policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((st: { Action: string | string[] }) => [st.Action].flat())));
    };
    const openapi = actionsOf('openapigetdocument');
    expect([...openapi].filter((a) => a.startsWith('dynamodb:') || a.startsWith('sqs:') || a.startsWith('secretsmanager:'))).toEqual([]);
    expect(actionsOf('numberingassignnumbers').has('sqs:SendMessage')).toBe(false);
    expect(actionsOf('numberingrequeuestalledapplications').has('sqs:SendMessage')).toBe(true);
    expect(actionsOf('applicationssubmitapplication').has('secretsmanager:GetSecretValue')).toBe(true);
    expect(actionsOf('personsgetperson').has('secretsmanager:GetSecretValue')).toBe(false);
    expect(actionsOf('personsgetperson').has('dynamodb:PutItem')).toBe(true); // its audit entry
    // A catalogue is read by functions that only read; its changes write.
    expect(actionsOf('cataloguesgetinsurers').has('dynamodb:Query')).toBe(true);
    expect(actionsOf('cataloguesgetinsurers').has('dynamodb:PutItem')).toBe(false);
    expect(actionsOf('cataloguesputinsurers').has('dynamodb:PutItem')).toBe(true);
    expect(actionsOf('calendarputyear').has('dynamodb:PutItem')).toBe(true);
  });

  it('refuses to synth a declared handler that has no access entry', async () => {
    const { FUNCTIONS } = await import('#infra/functions.ts');
    const saved = FUNCTIONS['persons/get-audit'];
    delete FUNCTIONS['persons/get-audit'];
    try {
      expect(() => synth()).toThrow(/get-audit\.ts has no entry/);
    } finally {
      FUNCTIONS['persons/get-audit'] = saved!;
    }
  });

  it('gives the lookup key secret only to the handlers that hash identifiers (intake, verification, a change of documents, registry events, care reports) or seal cursors (the audit trail, the history, the unmatched events, the care history, the complaints)', () => {
    const withSecret = Object.entries(registerFunctions())
      .filter(([, f]) => (f as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables.LOOKUP_KEY_SECRET_ARN)
      .map(([id]) => id.replace(/Function[0-9A-F]{8}$/, ''));
    expect(withSecret.sort()).toEqual([
      'Fnapplicationssubmitapplication',
      'Fncaregetcarehistory',
      'Fncarerecordcareevent',
      'Fncarerecordcareevents',
      'Fncomplaintsgetopencomplaints',
      'Fncomplaintsgetpersoncomplaints',
      'Fnpersonschangeperson',
      'Fnpersonsgetaudit',
      'Fnpersonsgethistory',
      'Fnregistryapplyregistryevents',
      'Fnregistrygetunmatched',
      'Fnregistryresolveunmatched',
      'Fnverificationsverifypolicy',
    ]);
  });
});

describe('function environments', () => {
  const variablesOf = (t: Template) =>
    Object.fromEntries(
      declaredHandlers().map(({ handler }) => {
        const prefix = `Fn${handler.replace(/[^A-Za-z0-9]/g, '')}Function`;
        const [, fn] = Object.entries(t.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith(prefix))!;
        const variables = (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
        return [handler.replace('/', '-'), Object.keys(variables).sort()];
      }),
    );

  it('are the local runtime\'s too: npm start gives each function the template\'s variables (secrets by value), no more', () => {
    // One declaration for both: a variable the stack forgot is missing locally as well, where a developer sees it first.
    const local = functionSpecs({
      dynamodbEndpoint: 'http://127.0.0.1:1',
      sqsEndpoint: 'http://127.0.0.1:2',
      tableName: 'local-table',
      queueUrls: Object.fromEntries(queues.map((q) => [q.name, `http://127.0.0.1:2/${q.name}`])),
      lookupKey: 'k'.repeat(32),
      signingKeysFile: '/tmp/keys.json',
      configuration: {},
    });
    const asInTheCloud: Record<string, string> = { LOOKUP_KEY: 'LOOKUP_KEY_SECRET_ARN', SIGNING_KEYS_FILE: 'SIGNING_KEYS_SECRET_ARN' };
    const declaredLocally = Object.fromEntries(
      local.map(({ handler, memoryMb, env }) => {
        const runtime = new Set(Object.keys(lambdaEnvironment(handler, memoryMb, { dynamodb: '', sqs: '' })));
        return [handler.replace('/', '-'), Object.keys(env).filter((k) => !runtime.has(k)).map((k) => asInTheCloud[k] ?? k).sort()];
      }),
    );
    // NODE_OPTIONS (--enable-source-maps) is the construct's, for the bundles' source maps: locally the sources run.
    const declaredInTheStack = Object.fromEntries(Object.entries(variablesOf(template)).map(([fn, names]) => [fn, names.filter((n) => n !== 'NODE_OPTIONS')]));
    expect(declaredLocally).toEqual(declaredInTheStack);
  });

  it('give each function only the variables its declaration calls for', () => {
    const common = [
      'NODE_OPTIONS',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_LOGGER_LOG_EVENT',
      'POWERTOOLS_LOGGER_SAMPLE_RATE',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_TRACE_ENABLED',
    ];
    const withCommon = (...names: string[]) => [...common, ...names].sort();
    expect(variablesOf(template)).toEqual({
      'applications-submit-application': withCommon('TABLE_NAME', 'NUMBER_QUEUE_URL', 'LOOKUP_KEY_SECRET_ARN'),
      'applications-get-application': withCommon('TABLE_NAME'),
      'persons-get-person': withCommon('TABLE_NAME'),
      'persons-get-policy': withCommon('TABLE_NAME'),
      'persons-get-audit': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'openapi-get-document': withCommon(),
      'verifications-verify-policy': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'numbering-assign-numbers': withCommon('TABLE_NAME'),
      'numbering-requeue-stalled-applications': withCommon('TABLE_NAME', 'NUMBER_QUEUE_URL'),
      'persons-get-account': withCommon('TABLE_NAME'),
      'persons-get-history': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'policies-suspend-policy': withCommon('TABLE_NAME'),
      'policies-resume-policy': withCommon('TABLE_NAME'),
      'policies-terminate-policy': withCommon('TABLE_NAME'),
      'persons-change-region': withCommon('TABLE_NAME'),
      'persons-change-person': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'pins-issue-pin': withCommon('TABLE_NAME'),
      'pins-show-pin': withCommon('TABLE_NAME'),
      'pins-check-pin': withCommon('TABLE_NAME'),
      'lifecycle-convert-temporary-policies': withCommon('TABLE_NAME'),
      'lifecycle-apply-policy-deadlines': withCommon('TABLE_NAME'),
      'choices-choose-insurer': withCommon('TABLE_NAME'),
      'choices-choose-clinic': withCommon('TABLE_NAME'),
      'choices-choose-doctor': withCommon('TABLE_NAME'),
      'choices-reset-yearly-limits': withCommon('TABLE_NAME'),
      'choices-reassign-ended-contracts': withCommon('TABLE_NAME'),
      'catalogues-load-seed': withCommon('TABLE_NAME'),
      ...Object.fromEntries(
        ['catalogues-get-insurers', 'catalogues-get-clinics', 'catalogues-get-doctors', 'catalogues-get-free-care', 'catalogues-get-regional-care', 'calendar-get-year'].map((f) => [f, withCommon('TABLE_NAME')]),
      ),
      ...Object.fromEntries(
        ['catalogues-put-insurers', 'catalogues-put-clinics', 'catalogues-put-doctors', 'catalogues-put-free-care', 'catalogues-put-regional-care', 'calendar-put-year'].map((f) => [f, withCommon('TABLE_NAME')]),
      ),
      // The signers read the signing keys' secret; the rotation writes it too; the key set is public.
      'barcodes-get-policy-barcode': withCommon('SIGNING_KEYS_SECRET_ARN', 'TABLE_NAME'),
      'extracts-get-extract': withCommon('SIGNING_KEYS_SECRET_ARN', 'TABLE_NAME'),
      'signing-get-jwks': withCommon('TABLE_NAME'),
      'signing-rotate-signing-keys': withCommon('SIGNING_KEYS_SECRET_ARN', 'TABLE_NAME'),
      'signing-make-first-signing-key': withCommon('SIGNING_KEYS_SECRET_ARN', 'TABLE_NAME'),
      // A newborn is registered like an application: hashed identifiers, a number requested.
      'registry-apply-registry-events': withCommon('TABLE_NAME', 'NUMBER_QUEUE_URL', 'LOOKUP_KEY_SECRET_ARN'),
      'registry-get-unmatched': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'registry-resolve-unmatched': withCommon('TABLE_NAME', 'NUMBER_QUEUE_URL', 'LOOKUP_KEY_SECRET_ARN'),
      // Care history: the insurers' event ids hashed and the pages' cursors sealed with the lookup key.
      'care-record-care-event': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'care-record-care-events': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'care-get-care-history': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      // Complaints: the lists seal cursors; filing and the overdue job read the complaint settings (none set here).
      'complaints-file-complaint': withCommon('TABLE_NAME'),
      'complaints-get-person-complaints': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'complaints-get-open-complaints': withCommon('TABLE_NAME', 'LOOKUP_KEY_SECRET_ARN'),
      'complaints-change-complaint': withCommon('TABLE_NAME'),
      'complaints-get-complaint-counts': withCommon('TABLE_NAME'),
      'complaints-flag-overdue-complaints': withCommon('TABLE_NAME'),
    });
  });

  it('pass operator settings from context to the functions that read them, and claim names to the routes with tokens', () => {
    const configured = synth({ temporaryPolicyDays: '40', stalledAfterMinutes: '10', oidcIssuer: 'https://esia.example.org', oidcAudiences: 'portal', oidcClaims: '{"roles":"groups"}' }).template;
    const variables = variablesOf(configured);
    expect(variables['applications-submit-application']).toEqual(expect.arrayContaining(['TEMPORARY_POLICY_DAYS', 'STALLED_AFTER_MINUTES', 'TOKEN_CLAIMS']));
    expect(variables['numbering-requeue-stalled-applications']).toContain('STALLED_AFTER_MINUTES');
    expect(variables['numbering-requeue-stalled-applications']).not.toContain('TEMPORARY_POLICY_DAYS');
    expect(variables['persons-get-person']).toContain('TOKEN_CLAIMS');
    expect(variables['openapi-get-document']).not.toContain('TOKEN_CLAIMS');
    expect(variables['numbering-assign-numbers']).not.toContain('TOKEN_CLAIMS');
    const pins = variablesOf(synth({ pinHashCost: '16', pinMaxWrong: '4' }).template);
    for (const f of ['pins-issue-pin', 'pins-show-pin', 'pins-check-pin', 'persons-change-person']) expect(pins[f]).toEqual(expect.arrayContaining(['PIN_HASH_COST', 'PIN_MAX_WRONG']));
    expect(pins['persons-get-policy']).not.toContain('PIN_HASH_COST');
    const care = variablesOf(synth({ careBatchMaxEvents: '50' }).template);
    expect(care['care-record-care-events']).toContain('CARE_BATCH_MAX_EVENTS');
    expect(care['care-record-care-event']).not.toContain('CARE_BATCH_MAX_EVENTS');
    const complaints = variablesOf(synth({ complaintDueDays: '15', complaintOverdueBatch: '50' }).template);
    for (const f of ['complaints-file-complaint', 'complaints-flag-overdue-complaints']) expect(complaints[f]).toEqual(expect.arrayContaining(['COMPLAINT_DUE_DAYS', 'COMPLAINT_OVERDUE_BATCH']));
    expect(complaints['complaints-change-complaint']).not.toContain('COMPLAINT_DUE_DAYS');
  });

  it('refuse to synth with a setting no function could run with', () => {
    expect(() => synth({ temporaryPolicyDays: '60' })).toThrow(/TEMPORARY_POLICY_DAYS/);
    // A 30-day temporary policy ends before the e-policy's window (1 to 1.5 months) opens.
    expect(() => synth({ temporaryPolicyDays: '30' })).toThrow(/CONVERSION_AFTER_DAYS 30 falls after the temporary policy ends/);
    expect(() => synth({ eligibilityExcluded: 'aliens' })).toThrow(/ELIGIBILITY_EXCLUDED/);
    expect(() => synth({ oidcClaims: '{"role":"groups"}' })).toThrow(/TOKEN_CLAIMS/);
  });
});

describe('HTTP API', () => {
  it('has exactly the declared routes, each integrated with Lambda (payload 2.0)', () => {
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);
    expect(keys.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  it('verifies a JWT on every route but the public ones, against the stack\'s Cognito pool', () => {
    for (const route of routes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: route.roles === 'public' ? 'NONE' : 'JWT',
      });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-central-1.amazonaws.com/', { Ref: Match.stringLikeRegexp('^IdentityUsers') }]] },
        Audience: [{ Ref: Match.stringLikeRegexp('^IdentityUsersPortal') }],
      },
    });
  });

  it('creates a Cognito group per role, requires MFA, and lets no user write the attributes that scope access', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => (g as { Properties: { GroupName: string } }).Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0] as { Properties: { WriteAttributes: string[] } };
    expect(client.Properties.WriteAttributes).toEqual(['email']);
  });

  it('takes another OIDC issuer from context instead of creating a pool', () => {
    const other = synth({ oidcIssuer: 'https://esia.example.org', oidcAudiences: 'portal,mfc' }).template;
    other.resourceCountIs('AWS::Cognito::UserPool', 0);
    other.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { JwtConfiguration: { Issuer: 'https://esia.example.org', Audience: ['portal', 'mfc'] } });
    expect(() => synth({ oidcIssuer: 'https://esia.example.org' })).toThrow(/oidcAudiences/);
  });

  it('throttles each route as it declares', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { RouteSettings: Record<string, unknown> } };
    expect(stage.Properties.RouteSettings).toEqual(
      Object.fromEntries(
        routes.map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle.rateLimit, ThrottlingBurstLimit: r.throttle.burstLimit, DetailedMetricsEnabled: true }]),
      ),
    );
  });

  it('logs access as JSON and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"') },
      DefaultRouteSettings: { ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 5000 },
    });
  });

  it('allows CORS only from configured origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['https://gosuslugi.example'] } });
    const none = synth().template;
    const api = Object.values(none.findResources('AWS::ApiGatewayV2::Api'))[0] as { Properties: Record<string, unknown> };
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('queues and schedules', () => {
  it('encrypts every queue with the stack key, enforces TLS, and redrives to a DLQ', () => {
    for (const q of queues) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `oms-register-test-${q.name}`,
        KmsMasterKeyId: Match.anyValue(),
        VisibilityTimeout: q.visibilityTimeoutSeconds,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: q.maxReceiveCount },
      });
    }
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).map((p) => JSON.stringify(p));
    expect(policies.length).toBeGreaterThanOrEqual(queues.length * 2);
    for (const p of policies) expect(p).toContain('aws:SecureTransport');
  });

  it('reports partial batch failures from the consumer', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: queues[0].batchSize });
  });

  it('alarms on any message in a DLQ', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [Match.anyValue()],
    });
  });

  it('runs each declared schedule on EventBridge Scheduler with the same expression and zone', () => {
    for (const s of schedules) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: s.expression, ScheduleExpressionTimezone: s.timeZone, State: 'ENABLED' });
    }
  });
});

describe('deploy steps', () => {
  it('run as a custom resource through the Provider framework, which invokes the step\'s own function', () => {
    for (const step of deploySteps) {
      const resources = Object.entries(template.findResources(`Custom::${step.name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`));
      expect(resources, step.name).toHaveLength(1);
      const [, resource] = resources[0]! as [string, { Properties: Record<string, any> }]; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(resource.Properties).toEqual({ ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^Step${step.name.replace(/-/g, '')}ProviderframeworkonEvent`)), 'Arn'] }, Step: step.name, Inputs: inputsHash(ROOT, step.inputs) });
      const framework = template.findResources('AWS::Lambda::Function')[resource.Properties.ServiceToken['Fn::GetAtt'][0]] as { Properties: { Environment: { Variables: Record<string, any> } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
      const target = framework.Properties.Environment.Variables.USER_ON_EVENT_FUNCTION_ARN['Fn::GetAtt'][0] as string;
      expect(target).toMatch(new RegExp(`^Fn${step.handler.replace(/[^A-Za-z0-9]/g, '')}Function`));
    }
  });

  it('run again exactly when an input file changes: the hash of the seed\'s files is the resource\'s property', () => {
    const root = mkdtempSync(join(tmpdir(), 'inputs-'));
    mkdirSync(join(root, 'seed', 'nested'), { recursive: true });
    mkdirSync(join(root, 'years'));
    writeFileSync(join(root, 'seed', 'F002.json'), '{"insCompany":[]}');
    writeFileSync(join(root, 'seed', 'nested', 'a.json'), '1');
    writeFileSync(join(root, 'years', '2026.json'), '{}');
    const before = inputsHash(root, ['seed', 'years']);
    expect(inputsHash(root, ['seed', 'years'])).toBe(before);
    writeFileSync(join(root, 'years', '2027.json'), '{}');
    const withYear = inputsHash(root, ['seed', 'years']);
    expect(withYear).not.toBe(before);
    writeFileSync(join(root, 'seed', 'nested', 'a.json'), '2');
    expect(inputsHash(root, ['seed', 'years'])).not.toBe(withYear);
    // The same bytes under another name are another input.
    rmSync(join(root, 'years', '2027.json'));
    writeFileSync(join(root, 'years', '2028.json'), '{}');
    writeFileSync(join(root, 'seed', 'nested', 'a.json'), '1');
    expect(inputsHash(root, ['seed', 'years'])).not.toBe(withYear);
    // The stack's property is the hash of the folders the step declares.
    expect(deploySteps[0].inputs).toEqual(['shared/catalogues/seed', 'shared/calendar/years']);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('cdk-nag', () => {
  it('AwsSolutions and HIPAA Security report no unacknowledged finding', () => {
    const { app, stack } = synth();
    // The packs run as validation plugins at synth and throw on findings that were not acknowledged.
    expect(() => app.synth({ force: true })).not.toThrow();
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions|HIPAA'));
    expect(errors).toEqual([]);
  });

  it('every acknowledgement gives a reason, written into the template for auditors', () => {
    const suppressions = Object.values(template.toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }>)
      .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []);
    expect(suppressions.length).toBeGreaterThan(10);
    for (const s of suppressions) expect(s.reason.length, s.id).toBeGreaterThan(30);
    expect(suppressions.map((s) => s.id)).toContain('AwsSolutions-APIG4');
  });
});

import { CfnOutput, type CfnElement, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { TimeZone } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import { CORS } from '#shared/config/cors.ts';
import { queues } from '#shared/config/queues.ts';
import { routeOf, routes } from '#shared/config/routes.ts';
import { scheduleInput, scheduleOf, schedules } from '#shared/config/schedules.ts';
import { REGISTER_TABLE } from '#shared/config/table.ts';
import { deploySteps } from '#shared/config/deploy-steps.ts';
import { DeployStep } from './constructs/deploy-step.ts';
import { EncryptedQueue } from './constructs/encrypted-queue.ts';
import { Identity } from './constructs/identity.ts';
import { Operations } from './constructs/operations.ts';
import { RegisterFunction } from './constructs/register-function.ts';
import { checkConfiguration, COMMON_ENVIRONMENT, commonEnvironment, declarationOf, declaredHandlers, environmentOf, metricsNamespace } from './functions.ts';
import type { Env } from '#shared/config/settings.ts';
import { inputsHash } from './deploy-inputs.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export interface RegisterStackProps extends StackProps {
  stage: string;
  /** Origins allowed by CORS; none means no CORS headers at all. */
  corsOrigins: string[];
  alarmEmail?: string;
  /** Operator settings by variable name (TEMPORARY_POLICY_DAYS, TOKEN_CLAIMS, ...): each function gets those it reads. */
  configuration?: Env;
  /** Steady-state requests per second and burst for the whole API stage. */
  throttle?: { rateLimit: number; burstLimit: number };
  /** An existing OIDC issuer for the API's tokens; without it the stack creates a Cognito user pool. */
  oidc?: { issuer: string; audiences: string[] };
  /** How long the functions' and the API's log groups keep their lines; one year by default. */
  logRetention?: RetentionDays;
  /**
   * X-Ray active tracing and Powertools Tracer in every function; on by default. Off saves Tracer's
   * cold-start cost (README, Operations). Lambda samples 1 request a second and 5% of the rest.
   */
  tracing?: boolean;
  /** p99 latency per route that pages when kept for 15 minutes, in milliseconds; 1000 by default. */
  p99LatencyMs?: number;
}


export class RegisterStack extends Stack {
  constructor(scope: Construct, id: string, props: RegisterStackProps) {
    super(scope, id, props);
    const prefix = `oms-register-${props.stage}`;
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    const tracing = props.tracing ?? true;

    const key = new Key(this, 'RegisterKey', {
      description: `${prefix}: the register's data at rest (table, queues, logs, secret)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the log groups and CloudWatch alarms publish to the encrypted topic.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:*` } },
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    const table = new TableV2(this, 'Register', {
      tableName: prefix,
      partitionKey: { name: REGISTER_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: REGISTER_TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: REGISTER_TABLE.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: REGISTER_TABLE.globalIndexes.map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: AttributeType.STRING },
        sortKey: { name: g.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[g.projection],
      })),
    });

    const tableId = this.getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge({
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: 'Every inline policy here is generated by a CDK grant for one role and scoped to this stack\'s resources.',
    });

    const lookupKey = new Secret(this, 'LookupKey', {
      description: `${prefix}: key of the keyed hashes that stand for SNILS and document numbers in table keys`,
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(lookupKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the lookup key changes every SNILS and document hash in the table keys; it is a planned re-keying job, not an automatic rotation.',
    });
    Validations.of(lookupKey).acknowledge({
      id: 'HIPAA.Security-SecretsManagerRotationEnabled',
      reason: 'Rotating the lookup key changes every SNILS and document hash in the table keys; it is a planned re-keying job, not an automatic rotation.',
    });

    // The barcode signing keys' private halves: written by the register's own rotation (a schedule,
    // and a deploy step for the first), read by the functions that sign. The first value is a
    // placeholder the rotation replaces.
    const signingKeys = new Secret(this, 'BarcodeSigningKeys', {
      description: `${prefix}: private Ed25519 keys that sign the policy barcodes (the public ones are in the table and at /.well-known/jwks.json)`,
      encryptionKey: key,
      generateSecretString: { secretStringTemplate: JSON.stringify({ keys: [] }), generateStringKey: 'placeholder', passwordLength: 16, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const id of ['AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled']) {
      Validations.of(signingKeys).acknowledge({
        id,
        reason: "The register rotates these keys itself (the rotate-signing-keys schedule): a new key is published in the table before it signs and old ones keep verifying; Secrets Manager's rotation would replace keys without publishing them.",
      });
    }

    const alarmTopic = new Topic(this, 'Alarms', { topicName: `${prefix}-alarms`, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    const declaredQueues = queues.map((declaration) => {
      const q = new EncryptedQueue(this, `Queue-${declaration.name}`, { declaration, key, alarmTopic, namePrefix: prefix });
      return { declaration, queue: q.queue, deadLetterQueue: q.deadLetterQueue, deadLetterAlarm: q.deadLetterAlarm };
    });

    // One function per declared handler, with the timeout of its trigger, only the access it needs
    // and exactly the variables its declaration calls for.
    const configuration = props.configuration ?? {};
    checkConfiguration(configuration);
    const functions = new Map<string, NodejsFunction>();
    for (const { handler, timeoutSeconds, memoryMb } of declaredHandlers()) {
      const access = declarationOf(handler);
      const sendsTo = declaredQueues.filter((q) => access.sendsTo?.includes(q.declaration.name));
      const f = new RegisterFunction(this, `Fn-${handler.replace(/[^A-Za-z0-9]/g, '-')}`, {
        handler,
        timeout: Duration.seconds(timeoutSeconds),
        memorySize: memoryMb,
        key,
        logRetention,
        tracing,
        assets: access.assets,
        environment: {
          ...commonEnvironment(props.stage),
          POWERTOOLS_TRACE_ENABLED: String(tracing),
          ...environmentOf(handler, {
            tableName: table.tableName,
            queueUrl: (name) => declaredQueues.find((q) => q.declaration.name === name)!.queue.queueUrl,
            lookupKey: { variable: 'LOOKUP_KEY_SECRET_ARN', value: lookupKey.secretArn },
            signingKeys: { variable: 'SIGNING_KEYS_SECRET_ARN', value: signingKeys.secretArn },
            configuration,
          }),
        },
      });
      if (access.table === 'read') table.grantReadData(f.fn);
      if (access.table === 'read-write') table.grantReadWriteData(f.fn);
      if (access.table !== 'none') {
        Validations.of(f).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
          reason: "The grant covers the register table's own indexes (the work-due index the jobs query).",
        });
      }
      if (access.lookupKey) lookupKey.grantRead(f.fn);
      if (access.signingKeys) signingKeys.grantRead(f.fn);
      if (access.signingKeys === 'rotate') signingKeys.grantWrite(f.fn);
      for (const q of sendsTo) q.queue.grantSendMessages(f.fn);
      functions.set(handler, f.fn);
    }
    const functionFor = (handler: string) => functions.get(handler)!;

    // Deploy steps (the catalogues' seed): custom resources that run their function on the first
    // deploy and on each deploy where the step's inputs changed.
    for (const step of deploySteps) {
      new DeployStep(this, `Step-${step.name}`, { step, fn: functionFor(step.handler), key, logRetention, inputs: inputsHash(PROJECT_ROOT, step.inputs) });
    }

    // HTTP API: one route and one function per declaration.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
    const api = new HttpApi(this, 'Api', {
      apiName: prefix,
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: CORS.allowMethods.map((m) => CorsHttpMethod[m]),
              allowHeaders: [...CORS.allowHeaders],
              exposeHeaders: [...CORS.exposeHeaders],
              maxAge: Duration.seconds(CORS.maxAgeSeconds),
            },
          }
        : {}),
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 2000, burstLimit: 5000 },
      // Route metrics (the p99 latency per route the alarms watch); CloudWatch charges them.
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            responseLength: '$context.responseLength',
          }),
        ),
      },
    });
    // Tokens: API Gateway verifies them; the handlers check each route's declared roles.
    const identity = new Identity(this, 'Identity', { namePrefix: prefix, oidc: props.oidc });
    const jwt = new HttpJwtAuthorizer('Jwt', identity.issuer, { jwtAudience: identity.audiences, identitySource: ['$request.header.Authorization'] });
    // RouteSettings is raw JSON in CloudFormation: its members keep their CloudFormation names.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number; DetailedMetricsEnabled: boolean }> = {};
    for (const route of routes) {
      const fn = functionFor(route.handler);
      const [httpRoute] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`Integration-${route.handler.replace(/[^A-Za-z0-9]/g, '-')}`, fn),
        authorizer: route.roles === 'public' ? new HttpNoneAuthorizer() : jwt,
      });
      if (route.roles === 'public') {
        Validations.of(httpRoute!).acknowledge({ id: 'AwsSolutions-APIG4', reason: 'Public by design: the OpenAPI document describes the API and holds no data.' });
      }
      routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: route.throttle.rateLimit, ThrottlingBurstLimit: route.throttle.burstLimit, DetailedMetricsEnabled: true };
      stage.node.addDependency(httpRoute!);
    }
    (stage.node.defaultChild as CfnStage).routeSettings = routeSettings;

    // Queue consumers with partial batch responses.
    for (const { declaration, queue } of declaredQueues) {
      const fn = functionFor(declaration.consumer);
      fn.addEventSource(
        new SqsEventSource(queue, {
          batchSize: declaration.batchSize,
          maxBatchingWindow: Duration.seconds(declaration.maxBatchingWindowSeconds),
          reportBatchItemFailures: true,
        }),
      );
    }

    // Schedules: EventBridge Scheduler, the same expressions the local runner uses.
    const scheduleDlq = new Queue(this, 'ScheduleDeadLetters', {
      queueName: `${prefix}-schedule-dlq`,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(scheduleDlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the schedules.' });
    for (const s of schedules) {
      const fn = functionFor(s.handler);
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: 'The scheduler role may invoke any version of its own target function.',
      });
      new Schedule(this, `Schedule-${s.name}`, {
        scheduleName: `${prefix}-${s.name}`,
        description: s.description,
        schedule: ScheduleExpression.expression(s.expression, TimeZone.of(s.timeZone)),
        target: new LambdaInvoke(fn, {
          input: ScheduleTargetInput.fromObject(scheduleInput(s.name)),
          retryAttempts: 2,
          maxEventAge: Duration.minutes(10),
          deadLetterQueue: scheduleDlq,
        }),
      });
    }

    // The dashboard and the alarms (each with a runbook line in the README, section Operations).
    const operations = new Operations(this, 'Operations', {
      namePrefix: prefix,
      namespace: metricsNamespace(props.stage),
      service: COMMON_ENVIRONMENT.POWERTOOLS_SERVICE_NAME,
      alarmTopic,
      api,
      stageName: stage.stageName,
      routes,
      filing: routeOf('submitApplication').handler,
      numbering: queues[0].consumer,
      sweeper: scheduleOf('requeue-stalled-applications').handler,
      conversion: scheduleOf('convert-temporary-policies').handler,
      deadlines: scheduleOf('apply-policy-deadlines').handler,
      reset: scheduleOf('reset-yearly-limits').handler,
      reassignment: scheduleOf('reassign-ended-contracts').handler,
      registry: queues.find((q) => q.name === 'registry-events')!.consumer,
      complaints: { filing: routeOf('fileComplaint').handler, changing: routeOf('changeComplaint').handler, overdue: scheduleOf('flag-overdue-complaints').handler },
      functions,
      queues: declaredQueues.map(({ declaration, queue, deadLetterQueue, deadLetterAlarm }) => ({ name: declaration.name, queue, deadLetterQueue, deadLetterAlarm })),
      deadLetterQueues: [{ name: 'schedules', queue: scheduleDlq }],
      p99LatencyMs: props.p99LatencyMs ?? 1000,
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'DashboardName', { value: operations.dashboard.dashboardName });
    new CfnOutput(this, 'TokenIssuer', { value: identity.issuer });
    if (identity.userPool) new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    // The civil registry's gateway sends here: the operator grants its role sqs:SendMessage (and the data key's use).
    const registryQueue = declaredQueues.find((q) => q.declaration.name === 'registry-events')!.queue;
    new CfnOutput(this, 'RegistryQueueUrl', { value: registryQueue.queueUrl });
    new CfnOutput(this, 'RegistryQueueArn', { value: registryQueue.queueArn });
  }
}

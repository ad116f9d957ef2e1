import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { afterBundlingCommands, bundleDefines, LAMBDA_BUNDLE } from './bundling.ts';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RegisterFunctionProps {
  /** File under `functions/` without `.ts`, as in the declarations. */
  handler: string;
  environment: Record<string, string>;
  timeout: Duration;
  key: IKey;
  memorySize?: number;
  /** How long its log group keeps its lines. */
  logRetention: RetentionDays;
  /** X-Ray active tracing (Lambda samples 1 request a second and 5% of the rest; not configurable). */
  tracing: boolean;
  /** Files (paths from the project root) copied beside the bundle: its declaration's `assets`. */
  assets?: readonly string[];
}

/**
 * One handler file as a Lambda function: Node 24 on arm64, bundled as ESM by the local esbuild,
 * with the production calendar's year files and the function's declared assets copied beside the
 * bundle (read at cold start).
 */
export class RegisterFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: RegisterFunctionProps) {
    super(scope, id);
    const assets = props.assets ?? [];
    // A missing file would only fail the copy when bundling (or never, where bundling is skipped).
    for (const a of assets) {
      if (!existsSync(resolve(ROOT, a))) throw new Error(`functions/${props.handler}.ts declares an asset that does not exist: ${a}`);
    }
    const names = assets.map((a) => basename(a));
    const twice = names.find((n, i) => names.indexOf(n) !== i || LAMBDA_BUNDLE.dataFolders.some((d) => d.to === n));
    if (twice) throw new Error(`functions/${props.handler}.ts has two files named ${twice} beside its bundle`);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(ROOT, 'functions', `${props.handler}.ts`),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup,
      depsLockFilePath: resolve(ROOT, 'package-lock.json'),
      projectRoot: ROOT,
      // Source maps are a Lambda runtime option, not a setting of the register.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLE.target,
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourcemap,
        sourcesContent: LAMBDA_BUNDLE.sourcesContent,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        externalModules: [...LAMBDA_BUNDLE.external],
        charset: LAMBDA_BUNDLE.charset as Charset,
        esbuildArgs: { '--alias': Object.entries(LAMBDA_BUNDLE.alias).map(([name, path]) => `${name}=${path}`) },
        banner: LAMBDA_BUNDLE.banner,
        define: bundleDefines(props.handler, props.tracing),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => afterBundlingCommands(inputDir, outputDir, assets),
        },
      },
    });
    Validations.of(this.fn).acknowledge(
      {
        id: 'HIPAA.Security-LambdaInsideVPC',
        reason: 'The functions reach only DynamoDB, SQS and Secrets Manager through IAM-authorized, TLS-only AWS endpoints; a VPC would add NAT cost and cold-start latency without reducing exposure.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS managed basic execution role grants only writing to CloudWatch Logs.',
      },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray PutTraceSegments and PutTelemetryRecords take no resource narrower than *.' },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: "CDK grants on the stack's one customer-managed key; the resource is that key alone." },
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: "CDK grants on the stack's one customer-managed key; the resource is that key alone." },
      {
        id: 'HIPAA.Security-LambdaDLQ',
        reason: "Nothing invokes these functions asynchronously without a DLQ: HTTP routes are synchronous, a queue consumer's failures go to its queue's DLQ, and schedules have their own DLQ.",
      },
      {
        id: 'HIPAA.Security-LambdaConcurrency',
        reason: 'Concurrency is bounded by API Gateway stage throttling and the SQS event source; fixed reserved concurrency per function would starve a national peak or fail deployment in small accounts.',
      },
    );
  }
}

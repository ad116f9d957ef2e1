import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { queues } from '#shared/config/queues.ts';
import { declaredHandlers } from '#infra/functions.ts';
import { lambdaEnvironment } from '#infra/local/runtime.ts';

/**
 * The cloud assembly `npm run synth` writes, read as Lambda would see it: each function's bundle
 * folder and the variables the template gives it, with references to the stack's resources
 * replaced by local stand-ins. Used by the test that runs the deployed bundles and by the
 * cold-start benchmark.
 */
export const ROOT = resolve(import.meta.dirname, '../..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> };

export interface SynthesizedFunction {
  handler: string;
  /** The template's Handler setting (`index.handler` for every bundle). */
  entry: string;
  /** The bundle's folder: `index.mjs`, its source map and the data copied beside it. */
  dir: string;
  /** The template's variables, resolved to the local stand-ins. */
  env: Record<string, string>;
}

/** Where the template's references point locally. */
export interface LocalStandIns {
  table: string;
  secretArn: string;
  /** The barcode signing keys' secret. */
  signingKeysArn: string;
  queueUrl(name: string): string;
}

/** Exactly what an operator runs before `cdk deploy` (with the bundles and template written to `out`). */
export function synthesize(out: string): void {
  execFileSync('npm', ['run', '-s', 'synth', '--', '--output', out], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } });
}

/** The template's value of a variable, with references to the stack's resources replaced by the local ones. */
function resolveValue(value: unknown, resources: Record<string, Resource>, local: LocalStandIns): string {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: string }).Ref;
  const target = ref ? resources[ref] : undefined;
  if (target?.Type === 'AWS::DynamoDB::GlobalTable') return local.table;
  if (target?.Type === 'AWS::SecretsManager::Secret') return ref!.startsWith('BarcodeSigningKeys') ? local.signingKeysArn : local.secretArn;
  if (target?.Type === 'AWS::SQS::Queue') {
    const declared = queues.find((q) => String(target.Properties.QueueName).endsWith(`-${q.name}`));
    if (declared) return local.queueUrl(declared.name);
  }
  throw new Error(`no local stand-in for ${JSON.stringify(value)}`);
}

/** Every declared function found in the synthesized template under `out`. */
export function synthesizedFunctions(out: string, local: LocalStandIns): Map<string, SynthesizedFunction> {
  const template = JSON.parse(readFileSync(join(out, 'OmsRegister-dev.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
  const found = new Map<string, SynthesizedFunction>();
  for (const r of Object.values(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const path = r.Metadata?.['aws:cdk:path'] ?? '';
    const handler = declaredHandlers().find((h) => path.includes(`/Fn-${h.handler.replace(/[^A-Za-z0-9]/g, '-')}/`))?.handler;
    if (!handler) continue;
    const variables = r.Properties.Environment?.Variables ?? {};
    found.set(handler, {
      handler,
      entry: String(r.Properties.Handler),
      dir: join(out, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, '')}`),
      env: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolveValue(v, template.Resources, local)])),
    });
  }
  return found;
}

/** What Lambda gives every function besides the template's variables, pointed at the local engines. */
export function runtimeEnvironment(
  fn: { handler: string; dir: string },
  memoryMb: number,
  endpoints: { dynamodb: string; sqs: string; secretsManager: string },
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    LAMBDA_TASK_ROOT: fn.dir,
    // Where the runtime's AWS SDK is found (in Lambda, /var/runtime/node_modules among others).
    NODE_PATH: join(ROOT, 'node_modules'),
    ...lambdaEnvironment(fn.handler, memoryMb, endpoints),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
  };
}

/** What a synthesized bundle holds: its size, the modules esbuild put in it, the packages it imports at run time. */
export interface BundleContents {
  /** Bytes of `index.mjs`, minified, as deployed. */
  bytes: number;
  /** Every module bundled (its source map's sources), relative to the project: `shared/...`, `node_modules/...`. */
  modules: string[];
  /** What the bundle imports (ESM) from outside itself: Node's modules. */
  imports: Set<string>;
  /** The runtime's AWS SDK packages the bundle names (loaded through require: shared/aws/runtime-sdk.ts). */
  sdk: Set<string>;
  /** The minified code itself. */
  code: string;
}

export function bundleContents(fn: Pick<SynthesizedFunction, 'dir'>): BundleContents {
  const code = readFileSync(join(fn.dir, 'index.mjs'), 'utf8');
  const map = JSON.parse(readFileSync(join(fn.dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
  return {
    bytes: Buffer.byteLength(code),
    modules: map.sources.map((source) => relative(ROOT, resolve(fn.dir, source))),
    // Minified ESM: `from"x"`, `import"x"`, `import("x")`.
    imports: new Set([...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!)),
    // Minified, a call: `r("@aws-sdk/client-dynamodb")`.
    sdk: new Set([...code.matchAll(/\(\s*["'](@aws-sdk\/[^"']+)["']\s*\)/g)].map((m) => m[1]!)),
    code,
  };
}

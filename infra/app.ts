import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { parseOrigins } from '#shared/config/cors.ts';
import type { Env } from '#shared/config/settings.ts';
import { addNagPacks } from './nag.ts';
import { RegisterStack } from './register-stack.ts';

/** Operator settings given as context, by their camelCase names (`-c temporaryPolicyDays=30`). */
const CONFIGURATION_CONTEXT: Record<string, string> = {
  temporaryPolicyDays: 'TEMPORARY_POLICY_DAYS',
  eligibilityExcluded: 'ELIGIBILITY_EXCLUDED',
  idempotencyTtlHours: 'IDEMPOTENCY_TTL_HOURS',
  stalledAfterMinutes: 'STALLED_AFTER_MINUTES',
  conversionAfterDays: 'CONVERSION_AFTER_DAYS',
  pinHashCost: 'PIN_HASH_COST',
  pinMaxWrong: 'PIN_MAX_WRONG',
  pinLockMinutes: 'PIN_LOCK_MINUTES',
  insurerAssignment: 'INSURER_ASSIGNMENT',
  insurerChangeLastDay: 'INSURER_CHANGE_LAST_DAY',
  yearlyInsurerChanges: 'YEARLY_INSURER_CHANGES',
  yearlyClinicChanges: 'YEARLY_CLINIC_CHANGES',
  yearlyDoctorChanges: 'YEARLY_DOCTOR_CHANGES',
  signingKeyRotateAfterDays: 'SIGNING_KEY_ROTATE_AFTER_DAYS',
  signingKeyVerifyForDays: 'SIGNING_KEY_VERIFY_FOR_DAYS',
  signingKeyPublishAheadMinutes: 'SIGNING_KEY_PUBLISH_AHEAD_MINUTES',
  careBatchMaxEvents: 'CARE_BATCH_MAX_EVENTS',
  careBatchParallelWrites: 'CARE_BATCH_PARALLEL_WRITES',
  complaintDueDays: 'COMPLAINT_DUE_DAYS',
  complaintOverdueBatch: 'COMPLAINT_OVERDUE_BATCH',
  complaintIdempotencyTtlHours: 'COMPLAINT_IDEMPOTENCY_TTL_HOURS',
  /** Claim names of another issuer's tokens, JSON: `{"roles":"groups","region":"region_code"}`. */
  oidcClaims: 'TOKEN_CLAIMS',
};

function configurationFrom(context: (name: string) => string | undefined): Env {
  return Object.fromEntries(
    Object.entries(CONFIGURATION_CONTEXT)
      .map(([name, variable]) => [variable, context(name)] as const)
      .filter(([, value]) => value !== undefined)
      .map(([variable, value]) => [variable, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}

/** Log retention in days, as CloudWatch Logs allows it (never unlimited: personal data ages out of logs). */
function logRetentionFrom(value: string | undefined): RetentionDays | undefined {
  if (value === undefined) return undefined;
  const allowed = Object.values(RetentionDays).filter((d): d is RetentionDays => typeof d === 'number' && d !== RetentionDays.INFINITE);
  const days = allowed.find((d) => d === Number(value));
  if (days === undefined) throw new Error(`logRetentionDays must be one of ${allowed.join(', ')}: ${value}`);
  return days;
}

function booleanFrom(name: string, value: string | boolean | undefined): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (value !== 'true' && value !== 'false') throw new Error(`${name} must be true or false: ${value}`);
  return value === 'true';
}

function millisecondsFrom(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 30_000) throw new Error(`${name} must be whole milliseconds, 1 to 30000: ${value}`);
  return ms;
}

/**
 * `cdk deploy -c stage=prod -c region=<region> [-c corsOrigins=https://a,https://b] [-c alarmEmail=ops@example.org]
 *  [-c oidcIssuer=https://issuer -c oidcAudiences=client-a,client-b -c 'oidcClaims={"roles":"groups"}']
 *  [-c temporaryPolicyDays=45 -c eligibilityExcluded=... -c idempotencyTtlHours=24 -c stalledAfterMinutes=5]
 *  [-c logRetentionDays=365 -c tracing=true -c p99LatencyMs=1000]`
 */
export function buildApp(app = new App()): { app: App; stack: RegisterStack } {
  const context = (name: string): string | undefined => app.node.tryGetContext(name) as string | undefined;
  const stage = context('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`stage must be lower-case letters, digits and dashes: ${stage}`);
  const region = context('region') ?? process.env.CDK_DEFAULT_REGION ?? 'eu-central-1';
  const issuer = context('oidcIssuer');
  const audiences = (context('oidcAudiences') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (issuer && audiences.length === 0) throw new Error('oidcIssuer needs oidcAudiences (the client ids its tokens are issued for)');
  const stack = new RegisterStack(app, `OmsRegister-${stage}`, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
    stage,
    corsOrigins: parseOrigins(context('corsOrigins')),
    alarmEmail: context('alarmEmail'),
    configuration: configurationFrom(context),
    oidc: issuer ? { issuer, audiences } : undefined,
    logRetention: logRetentionFrom(context('logRetentionDays')),
    tracing: booleanFrom('tracing', app.node.tryGetContext('tracing') as string | boolean | undefined),
    p99LatencyMs: millisecondsFrom('p99LatencyMs', context('p99LatencyMs')),
    description: `ОМС e-policy register (${stage})`,
  });
  addNagPacks(app);
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();

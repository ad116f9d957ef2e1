import { z } from 'zod';
import { CATEGORIES, type EligibilityRules } from '../domain/eligibility.ts';

/** Runtime settings from the environment, checked once at cold start. Same names in Lambda and locally. */
const schema = z.object({
  TABLE_NAME: z.string().min(1),
  NUMBER_QUEUE_URL: z.string().min(1),
  /** Temporary policy term in calendar days (DOMAIN: 30 to 45). */
  TEMPORARY_POLICY_DAYS: z.coerce.number().int().min(30).max(45).default(45),
  /** Comma-separated categories excluded from insurance. */
  ELIGIBILITY_EXCLUDED: z
    .string()
    .default('highly_qualified_specialist_family')
    .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CATEGORIES))),
  /** How long an application may wait for its number before the sweeper queues it again. */
  STALLED_AFTER_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(5),
  /** How long an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(24),
  /** Key of the keyed hashes for SNILS and document lookups: given directly (local) or as a secret (cloud). */
  LOOKUP_KEY: z.string().min(32).optional(),
  LOOKUP_KEY_SECRET_ARN: z.string().optional(),
});

export interface Settings {
  tableName: string;
  numberQueueUrl: string;
  temporaryPolicyDays: number;
  eligibility: EligibilityRules;
  stalledAfterMinutes: number;
  idempotencyTtlHours: number;
  lookupKey?: string;
  lookupKeySecretArn?: string;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid settings: ${fields}`);
  }
  const s = parsed.data;
  return {
    tableName: s.TABLE_NAME,
    numberQueueUrl: s.NUMBER_QUEUE_URL,
    temporaryPolicyDays: s.TEMPORARY_POLICY_DAYS,
    eligibility: { excluded: s.ELIGIBILITY_EXCLUDED },
    stalledAfterMinutes: s.STALLED_AFTER_MINUTES,
    idempotencyTtlHours: s.IDEMPOTENCY_TTL_HOURS,
    lookupKey: s.LOOKUP_KEY,
    lookupKeySecretArn: s.LOOKUP_KEY_SECRET_ARN,
  };
}

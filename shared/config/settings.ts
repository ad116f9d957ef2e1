import * as z from 'zod';
import { CATEGORIES } from '../domain/categories.ts';
import type { EligibilityRules } from '../domain/eligibility.ts';
import { claimNamesSchema, type ClaimNames } from '../auth/claim-names.ts';

/**
 * Runtime settings from the environment, in groups. A function reads a group only when it uses
 * it, so each function needs only the variables of the groups it uses; `infra/functions.ts`
 * declares which those are, and both the stack and the local runner give exactly those.
 */
export type Env = Record<string, string | undefined>;

export interface SettingsGroup<T> {
  /** The variables the group reads: what a function using it must be given. */
  variables: readonly string[];
  read(env?: Env): T;
}

function group<S extends z.ZodRawShape, T>(shape: S, map: (values: z.infer<z.ZodObject<S>>) => T): SettingsGroup<T> {
  const schema = z.object(shape);
  return {
    variables: Object.keys(shape),
    read(env: Env = process.env) {
      const parsed = schema.safeParse(env);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new Error(`invalid settings: ${fields}`);
      }
      return map(parsed.data);
    },
  };
}

const minutes = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The register table. */
export const TABLE_SETTINGS = group({ TABLE_NAME: z.string().min(1) }, (s) => ({ tableName: s.TABLE_NAME }));

/** The key of the keyed hashes for SNILS and document lookups: given directly (local) or as a secret (cloud). */
export const LOOKUP_KEY_SETTINGS = group(
  { LOOKUP_KEY: z.string().min(32).optional(), LOOKUP_KEY_SECRET_ARN: z.string().min(1).optional() },
  (s) => {
    if (!s.LOOKUP_KEY && !s.LOOKUP_KEY_SECRET_ARN) throw new Error('invalid settings: set LOOKUP_KEY or LOOKUP_KEY_SECRET_ARN');
    return { lookupKey: s.LOOKUP_KEY, lookupKeySecretArn: s.LOOKUP_KEY_SECRET_ARN };
  },
);

/** How long an application may wait for its number before the sweeper queues it again. */
const stalledAfter = { STALLED_AFTER_MINUTES: minutes(24 * 60, 5) };

/** Filing: the temporary policy, who is excluded, how long an Idempotency-Key is remembered. */
export const INTAKE_SETTINGS = group(
  {
    /** Temporary policy term in calendar days (30 to 45). */
    TEMPORARY_POLICY_DAYS: z.coerce.number().int().min(30).max(45).default(45),
    /** Comma-separated categories excluded from insurance. */
    ELIGIBILITY_EXCLUDED: z
      .string()
      .default('highly_qualified_specialist_family')
      .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
      .pipe(z.array(z.enum(CATEGORIES))),
    IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(24),
    ...stalledAfter,
  },
  (s) => ({
    temporaryPolicyDays: s.TEMPORARY_POLICY_DAYS,
    eligibility: { excluded: s.ELIGIBILITY_EXCLUDED } satisfies EligibilityRules,
    idempotencyTtlHours: s.IDEMPOTENCY_TTL_HOURS,
    stalledAfterMinutes: s.STALLED_AFTER_MINUTES,
  }),
);
export type IntakeSettings = ReturnType<typeof INTAKE_SETTINGS.read>;

/** The sweeper of applications still waiting for their number. */
export const SWEEP_SETTINGS = group(stalledAfter, (s) => ({ stalledAfterMinutes: s.STALLED_AFTER_MINUTES }));
export type SweepSettings = ReturnType<typeof SWEEP_SETTINGS.read>;

/**
 * Which token claims carry roles and scopes: Cognito's names by default; for another issuer, the
 * names it uses (JSON, e.g. `{"roles":"groups","region":"region_code"}`).
 */
export const TOKEN_CLAIM_SETTINGS = group(
  {
    TOKEN_CLAIMS: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (!s) return undefined;
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'not JSON' });
          return z.NEVER;
        }
      })
      .pipe(claimNamesSchema.partial().strict().optional()),
  },
  (s): Partial<ClaimNames> => s.TOKEN_CLAIMS ?? {},
);

/** A queue's URL, from the variable its declaration names. */
export function queueUrl(urlVariable: string, env: Env = process.env): string {
  return group({ [urlVariable]: z.string().min(1) }, (s) => String(s[urlVariable])).read(env);
}

/** Every group whose variables an operator may set (the rest come from the stack's resources). */
export const TUNABLE_GROUPS = { intake: INTAKE_SETTINGS, sweep: SWEEP_SETTINGS } as const;
export type Tunables = keyof typeof TUNABLE_GROUPS;

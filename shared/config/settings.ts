import * as z from 'zod/mini';
import { CATEGORIES } from '../domain/categories.ts';
import type { EligibilityRules } from '../domain/eligibility.ts';
import { conversionSettingsProblem } from '../domain/lifecycle/conversion.ts';
import { claimNamesSchema, type ClaimNames } from '../auth/claim-names.ts';
import { ASSIGNMENT_RULES } from '../catalogues/insurers.ts';
import { isRealDate } from '../domain/local-date.ts';
import '../schemas/zod-messages.ts';

/**
 * Runtime settings from the environment, in groups. A function reads a group only when it uses
 * it, so each function needs only the variables of the groups it uses; `infra/functions.ts`
 * declares which those are, and both the stack and the local runner give exactly those. Every
 * function reads some, so they are built with zod's light entry point (`zod/mini`).
 */
export type Env = Record<string, string | undefined>;

export interface SettingsGroup<T> {
  /** The variables the group reads: what a function using it must be given. */
  variables: readonly string[];
  read(env?: Env): T;
}

/**
 * A group's schema is built when the group is first read: a function builds only those of the groups it reads.
 * Each group is declared `@__PURE__`, so a bundle that never names a group leaves it out.
 */
function group<S extends z.core.$ZodShape, T>(shape: () => S, map: (values: z.infer<z.ZodMiniObject<S>>) => T): SettingsGroup<T> {
  let schema: z.ZodMiniObject<S> | undefined;
  const built = () => (schema ??= z.object(shape()));
  return {
    get variables() {
      return Object.keys(built().shape);
    },
    read(env: Env = process.env) {
      const parsed = built().safeParse(env);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new Error(`invalid settings: ${fields}`);
      }
      return map(parsed.data);
    },
  };
}

/** A whole number from `min` to `max`, `fallback` when the variable is not set. */
const whole = (min: number, max: number, fallback: number) => z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);
const minutes = (max: number, fallback: number) => whole(1, max, fallback);
const nonEmpty = () => z.string().check(z.minLength(1));

/** The register table. */
export const TABLE_SETTINGS = /* @__PURE__ */ group(() => ({ TABLE_NAME: nonEmpty() }), (s) => ({ tableName: s.TABLE_NAME }));

/** The key of the keyed hashes for SNILS and document lookups: given directly (local) or as a secret (cloud). */
export const LOOKUP_KEY_SETTINGS = /* @__PURE__ */ group(
  () => ({ LOOKUP_KEY: z.optional(z.string().check(z.minLength(32))), LOOKUP_KEY_SECRET_ARN: z.optional(nonEmpty()) }),
  (s) => {
    if (!s.LOOKUP_KEY && !s.LOOKUP_KEY_SECRET_ARN) throw new Error('invalid settings: set LOOKUP_KEY or LOOKUP_KEY_SECRET_ARN');
    return { lookupKey: s.LOOKUP_KEY, lookupKeySecretArn: s.LOOKUP_KEY_SECRET_ARN };
  },
);

/** How long an application may wait for its number before the sweeper queues it again. */
const stalledAfter = () => ({ STALLED_AFTER_MINUTES: minutes(24 * 60, 5) });

/** Filing: the temporary policy, who is excluded, how long an Idempotency-Key is remembered. */
export const INTAKE_SETTINGS = /* @__PURE__ */ group(
  () => ({
    /** Temporary policy term in calendar days (30 to 45). */
    TEMPORARY_POLICY_DAYS: whole(30, 45, 45),
    /** Comma-separated categories excluded from insurance. */
    ELIGIBILITY_EXCLUDED: z.pipe(
      z.pipe(
        z._default(z.string(), 'highly_qualified_specialist_family'),
        z.transform((s: string) => s.split(',').map((c) => c.trim()).filter(Boolean)),
      ),
      z.array(z.enum(CATEGORIES)),
    ),
    /** The day after issue the e-policy replaces the temporary one (1 to 1.5 months, before it ends). */
    CONVERSION_AFTER_DAYS: whole(1, 366, 30),
    IDEMPOTENCY_TTL_HOURS: whole(1, 24 * 7, 24),
    ...stalledAfter(),
  }),
  (s) => ({
    temporaryPolicyDays: s.TEMPORARY_POLICY_DAYS,
    conversionAfterDays: checked(conversionSettingsProblem(s.TEMPORARY_POLICY_DAYS, s.CONVERSION_AFTER_DAYS), s.CONVERSION_AFTER_DAYS),
    eligibility: { excluded: s.ELIGIBILITY_EXCLUDED } satisfies EligibilityRules,
    idempotencyTtlHours: s.IDEMPOTENCY_TTL_HOURS,
    stalledAfterMinutes: s.STALLED_AFTER_MINUTES,
  }),
);
export type IntakeSettings = ReturnType<typeof INTAKE_SETTINGS.read>;

/** A value whose combination with others was found impossible is refused like a malformed one. */
function checked<T>(problem: string | undefined, value: T): T {
  if (problem) throw new Error(`invalid settings: ${problem}`);
  return value;
}

/** The PIN: how slow its hash is, and how many wrong attempts in a row lock it, for how long. */
export const PIN_SETTINGS = /* @__PURE__ */ group(
  () => ({
    /** log2 of scrypt's N: 15 is 32 MiB and about 0.1 s a hash. */
    PIN_HASH_COST: whole(10, 17, 15),
    PIN_MAX_WRONG: whole(3, 10, 5),
    PIN_LOCK_MINUTES: minutes(24 * 60, 30),
  }),
  (s) => ({ hashCost: s.PIN_HASH_COST, maxWrong: s.PIN_MAX_WRONG, lockMinutes: s.PIN_LOCK_MINUTES }),
);
export type PinSettings = ReturnType<typeof PIN_SETTINGS.read>;

/**
 * The person's choices: how the fund assigns an insurer to someone who named none, and the yearly
 * limits of changes at will with the last day of the year an insurer change is accepted (the law:
 * 1 November), both counted in the region's own time zone.
 */
export const CHOICE_SETTINGS = /* @__PURE__ */ group(
  () => ({
    INSURER_ASSIGNMENT: z._default(z.enum(ASSIGNMENT_RULES), 'weighted'),
    INSURER_CHANGE_LAST_DAY: z._default(
      z.string().check(
        z.regex(/^\d{2}-\d{2}$/, 'Expected MM-DD.'),
        z.refine((d) => isRealDate(`2024-${d}`), 'Not a day of the year.'),
      ),
      '11-01',
    ),
    YEARLY_INSURER_CHANGES: whole(1, 12, 1),
    YEARLY_CLINIC_CHANGES: whole(1, 12, 1),
    YEARLY_DOCTOR_CHANGES: whole(1, 12, 1),
  }),
  (s) => ({
    assignment: s.INSURER_ASSIGNMENT,
    insurerChangeLastDay: s.INSURER_CHANGE_LAST_DAY,
    yearly: { insurer: s.YEARLY_INSURER_CHANGES, clinic: s.YEARLY_CLINIC_CHANGES, doctor: s.YEARLY_DOCTOR_CHANGES },
  }),
);
export type ChoiceSettings = ReturnType<typeof CHOICE_SETTINGS.read>;

/**
 * Insurers' reports of care: how many events one batch (a day's file) may carry, and how many of
 * them are written at once (each is its own small transaction, so one refusal never undoes another).
 */
export const CARE_SETTINGS = /* @__PURE__ */ group(
  () => ({
    CARE_BATCH_MAX_EVENTS: whole(1, 250, 100),
    CARE_BATCH_PARALLEL_WRITES: whole(1, 25, 8),
  }),
  (s) => ({ batchMaxEvents: s.CARE_BATCH_MAX_EVENTS, batchParallelWrites: s.CARE_BATCH_PARALLEL_WRITES }),
);
export type CareSettings = ReturnType<typeof CARE_SETTINGS.read>;

/**
 * Complaints to insurers: the days an insurer has to answer (the law: 30 calendar days), how many
 * past-due complaints the overdue job flags per shard in a run, and how long an Idempotency-Key of
 * a filing is remembered.
 */
export const COMPLAINT_SETTINGS = /* @__PURE__ */ group(
  () => ({
    COMPLAINT_DUE_DAYS: whole(1, 90, 30),
    COMPLAINT_OVERDUE_BATCH: whole(1, 1000, 100),
    COMPLAINT_IDEMPOTENCY_TTL_HOURS: whole(1, 24 * 7, 24),
  }),
  (s) => ({ dueDays: s.COMPLAINT_DUE_DAYS, overdueBatch: s.COMPLAINT_OVERDUE_BATCH, idempotencyTtlHours: s.COMPLAINT_IDEMPOTENCY_TTL_HOURS }),
);
export type ComplaintSettings = ReturnType<typeof COMPLAINT_SETTINGS.read>;

/** Where the barcode signing keys' private halves are: a file under `.local/` (local) or a secret (cloud). */
export const SIGNING_VAULT_SETTINGS = /* @__PURE__ */ group(
  () => ({ SIGNING_KEYS_FILE: z.optional(nonEmpty()), SIGNING_KEYS_SECRET_ARN: z.optional(nonEmpty()) }),
  (s) => {
    if (!s.SIGNING_KEYS_FILE && !s.SIGNING_KEYS_SECRET_ARN) throw new Error('invalid settings: set SIGNING_KEYS_FILE or SIGNING_KEYS_SECRET_ARN');
    return { file: s.SIGNING_KEYS_FILE, secretArn: s.SIGNING_KEYS_SECRET_ARN };
  },
);

/**
 * How the barcode signing keys rotate: a key signs `SIGNING_KEY_ROTATE_AFTER_DAYS`, is published
 * `SIGNING_KEY_PUBLISH_AHEAD_MINUTES` before it signs (longer than any verifier keeps the ring), and
 * verifies `SIGNING_KEY_VERIFY_FOR_DAYS` after it stopped signing (a printed extract's life).
 */
export const SIGNING_ROTATION_SETTINGS = /* @__PURE__ */ group(
  () => ({
    SIGNING_KEY_ROTATE_AFTER_DAYS: whole(1, 3650, 90),
    SIGNING_KEY_VERIFY_FOR_DAYS: whole(1, 3650, 400),
    SIGNING_KEY_PUBLISH_AHEAD_MINUTES: whole(2, 24 * 60, 10),
  }),
  (s) => ({ rotateAfterDays: s.SIGNING_KEY_ROTATE_AFTER_DAYS, verifyForDays: s.SIGNING_KEY_VERIFY_FOR_DAYS, publishAheadMinutes: s.SIGNING_KEY_PUBLISH_AHEAD_MINUTES }),
);

export type SigningRotationSettings = ReturnType<typeof SIGNING_ROTATION_SETTINGS.read>;

/** The sweeper of applications still waiting for their number. */
export const SWEEP_SETTINGS = /* @__PURE__ */ group(stalledAfter, (s) => ({ stalledAfterMinutes: s.STALLED_AFTER_MINUTES }));
export type SweepSettings = ReturnType<typeof SWEEP_SETTINGS.read>;

/**
 * Which token claims carry roles and scopes: Cognito's names by default; for another issuer, the
 * names it uses (JSON, e.g. `{"roles":"groups","region":"region_code"}`).
 */
export const TOKEN_CLAIM_SETTINGS = /* @__PURE__ */ group(
  () => ({
    TOKEN_CLAIMS: z.pipe(
      z.pipe(
        z.optional(z.string()),
        z.transform((s: string | undefined, ctx) => {
          if (!s) return undefined;
          try {
            return JSON.parse(s) as unknown;
          } catch {
            ctx.issues.push({ code: 'custom', message: 'not JSON', input: s });
            return z.NEVER;
          }
        }),
      ),
      z.optional(z.strictObject(z.partial(claimNamesSchema).shape)),
    ),
  }),
  (s): Partial<ClaimNames> => s.TOKEN_CLAIMS ?? {},
);

/** A queue's URL, from the variable its declaration names. */
export function queueUrl(urlVariable: string, env: Env = process.env): string {
  return group(() => ({ [urlVariable]: nonEmpty() }), (s) => String(s[urlVariable])).read(env);
}

/** Every group whose variables an operator may set (the rest come from the stack's resources). */
export const TUNABLE_GROUPS = { intake: INTAKE_SETTINGS, sweep: SWEEP_SETTINGS, pin: PIN_SETTINGS, choices: CHOICE_SETTINGS, signing: SIGNING_ROTATION_SETTINGS, care: CARE_SETTINGS, complaints: COMPLAINT_SETTINGS } as const;
export type Tunables = keyof typeof TUNABLE_GROUPS;

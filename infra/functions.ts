import { queues } from '#shared/config/queues.ts';
import { EXTRACT_FONT_ASSET } from '#shared/extract/extract-font.ts';
import { routes } from '#shared/config/routes.ts';
import { deploySteps } from '#shared/config/deploy-steps.ts';
import { schedules } from '#shared/config/schedules.ts';
import { TOKEN_CLAIM_SETTINGS, TUNABLE_GROUPS, type Env, type Tunables } from '#shared/config/settings.ts';

/**
 * Every function of the register: what it may touch and the settings it reads, declared once. The
 * CDK stack grants and configures each deployed function from here, and the local runner gives each
 * local function exactly the same variables (with local values), so a variable one of them lacks
 * shows up locally too. Synth fails for a handler missing here.
 */
export interface FunctionDeclaration {
  table: 'none' | 'read' | 'read-write';
  /** Hashes SNILS, documents or attempt keys, or seals cursors: reads the lookup key (its secret, in the cloud). */
  lookupKey?: boolean;
  /** Signs barcodes (reads the private keys' vault) or rotates the keys (reads and writes it). */
  signingKeys?: 'sign' | 'rotate';
  /** Names of the declared queues it sends to: it gets their URLs. */
  sendsTo?: string[];
  /** Groups of operator settings it reads (`shared/config/settings.ts`). */
  tunables?: Tunables[];
  /**
   * Files it reads at run time (paths from the project root), copied beside its bundle under their
   * own names: e.g. `[EXTRACT_FONT_ASSET]` (`shared/extract/extract-font.ts`) for a function that
   * makes the register extract.
   */
  assets?: string[];
}

export const FUNCTIONS: Record<string, FunctionDeclaration> = {
  'applications/submit-application': { table: 'read-write', lookupKey: true, sendsTo: ['number-requests'], tunables: ['intake', 'choices'] },
  // Reads write an audit entry, hence read-write.
  'applications/get-application': { table: 'read-write' },
  'persons/get-person': { table: 'read-write' },
  'persons/get-policy': { table: 'read-write' },
  // Seals its page cursors with the lookup key, so that a changed cursor is refused.
  'persons/get-audit': { table: 'read-write', lookupKey: true },
  'openapi/get-document': { table: 'none' },
  // Hashes the document it is asked about; writes audit entries and attempt counters.
  'verifications/verify-policy': { table: 'read-write', lookupKey: true },
  'numbering/assign-numbers': { table: 'read-write' },
  'persons/get-account': { table: 'read-write' },
  // Seals its page cursors with the lookup key.
  'persons/get-history': { table: 'read-write', lookupKey: true },
  'policies/suspend-policy': { table: 'read-write' },
  'policies/resume-policy': { table: 'read-write' },
  'policies/terminate-policy': { table: 'read-write' },
  'persons/change-region': { table: 'read-write', tunables: ['choices'] },
  'choices/choose-insurer': { table: 'read-write', tunables: ['choices'] },
  'choices/choose-clinic': { table: 'read-write', tunables: ['choices'] },
  'choices/choose-doctor': { table: 'read-write', tunables: ['choices'] },
  // Hash PINs (with the PIN settings' cost) and count wrong ones.
  'pins/issue-pin': { table: 'read-write', tunables: ['pin'] },
  'pins/show-pin': { table: 'read-write', tunables: ['pin'] },
  'pins/check-pin': { table: 'read-write', tunables: ['pin'] },
  // Checks the person's PIN (its settings), hashes a new document or SNILS for its lookup.
  'persons/change-person': { table: 'read-write', lookupKey: true, tunables: ['pin'] },
  'lifecycle/convert-temporary-policies': { table: 'read-write' },
  'lifecycle/apply-policy-deadlines': { table: 'read-write' },
  // Writes the catalogues' seed versions on each deploy where the seed changed (and at `npm start`).
  'catalogues/load-seed': { table: 'read-write' },
  'choices/reset-yearly-limits': { table: 'read-write' },
  'choices/reassign-ended-contracts': { table: 'read-write', tunables: ['choices'] },
  // The catalogues and the calendar: reads read, the fund's changes write the next version.
  'catalogues/get-insurers': { table: 'read' },
  'catalogues/get-clinics': { table: 'read' },
  'catalogues/get-doctors': { table: 'read' },
  'catalogues/get-free-care': { table: 'read' },
  'catalogues/get-regional-care': { table: 'read' },
  'calendar/get-year': { table: 'read' },
  'catalogues/put-insurers': { table: 'read-write' },
  'catalogues/put-clinics': { table: 'read-write' },
  'catalogues/put-doctors': { table: 'read-write' },
  'catalogues/put-free-care': { table: 'read-write' },
  'catalogues/put-regional-care': { table: 'read-write' },
  'calendar/put-year': { table: 'read-write' },
  // Sign the policy's barcode (reads the private key) and write the read's audit entry.
  'barcodes/get-policy-barcode': { table: 'read-write', signingKeys: 'sign' },
  // Reads the extract's font (DejaVu Sans, with Cyrillic) from beside its bundle.
  'extracts/get-extract': { table: 'read-write', signingKeys: 'sign', assets: [EXTRACT_FONT_ASSET] },
  // The barcode signing keys: published to everyone, rotated by a schedule (the first made at deploy).
  'signing/get-jwks': { table: 'read' },
  'signing/rotate-signing-keys': { table: 'read-write', signingKeys: 'rotate', tunables: ['signing'] },
  'signing/make-first-signing-key': { table: 'read-write', signingKeys: 'rotate', tunables: ['signing'] },
  // Civil-registry events: looks people up by hashed identifiers, registers newborns (their number
  // requested like an application's) and keeps the unmatched for the fund, whose list seals its cursors.
  'registry/apply-registry-events': { table: 'read-write', lookupKey: true, sendsTo: ['number-requests'], tunables: ['intake', 'choices'] },
  'registry/get-unmatched': { table: 'read', lookupKey: true },
  // The fund's resolution applies an event as the consumer does.
  'registry/resolve-unmatched': { table: 'read-write', lookupKey: true, sendsTo: ['number-requests'], tunables: ['intake', 'choices'] },
  // Care history: hash the insurers' event ids (writes) and seal page cursors (reads) with the lookup key.
  'care/record-care-event': { table: 'read-write', lookupKey: true },
  'care/record-care-events': { table: 'read-write', lookupKey: true, tunables: ['care'] },
  'care/get-care-history': { table: 'read-write', lookupKey: true },
  // Complaints: filing reads the clinics catalogue and writes the complaint, the insurer's count, the history and the audit.
  'complaints/file-complaint': { table: 'read-write', tunables: ['complaints'] },
  // Seal their page cursors with the lookup key; the person's list writes the read's audit entry.
  'complaints/get-person-complaints': { table: 'read-write', lookupKey: true },
  'complaints/get-open-complaints': { table: 'read', lookupKey: true },
  'complaints/change-complaint': { table: 'read-write' },
  'complaints/get-complaint-counts': { table: 'read' },
  'complaints/flag-overdue-complaints': { table: 'read-write', tunables: ['complaints'] },
  'numbering/requeue-stalled-applications': { table: 'read-write', sendsTo: ['number-requests'], tunables: ['sweep'] },
};

export function declarationOf(handler: string): FunctionDeclaration {
  const declaration = FUNCTIONS[handler];
  if (!declaration) throw new Error(`functions/${handler}.ts has no entry in infra/functions.ts`);
  return declaration;
}

/** Every handler with its timeout, from the route, queue and schedule declarations. */
export function declaredHandlers(): { handler: string; timeoutSeconds: number; memoryMb: number }[] {
  const timeouts = new Map<string, number>([
    ...routes.map((r) => [r.handler, 10] as const),
    ...queues.map((q) => [q.consumer, q.consumerTimeoutSeconds] as const),
    ...schedules.map((s) => [s.handler, s.timeoutSeconds] as const),
    ...deploySteps.map((s) => [s.handler, s.timeoutSeconds] as const),
  ]);
  return [...timeouts].map(([handler, timeoutSeconds]) => ({ handler, timeoutSeconds, memoryMb: 512 }));
}

/** What every function gets whatever it does, in the cloud and locally (where `npm start` may override the log level). */
export const COMMON_ENVIRONMENT = {
  /** The `service` of every log line, and the `service` dimension of every metric. */
  POWERTOOLS_SERVICE_NAME: 'oms-register',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  /**
   * Log sampling, explicit: no invocation is raised to DEBUG (0), so the logs hold exactly the INFO,
   * WARN and ERROR lines the code writes, each kept; a rate of 0.01 would add DEBUG for 1 in 100.
   */
  POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
  /** Events carry names, SNILS and documents: never logged whole. */
  POWERTOOLS_LOGGER_LOG_EVENT: 'false',
};

/**
 * The CloudWatch namespace of a stage's metrics (`POWERTOOLS_METRICS_NAMESPACE`): each stage apart,
 * so that a test stage never sets off production's alarms. The local runner's stage is `local`.
 */
export function metricsNamespace(stage: string): string {
  return `OmsRegister/${stage}`;
}

/** COMMON_ENVIRONMENT with the stage's metrics namespace: what the stack and the local runner give every function. */
export function commonEnvironment(stage: string): Record<string, string> {
  return { ...COMMON_ENVIRONMENT, POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(stage) };
}

/** Where a function's resources are: CDK tokens in the stack, local endpoints and names locally. */
export interface FunctionResources {
  tableName: string;
  queueUrl(queueName: string): string;
  /** In the cloud the secret's ARN (LOOKUP_KEY_SECRET_ARN); locally the key itself (LOOKUP_KEY). */
  lookupKey: { variable: 'LOOKUP_KEY_SECRET_ARN' | 'LOOKUP_KEY'; value: string };
  /** The signing keys' vault: in the cloud the secret's ARN, locally the file under `.local/`. */
  signingKeys: { variable: 'SIGNING_KEYS_SECRET_ARN' | 'SIGNING_KEYS_FILE'; value: string };
  /** Operator settings by variable name: stack context in the cloud, the environment locally. */
  configuration: Env;
}

const authenticatedHandlers = new Set<string>(routes.filter((r) => r.roles !== 'public').map((r) => r.handler));

/** The environment variables of one function: exactly those its declaration calls for. */
export function environmentOf(handler: string, resources: FunctionResources): Record<string, string> {
  const d = declarationOf(handler);
  const env: Record<string, string> = {};
  if (d.table !== 'none') env.TABLE_NAME = resources.tableName;
  for (const name of d.sendsTo ?? []) {
    const queue = queues.find((q) => q.name === name);
    if (!queue) throw new Error(`functions/${handler}.ts sends to an undeclared queue ${name}`);
    env[queue.urlVariable] = resources.queueUrl(name);
  }
  if (d.lookupKey) env[resources.lookupKey.variable] = resources.lookupKey.value;
  if (d.signingKeys) env[resources.signingKeys.variable] = resources.signingKeys.value;
  const variables = [...(d.tunables ?? []).flatMap((t) => TUNABLE_GROUPS[t].variables), ...(authenticatedHandlers.has(handler) ? TOKEN_CLAIM_SETTINGS.variables : [])];
  for (const name of variables) {
    const value = resources.configuration[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  return env;
}

/** The operator settings in an environment, and nothing else of it. */
export function configurationIn(env: Env): Env {
  const names = [...Object.values(TUNABLE_GROUPS).flatMap((g) => g.variables), ...TOKEN_CLAIM_SETTINGS.variables];
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));
}

/** Checks operator settings before anything is deployed or started: a bad value fails here, not in a function. */
export function checkConfiguration(configuration: Env): void {
  for (const group of [...Object.values(TUNABLE_GROUPS), TOKEN_CLAIM_SETTINGS]) group.read(configuration);
}

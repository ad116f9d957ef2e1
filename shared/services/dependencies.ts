import { DynamoDBClient } from '../aws/dynamodb.ts';
import { monotonicFactory } from 'ulid';
import { systemClock, type Clock } from '../clock.ts';
import {
  CHOICE_SETTINGS,
  COMPLAINT_SETTINGS,
  INTAKE_SETTINGS,
  LOOKUP_KEY_SETTINGS,
  PIN_SETTINGS,
  SWEEP_SETTINGS,
  TABLE_SETTINGS,
  type ChoiceSettings,
  type ComplaintSettings,
  type Env,
  type IntakeSettings,
  type PinSettings,
  type SweepSettings,
} from '../config/settings.ts';
import { meterCapacity } from '../observability/metrics.ts';
import { traced } from '../observability/tracer.ts';
import { LookupHasher } from '../privacy/lookup-hasher.ts';
import type { NumberRequests } from '../queue/number-requests.ts';
import type { CareStore } from '../store/care-store.ts';
import { DynamoDbCatalogueStore } from '../store/catalogue-store.ts';
import type { ComplaintStore } from '../store/complaint-store.ts';
import { DynamoDbRegisterStore } from '../store/dynamodb-register-store.ts';
import type { PersonChangeStore } from '../store/person-change-store.ts';
import type { RegisterStore } from '../store/register-store.ts';
import type { RegistryStore } from '../store/registry-store.ts';
import { CatalogueReader } from './catalogues/catalogue-reader.ts';
import type { KeyVault } from '../signing/key-vault.ts';
import type { SigningKeys } from './signing/signing-keys.ts';

/**
 * What the services need, handed to them rather than imported, so tests and jobs can swap any part.
 * Each part is built on first use from its own settings: a function that never touches the queue
 * needs no queue URL, one that hashes nothing needs no lookup key.
 */
export interface Dependencies {
  clock: Clock;
  newId: () => string;
  store: RegisterStore;
  /** The civil-registry events' records and the unmatched ones waiting for the fund. */
  registry: RegistryStore;
  /** Changes of a person's own details (`shared/store/person-change-store.ts`): only the functions that make them provide it. */
  personChanges: PersonChangeStore;
  /** The care history insurers report: a store of its own over the same table (care functions only: `Parts.care`). */
  care: CareStore;
  /** Complaints to insurers, in the same table (`shared/store/complaint-store.ts`). */
  complaints: ComplaintStore;
  /** The fund's catalogues (insurers, clinics, doctors, free care, the production calendar), kept a while by each function. */
  catalogues: CatalogueReader;
  numberRequests: NumberRequests;
  /** The key's secret is fetched on first use, hence a promise. */
  hasher: () => Promise<LookupHasher>;
  /** The barcode signing keys: the public ring from the table, the private halves from the vault (signers only). */
  signing: SigningKeys;
  settings: { intake: IntakeSettings; sweep: SweepSettings; pin: PinSettings; choices: ChoiceSettings; complaints: ComplaintSettings };
}

export type DependencyOverrides = Partial<Omit<Dependencies, 'settings'>> & {
  settings?: Partial<Dependencies['settings']>;
  /** Where settings are read from; process.env by default. */
  env?: Env;
};

/**
 * The parts only some functions use, each in a module of its own that the function's handler hands
 * over when it loads (`provide`): a function that sends no number requests and reads no secret
 * neither carries their code in its bundle nor loads their AWS clients at cold start. Which functions send to a queue or read the lookup key is declared in `infra/functions.ts`
 * (`sendsTo`, `lookupKey`), and a test holds every bundle to its declaration.
 */
export interface Parts {
  /** Number requests sent to the queue: `sqsNumberRequests` (`shared/queue/number-requests.ts`). */
  numberRequests(env: Env): NumberRequests;
  /** A secret's value, for the lookup key in the cloud: `secretValue` (`shared/privacy/lookup-key-secret.ts`). */
  secret(arn: string): Promise<string>;
  /** The barcode signing keys over the table: `tableSigningKeys` (`shared/services/signing/table-signing-keys.ts`). */
  signing(client: DynamoDBClient, tableName: string, vault: () => KeyVault, cacheMs: number): SigningKeys;
  /** The signing keys' vault, for the functions that sign or rotate: `vaultFromEnv` (`shared/signing/vault-from-env.ts`). */
  keyVault(env: Env): KeyVault;
  /** The store of a person's own changes: `dynamoDbPersonChanges` (`shared/store/person-change-store.ts`), for the PATCH and the civil registry's consumer. */
  personChanges(client: DynamoDBClient, tableName: string): PersonChangeStore;
  /** The civil-registry events' records: `dynamoDbRegistry` (`shared/store/registry-store.ts`), for their consumer and the fund's list. */
  registry(client: DynamoDBClient, tableName: string): RegistryStore;
  /** The care history's store, for the care functions: `dynamoDbCareStore` (`shared/store/care-store.ts`). */
  care(client: DynamoDBClient, tableName: string): CareStore;
  /** The complaints' store, for the complaint functions only: `dynamoDbComplaints` (`shared/store/complaint-store.ts`). */
  complaints(client: DynamoDBClient, tableName: string): ComplaintStore;
}

const provided: Partial<Parts> = {};

/** Hands over the parts a function uses; its handler calls this once, as its module loads. */
export function provide(parts: Partial<Parts>): void {
  Object.assign(provided, parts);
}

function part<K extends keyof Parts>(name: K): Parts[K] {
  const made = provided[name];
  if (!made) throw new Error(`this function has no ${name}: its handler provides only the parts it uses (provide)`);
  return made;
}

async function lookupKey(env: Env): Promise<string> {
  const { lookupKey: key, lookupKeySecretArn } = LOOKUP_KEY_SETTINGS.read(env);
  if (key) return key;
  return part('secret')(lookupKeySecretArn!);
}

/** How long a function keeps a catalogue it read before reading it again. */
export const CATALOGUE_CACHE_MS = 60_000;

function newIds(clock: Clock): () => string {
  const next = monotonicFactory();
  return () => next(clock.now().getTime());
}

function memoize<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/** Defines `key` on `target` as a value made on first read (and kept). */
function lazy<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  let made: { value: T[K] } | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    get: () => (made ??= { value: make() }).value,
  });
}

/** Built once per cold start; the same in Lambda and in the local runner. */
export function createDependencies(overrides: DependencyOverrides = {}): Dependencies {
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? systemClock;
  const deps = {
    clock,
    // Ids carry the register's time (monotonic within a millisecond), so records sorted by id follow the injected clock.
    newId: overrides.newId ?? newIds(clock),
    hasher: overrides.hasher ?? memoize(async () => new LookupHasher(await lookupKey(env))),
    settings: {},
  } as Dependencies;
  let client: DynamoDBClient | undefined;
  const dynamodb = () => (client ??= meterCapacity(traced(new DynamoDBClient({}))));
  lazy(deps, 'store', () => overrides.store ?? new DynamoDbRegisterStore(dynamodb(), TABLE_SETTINGS.read(env).tableName));
  lazy(deps, 'registry', () => overrides.registry ?? part('registry')(dynamodb(), TABLE_SETTINGS.read(env).tableName));
  lazy(deps, 'personChanges', () => overrides.personChanges ?? part('personChanges')(dynamodb(), TABLE_SETTINGS.read(env).tableName));
  lazy(deps, 'care', () => overrides.care ?? part('care')(dynamodb(), TABLE_SETTINGS.read(env).tableName));
  lazy(deps, 'complaints', () => overrides.complaints ?? part('complaints')(dynamodb(), TABLE_SETTINGS.read(env).tableName));
  lazy(deps, 'catalogues', () => overrides.catalogues ?? new CatalogueReader(new DynamoDbCatalogueStore(dynamodb(), TABLE_SETTINGS.read(env).tableName), CATALOGUE_CACHE_MS));
  let vault: KeyVault | undefined;
  lazy(deps, 'signing', () => overrides.signing ?? part('signing')(dynamodb(), TABLE_SETTINGS.read(env).tableName, () => (vault ??= part('keyVault')(env)), CATALOGUE_CACHE_MS));
  lazy(deps, 'numberRequests', () => overrides.numberRequests ?? part('numberRequests')(env));
  lazy(deps.settings, 'intake', () => overrides.settings?.intake ?? INTAKE_SETTINGS.read(env));
  lazy(deps.settings, 'sweep', () => overrides.settings?.sweep ?? SWEEP_SETTINGS.read(env));
  lazy(deps.settings, 'pin', () => overrides.settings?.pin ?? PIN_SETTINGS.read(env));
  lazy(deps.settings, 'choices', () => overrides.settings?.choices ?? CHOICE_SETTINGS.read(env));
  lazy(deps.settings, 'complaints', () => overrides.settings?.complaints ?? COMPLAINT_SETTINGS.read(env));
  return deps;
}

let current: Dependencies | undefined;

/** The process's dependencies, created on first use (a cold start) and kept for warm invocations. */
export function dependencies(): Dependencies {
  return (current ??= createDependencies());
}

/** Replaces the process's dependencies: tests, and jobs run with `--now`. */
export function useDependencies(deps: Dependencies | undefined): void {
  current = deps;
}

/**
 * The people the cold-start bench changes (test/bench/cold-start.ts): one person per timed
 * invocation of a change that happens once per person (a suspension, a choice, the PIN shown),
 * filed before anything is timed. They are filed and numbered by the register's own handlers, run
 * in this process against the table the deployed functions use and with their lookup key (so that
 * a citizen's token finds their own record), each as its citizen on the portal.
 *
 * A PIN comes with the permanent e-policy, which replaces the temporary policy 30 days after
 * filing: the people who need one are filed 35 days back (the temporary policy runs 45) and then
 * converted now, as the nightly job would, so the deployed functions, on the real clock, find
 * records as the register would have written them.
 *
 * The handlers' logs and metrics would go to this process's stdout, where the bench prints its
 * tables: cold-start.ts silences them (POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_DISABLED) before the
 * logger loads.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler as submit } from '#functions/applications/submit-application.ts';
import { handler as assign } from '#functions/numbering/assign-numbers.ts';
import { handler as convert } from '#functions/lifecycle/convert-temporary-policies.ts';
import { insurerWorking } from '#shared/catalogues/insurers.ts';
import { getRegion } from '#shared/catalogues/regions.ts';
import { offsetClock, systemClock, type Clock } from '#shared/clock.ts';
import { scheduleInput } from '#shared/config/schedules.ts';
import { localDate } from '#shared/domain/local-date.ts';
import { CatalogueReader } from '#shared/services/catalogues/catalogue-reader.ts';
import { CATALOGUE_CACHE_MS, createDependencies, useDependencies, type Dependencies } from '#shared/services/dependencies.ts';
import { DynamoDbCatalogueStore } from '#shared/store/catalogue-store.ts';
import { DynamoDbRegisterStore } from '#shared/store/dynamodb-register-store.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/engines/dynamodb.ts';
import { adultApplication, citizenFor } from '../support/applications.ts';
import { context, httpEvent, sqsEvent } from '../support/events.ts';

export interface BenchPerson {
  /** `adultApplication(seed)`, filed by `citizenFor(seed)`. */
  seed: number;
  personId: string;
  /** An insurer of the person's region other than theirs, working today (for a change at will). */
  otherInsurerId: string;
  /** Their own insurer (who reports their care). */
  insurerId: string;
}

const DAY_MS = 86_400_000;
/** How far back the people who need the e-policy are filed: past the conversion day (30), within the temporary policy's term (45). */
const E_POLICY_FILED_DAYS_AGO = 35;
/** Filings in flight at once (DynamoDB Local answers them in turn; this hides the round trips). */
const IN_FLIGHT = 4;

async function eachOf<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
    }),
  );
  return results;
}

/** The register's services over the bench's table, on `clock`. */
function registerOn(client: DynamoDBClient, table: string, lookupKey: string, clock: Clock): Dependencies {
  return createDependencies({
    env: { TABLE_NAME: table, LOOKUP_KEY: lookupKey },
    store: new DynamoDbRegisterStore(client, table),
    catalogues: new CatalogueReader(new DynamoDbCatalogueStore(client, table), CATALOGUE_CACHE_MS),
    // The bench numbers them itself, below; nothing goes to the queue the deployed functions use.
    numberRequests: { send: async () => [] },
    clock,
  });
}

/** Files and numbers `adultApplication(seed)` for each seed, each by its citizen, at the time `deps` says. */
async function fileAndNumber(deps: Dependencies, seeds: readonly number[]): Promise<BenchPerson[]> {
  useDependencies(deps);
  const filed = await eachOf(seeds, async (seed) => {
    const answer = await submit(httpEvent({ method: 'POST', path: '/applications', body: adultApplication(seed), caller: citizenFor(seed) }), context);
    if (answer.statusCode !== 201) throw new Error(`filing ${seed}: ${answer.statusCode} ${answer.body}`);
    return (JSON.parse(answer.body!) as { application: { id: string; personId: string } }).application;
  });
  const batches: (typeof filed)[] = [];
  for (let i = 0; i < filed.length; i += 10) batches.push(filed.slice(i, i + 10));
  await eachOf(batches, async (batch) => {
    const { batchItemFailures } = await assign(sqsEvent(batch.map((a) => JSON.stringify({ applicationId: a.id }))), context);
    if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} of the bench's people got no number`);
  });
  const today = (region: string) => localDate(deps.clock.now(), getRegion(region).timeZone);
  return eachOf(
    filed.map((a, i) => ({ seed: seeds[i]!, personId: a.personId })),
    async ({ seed, personId }) => {
      const person = (await deps.store.getPerson(personId))!;
      const insurers = await deps.catalogues.insurers(person.region);
      const other = insurers.find((i) => i.id !== person.insurerId && insurerWorking(insurers, i.id, today(person.region)));
      if (!other) throw new Error(`no other insurer works in region ${person.region}`);
      return { seed, personId, otherInsurerId: other.id, insurerId: person.insurerId };
    },
  );
}

/**
 * Files `count` people from each first seed given (seeds `from` to `from + count - 1`): `now`
 * people hold the temporary policy filed today, `ePolicy` people the permanent e-policy with its
 * PIN not yet shown.
 */
export async function fileBenchPeople(
  local: { endpoint: string; table: string; lookupKey: string },
  groups: { now: { from: number; count: number }[]; ePolicy: { from: number; count: number }[] },
): Promise<{ now: BenchPerson[][]; ePolicy: BenchPerson[][] }> {
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const seeds = ({ from, count }: { from: number; count: number }) => Array.from({ length: count }, (_, i) => from + i);
  try {
    const present = registerOn(client, local.table, local.lookupKey, systemClock);
    const past = registerOn(client, local.table, local.lookupKey, offsetClock(new Date(Date.now() - E_POLICY_FILED_DAYS_AGO * DAY_MS)));
    const now: BenchPerson[][] = [];
    for (const group of groups.now) now.push(await fileAndNumber(present, seeds(group)));
    const ePolicy: BenchPerson[][] = [];
    for (const group of groups.ePolicy) ePolicy.push(await fileAndNumber(past, seeds(group)));
    // The nightly conversion, now: each run converts a bounded batch per shard.
    useDependencies(present);
    const due = ePolicy.flat().length;
    let converted = 0;
    for (;;) {
      const run = (await convert(scheduleInput('convert-temporary-policies'), context)) as { converted: number; withoutNumber: number };
      if (run.withoutNumber > 0) throw new Error(`${run.withoutNumber} of the bench's people had no number at conversion`);
      if (run.converted === 0) break;
      converted += run.converted;
    }
    if (converted !== due) throw new Error(`converted ${converted} of the bench's ${due} temporary policies due`);
    return { now, ePolicy };
  } finally {
    useDependencies(undefined);
    client.destroy();
  }
}

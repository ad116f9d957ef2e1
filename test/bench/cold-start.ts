/**
 * Cold start of every bundle `npm run synth` builds, against two yardsticks measured in the same
 * run: an empty handler, and a handler doing one DynamoDB GetItem with the bare SDK client, imported
 * as one writes it (`import`). A third, the same GetItem with the SDK loaded as the register loads
 * it (`require`, shared/aws/runtime-sdk.ts), is the stricter floor the register's own code is weighed
 * against. Two more rows, with the SDK loaded that way too: one GetItem through the DocumentClient
 * the store uses shows what that costs; the bare GetItem traced by Powertools Tracer as every
 * register function is, what tracing costs.
 *
 * Each measurement is a fresh Node process running one bundle as Lambda would (the template's
 * variables, the bundle's folder as working directory), against DynamoDB Local, the SQS emulator
 * and a Secrets Manager stand-in. Inside the process: the bundle's import, its first invocation,
 * then the median of its warm invocations. Each figure is the median over `--runs` processes per
 * bundle, the bundles taken in turn so that a busy moment of the machine falls on all of them;
 * one round before them is thrown away (it warms the file cache). Timings are never asserted.
 * Every invocation gets the function's success answer: a change that happens once to a person is
 * made to a person of its own each time, filed before anything is timed (./cold-start-people.ts).
 *
 *   npm run bench                                       # with the vitest benches
 *   node --import tsx test/bench/cold-start.ts [--runs 15] [--warm 10] [--assembly <dir>]
 *
 * `--assembly` takes an already synthesized cloud assembly (`npm run synth -- --output <dir>`),
 * e.g. of another commit, instead of synthesizing this tree (a folder inside this project, such as
 * `node_modules/.cache/<name>`, so that the bundles find the AWS SDK as the runtime's); `--cpu-prof <dir>` writes a CPU
 * profile of every measured process there (which slows them: for finding where time goes, not
 * for the figures). Prints markdown tables: by the clock, and in each process's CPU time.
 */
import { build } from 'esbuild';
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDocuments } from '#shared/catalogues/seed/seed-documents.ts';
import { queues } from '#shared/config/queues.ts';
import { scheduleInput, schedules } from '#shared/config/schedules.ts';
import { keys } from '#shared/store/keys.ts';
import { esbuildOptions } from '#infra/constructs/bundling.ts';
import { COMMON_ENVIRONMENT, declaredHandlers } from '#infra/functions.ts';
import { ensureRegisterTable, startDynamoDbLocal } from '#infra/local/engines/dynamodb.ts';
import { startQueues } from '#infra/local/engines/sqs.ts';
import { adultApplication, citizenFor, fundAdmin, clinic, insurer, mfcOperator } from '../support/applications.ts';
import { deployStepEvent, httpEvent, sqsEvent } from '../support/events.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { BenchPerson } from './cold-start-people.ts';
import { LambdaProcess, type Timing } from '../support/lambda-process.ts';
import { startLocalSecrets } from '../support/local-secrets.ts';

// This process runs handlers itself too (filing the people the changes are made to, in
// ./cold-start-people.ts): their logs and metrics would go to its stdout, where the tables go. Silenced
// before the logger loads (the support below loads it).
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const { ROOT, runtimeEnvironment, synthesize, synthesizedFunctions } = await import('../support/synthesized.ts');

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warm: { type: 'string', default: '10' },
    assembly: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const RUNS = Number(options.runs);
const WARM = Number(options.warm);
const OUT = join(ROOT, 'node_modules', '.cache', `cold-start-${process.pid}`);
const ASSEMBLY = options.assembly ?? join(OUT, 'assembly');
const TABLE = 'register-bench';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:lookup-key';
const LOOKUP_KEY = 's'.repeat(64);
const SIGNING_KEYS_ARN = 'arn:aws:secretsmanager:eu-central-1:000000000000:secret:barcode-signing-keys';
const EMPTY = 'empty handler';
const GET_ITEM = 'one GetItem (SDK)';
const REQUIRED_GET = 'one GetItem (SDK through require)';
const DOCUMENT_GET = 'one GetItem (DocumentClient, through require)';
const TRACED_GET = 'one GetItem (SDK through require, with Tracer)';

interface Target {
  name: string;
  dir: string;
  env: Record<string, string>;
  /** The i-th invocation's event, over the whole run. */
  event(i: number): unknown;
  /** Throws unless the answer is the one expected: an error path is never what is timed. */
  check(result: unknown, i: number): void;
}

/** One fresh process's figures, by the clock and in its own CPU time. */
interface Figures {
  importMs: number;
  firstMs: number;
  warmMs: number;
}
interface Sample {
  time: Figures;
  cpu: Figures;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The yardsticks, bundled exactly as the stack bundles a handler. */
async function bundleBaseline(file: string, dir: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'test/bench/baselines', file)],
    outfile: join(dir, 'index.mjs'),
    ...esbuildOptions(),
    logLevel: 'error',
  });
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  if (!options.assembly) {
    process.stderr.write('synthesizing the stack (npm run synth)...\n');
    synthesize(ASSEMBLY);
  }
  const [engine, sqs, secrets] = await Promise.all([startDynamoDbLocal({}), startQueues(queues, 'bench'), startLocalSecrets({ [SECRET_ARN]: LOOKUP_KEY, [SIGNING_KEYS_ARN]: JSON.stringify({ keys: [], placeholder: 'x' }) })]);
  const running: LambdaProcess[] = [];
  try {
    await ensureRegisterTable(engine.endpoint, TABLE);
    const endpoints = { dynamodb: engine.endpoint, sqs: sqs.endpoint, secretsManager: secrets.endpoint };
    const functions = synthesizedFunctions(ASSEMBLY, { table: TABLE, secretArn: SECRET_ARN, signingKeysArn: SIGNING_KEYS_ARN, queueUrl: (name) => sqs.queues[name]!.url });
    const memoryOf = (handler: string) => declaredHandlers().find((h) => h.handler === handler)?.memoryMb ?? 512;
    const environmentOf = (handler: string, dir: string, variables: Record<string, string>) => ({ ...runtimeEnvironment({ handler, dir }, memoryOf(handler), endpoints), ...variables });

    let started = 0;
    const profiler = (name: string) =>
      options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options['cpu-prof'])}`, `--cpu-prof-name=${name.replace(/\W+/g, '-')}-${++started}.cpuprofile`] : [];
    const start = (t: Pick<Target, 'dir' | 'env'> & { name?: string }) => {
      const p = new LambdaProcess(t.dir, t.env, profiler(t.name ?? 'seed'));
      running.push(p);
      return p;
    };
    const stop = async (p: LambdaProcess) => {
      await p.close();
      running.splice(running.indexOf(p), 1);
    };
    const fn = (handler: string) => {
      const f = functions.get(handler);
      if (!f) throw new Error(`${handler} is not in the synthesized template`);
      return { dir: f.dir, env: environmentOf(handler, f.dir, f.env) };
    };
    const status = (expected: number) => (result: unknown) => {
      const r = result as { statusCode?: number; body?: string };
      if (r?.statusCode !== expected) throw new Error(`expected ${expected}, got ${r?.statusCode}: ${r?.body}`);
    };

    // The catalogues' seed and the first barcode signing key, as a deploy makes them (the key's
    // private half goes to the signing keys' secret); then the record every read is about: one
    // person, filed and numbered before anything is timed.
    const seed = async () => {
      const loader = start(fn('catalogues/load-seed'));
      const loaded = await loader.invoke(deployStepEvent('Create', 'load-catalogue-seed', 'catalogue-seed'));
      if (!(Number(loaded?.Data?.loaded) > 0)) throw new Error(`the catalogues' seed was not loaded: ${JSON.stringify(loaded)}`);
      await stop(loader);
      const keyMaker = start(fn('signing/make-first-signing-key'));
      const made = await keyMaker.invoke(deployStepEvent('Create', 'make-first-signing-key', 'barcode-signing-keys'));
      if (made?.Data?.rotated !== 'true') throw new Error(`no first signing key: ${JSON.stringify(made)}`);
      await stop(keyMaker);
      const submit = start(fn('applications/submit-application'));
      const filed = await submit.invoke(httpEvent({ method: 'POST', path: '/applications', body: adultApplication(0), caller: citizenFor(0) }));
      status(201)(filed);
      await stop(submit);
      const { application } = JSON.parse(filed.body) as { application: { id: string; personId: string } };
      const assign = start(fn('numbering/assign-numbers'));
      const assigned = await assign.invoke(sqsEvent([JSON.stringify({ applicationId: application.id })]));
      if (assigned.batchItemFailures.length) throw new Error('the seed application got no number');
      await stop(assign);
      return application;
    };
    const subject = await seed();

    // A change that happens once to a person gets a person of its own at each invocation, over the
    // whole run (the warm-up round too): suspend, then resume, then terminate the same person
    // (each target after the one before, as assign-numbers numbers what submit-application filed);
    // likewise choose an insurer, then a clinic, then one of its doctors; and show the PIN (once
    // only), check it, then issue a new one. A move to another region has people of its own.
    const invocationsEach = (RUNS + 1) * (WARM + 1);
    process.stderr.write(`filing ${4 * invocationsEach} people for the changes...\n`);
    const { fileBenchPeople } = await import('./cold-start-people.ts');
    // Seeds after those of the run's own filings (1 to invocationsEach): other people, other documents.
    const group = (n: number) => ({ from: (n + 1) * invocationsEach + 1, count: invocationsEach });
    const people = await fileBenchPeople({ endpoint: engine.endpoint, table: TABLE, lookupKey: LOOKUP_KEY }, { now: [group(0), group(1), group(2)], ePolicy: [group(3)] });
    const [lifecycle, moving, choosing] = people.now as [BenchPerson[], BenchPerson[], BenchPerson[]];
    const [pinHolders] = people.ePolicy as [BenchPerson[]];

    // Every filing in the run is a new person; each is numbered by the next assign-numbers invocation
    // and verified by the clinic by its document (the per-person limit is never reached).
    const filed: string[] = [];
    const asAdmin = (path: string, params: Record<string, string>) => httpEvent({ path, pathParameters: params, caller: fundAdmin });
    // The subject's and the bench's people's region: its MFC reads what the fund does not, and makes the changes.
    const office = mfcOperator('77');
    const asOffice = (path: string, params: Record<string, string>) => httpEvent({ path, pathParameters: params, caller: office });
    const change = (method: string, path: (personId: string) => string, body?: unknown, caller: (p: BenchPerson) => Caller = () => office) => (p: BenchPerson) =>
      httpEvent({ method, path: path(p.personId), pathParameters: { personId: p.personId }, body, caller: caller(p) });
    const shownPins: string[] = [];
    const CARE = { date: '2025-01-15', clinicCode: '770101', kind: 'primary', diagnosisGroup: 'J00-J06' };
    const insurerOf = (p: BenchPerson): Caller => ({ subject: `insurer-${p.insurerId}`, roles: ['insurer'], insurerId: p.insurerId });
    const complaints: { complaintId: string; insurerId: string }[] = [];
    const withSetting = (variables: Record<string, string>, t: Target): Target => ({ ...t, env: { ...t.env, ...variables } });
    /** A change made once to each person: the i-th invocation over the whole run is about the i-th person. */
    const oncePerPerson = (handler: string, of: BenchPerson[], event: (person: BenchPerson, i: number) => unknown, check: Target['check']): Target => ({
      name: handler,
      ...fn(handler),
      event: (i) => {
        const person = of[i];
        if (!person) throw new Error(`no person filed for invocation ${i}`);
        return event(person, i);
      },
      check,
    });
    const dir = (name: string) => join(OUT, name.replace(/\W+/g, '-'));
    const targets: Target[] = [
      { name: EMPTY, dir: dir(EMPTY), env: environmentOf('baseline', dir(EMPTY), { ...COMMON_ENVIRONMENT, NODE_OPTIONS: '--enable-source-maps' }), event: () => ({}), check: status(200) },
      {
        name: GET_ITEM,
        dir: dir(GET_ITEM),
        env: environmentOf('baseline', dir(GET_ITEM), { ...COMMON_ENVIRONMENT, NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: TABLE }),
        event: () => keys.person(subject.personId),
        check: status(200),
      },
      {
        name: REQUIRED_GET,
        dir: dir(REQUIRED_GET),
        env: environmentOf('baseline', dir(REQUIRED_GET), { ...COMMON_ENVIRONMENT, NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: TABLE }),
        event: () => keys.person(subject.personId),
        check: status(200),
      },
      {
        name: DOCUMENT_GET,
        dir: dir(DOCUMENT_GET),
        env: environmentOf('baseline', dir(DOCUMENT_GET), { ...COMMON_ENVIRONMENT, NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: TABLE }),
        event: () => keys.person(subject.personId),
        check: status(200),
      },
      {
        name: TRACED_GET,
        dir: dir(TRACED_GET),
        env: environmentOf('baseline', dir(TRACED_GET), { ...COMMON_ENVIRONMENT, NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: TABLE }),
        event: () => keys.person(subject.personId),
        check: status(200),
      },
      {
        name: 'applications/submit-application',
        ...fn('applications/submit-application'),
        event: (i) =>
          httpEvent({ method: 'POST', path: '/applications', body: adultApplication(i + 1), caller: citizenFor(i + 1), headers: { 'idempotency-key': `bench-${i + 1}` } }),
        check: (result) => {
          status(201)(result);
          filed.push((JSON.parse((result as { body: string }).body) as { application: { id: string } }).application.id);
        },
      },
      {
        name: 'numbering/assign-numbers',
        ...fn('numbering/assign-numbers'),
        event: (i) => sqsEvent([JSON.stringify({ applicationId: filed[i] })]),
        check: (result) => {
          if ((result as { batchItemFailures: unknown[] }).batchItemFailures.length) throw new Error('a number was not assigned');
        },
      },
      { name: 'applications/get-application', ...fn('applications/get-application'), event: () => asAdmin(`/applications/${subject.id}`, { applicationId: subject.id }), check: status(200) },
      { name: 'persons/get-person', ...fn('persons/get-person'), event: () => asAdmin(`/persons/${subject.personId}`, { personId: subject.personId }), check: status(200) },
      { name: 'persons/get-policy', ...fn('persons/get-policy'), event: () => asAdmin(`/persons/${subject.personId}/policy`, { personId: subject.personId }), check: status(200) },
      { name: 'persons/get-audit', ...fn('persons/get-audit'), event: () => asAdmin(`/persons/${subject.personId}/audit`, { personId: subject.personId }), check: status(200) },
      {
        name: 'verifications/verify-policy',
        ...fn('verifications/verify-policy'),
        event: (i) => httpEvent({ method: 'POST', path: '/verifications', body: { document: adultApplication(i + 1).documents[0] }, caller: clinic }),
        check: status(200),
      },
      { name: 'persons/get-account', ...fn('persons/get-account'), event: () => asOffice(`/persons/${subject.personId}/account`, { personId: subject.personId }), check: status(200) },
      { name: 'persons/get-history', ...fn('persons/get-history'), event: () => asAdmin(`/persons/${subject.personId}/history`, { personId: subject.personId }), check: status(200) },
      // The image as a bare GET asks for it: PDF417, SVG.
      {
        name: 'barcodes/get-policy-barcode',
        ...fn('barcodes/get-policy-barcode'),
        event: () => asOffice(`/persons/${subject.personId}/policy/barcode`, { personId: subject.personId }),
        check: status(200),
      },
      { name: 'extracts/get-extract', ...fn('extracts/get-extract'), event: () => asOffice(`/persons/${subject.personId}/extract.pdf`, { personId: subject.personId }), check: status(200) },
      { name: 'signing/get-jwks', ...fn('signing/get-jwks'), event: () => httpEvent({ path: '/.well-known/jwks.json' }), check: status(200) },
      { name: 'openapi/get-document', ...fn('openapi/get-document'), event: () => httpEvent({ path: '/openapi.json' }), check: status(200) },
      // An office records new contacts for the subject, new ones at each invocation (a change each time, never "no change").
      {
        name: 'persons/change-person',
        ...fn('persons/change-person'),
        event: (i) => httpEvent({ method: 'PATCH', path: `/persons/${subject.personId}`, pathParameters: { personId: subject.personId }, body: { contact: { email: `bench-${i}@example.ru` } }, caller: office }),
        check: status(200),
      },
      oncePerPerson('policies/suspend-policy', lifecycle, change('POST', (id) => `/persons/${id}/policy/suspension`, { reason: 'stay_abroad' }), status(200)),
      oncePerPerson('policies/resume-policy', lifecycle, change('DELETE', (id) => `/persons/${id}/policy/suspension`), status(200)),
      oncePerPerson('policies/terminate-policy', lifecycle, change('POST', (id) => `/persons/${id}/policy/termination`, { reason: 'death' }), status(200)),
      oncePerPerson('persons/change-region', moving, change('POST', (id) => `/persons/${id}/region`, { region: '78' }), status(200)),
      // A change of insurer at will is taken until 1 November (INSURER_CHANGE_LAST_DAY): timed as
      // on a day it is taken, whatever day the bench runs (the same bundle, one setting more).
      withSetting({ INSURER_CHANGE_LAST_DAY: '12-31' }, oncePerPerson('choices/choose-insurer', choosing, (p) => change('POST', (id) => `/persons/${id}/insurer`, { insurerId: p.otherInsurerId })(p), status(200))),
      // The first clinic and the first doctor at it are not counted against the yearly limits.
      oncePerPerson('choices/choose-clinic', choosing, change('POST', (id) => `/persons/${id}/clinic`, { clinicCode: '770101' }), status(200)),
      oncePerPerson('choices/choose-doctor', choosing, change('POST', (id) => `/persons/${id}/doctor`, { doctorCode: '770101-01' }), status(200)),
      // A PIN is shown once, to its citizen; checked by them (only citizens check); then an office issues a new one.
      oncePerPerson('pins/show-pin', pinHolders, change('POST', (id) => `/persons/${id}/pin/reveal`, undefined, (p) => citizenFor(p.seed)), (result, i) => {
        status(200)(result);
        shownPins[i] = (JSON.parse((result as { body: string }).body) as { pin: string }).pin;
      }),
      oncePerPerson('pins/check-pin', pinHolders, (p, i) => change('POST', (id) => `/persons/${id}/pin/check`, { pin: shownPins[i] }, () => citizenFor(p.seed))(p), status(200)),
      oncePerPerson('pins/issue-pin', pinHolders, (p) => change('POST', (id) => `/persons/${id}/pin`, { document: adultApplication(p.seed).documents[0] })(p), status(201)),
      // Care: the person's own insurer reports an event (a new id each time), then a day's file of two; the fund reads the history.
      oncePerPerson('care/record-care-event', pinHolders, (p, i) => change('POST', (id) => `/persons/${id}/care-events`, { eventId: `bench-${i}`, ...CARE }, () => insurerOf(p))(p), status(201)),
      oncePerPerson('care/record-care-events', pinHolders, (p, i) =>
        httpEvent({ method: 'POST', path: '/care-events', body: { events: [1, 2].map((n) => ({ personId: p.personId, eventId: `bench-file-${i}-${n}`, ...CARE })) }, caller: insurerOf(p) }), status(200)),
      oncePerPerson('care/get-care-history', pinHolders, (p) => asAdmin(`/persons/${p.personId}/care-history`, { personId: p.personId }), status(200)),
      // Complaints: the subject files one at each invocation (a key of its own); its insurer lists its
      // open ones and takes the i-th in hand (each after the one before, as assign-numbers numbers
      // what submit-application filed); the subject's list and the fund's counts are reads.
      {
        name: 'complaints/file-complaint',
        ...fn('complaints/file-complaint'),
        event: (i) =>
          httpEvent({
            method: 'POST',
            path: `/persons/${subject.personId}/complaints`,
            pathParameters: { personId: subject.personId },
            headers: { 'idempotency-key': `bench-complaint-${i}` },
            body: { kind: 'no_appointment', clinicCode: '770101', incidentOn: '2026-01-15', text: 'Третью неделю не могу записаться к терапевту.' },
            caller: citizenFor(0),
          }),
        check: (result) => {
          status(201)(result);
          complaints.push(JSON.parse((result as { body: string }).body) as { complaintId: string; insurerId: string });
        },
      },
      {
        name: 'complaints/get-open-complaints',
        ...fn('complaints/get-open-complaints'),
        event: () => httpEvent({ path: '/complaints', caller: insurer(complaints[0]!.insurerId) }),
        check: status(200),
      },
      {
        name: 'complaints/change-complaint',
        ...fn('complaints/change-complaint'),
        event: (i) => {
          const c = complaints[i];
          if (!c) throw new Error(`no complaint filed for invocation ${i}`);
          const params = { personId: subject.personId, complaintId: c.complaintId };
          return httpEvent({ method: 'PATCH', path: `/persons/${params.personId}/complaints/${params.complaintId}`, pathParameters: params, body: { status: 'in_progress' }, caller: insurer(c.insurerId) });
        },
        check: status(200),
      },
      { name: 'complaints/get-person-complaints', ...fn('complaints/get-person-complaints'), event: () => asAdmin(`/persons/${subject.personId}/complaints`, { personId: subject.personId }), check: status(200) },
      { name: 'complaints/get-complaint-counts', ...fn('complaints/get-complaint-counts'), event: () => httpEvent({ path: '/complaints/overdue', caller: fundAdmin }), check: status(200) },
      ...catalogueTargets(fn, status),
      // Each invocation a birth of its own (the seed's person named as the parent), then the fund's list of the unmatched.
      {
        name: 'registry/apply-registry-events',
        ...fn('registry/apply-registry-events'),
        event: (i) => sqsEvent([JSON.stringify(benchBirth(i, adultApplication(0).person.snils!))]),
        check: (result) => {
          if ((result as { batchItemFailures: unknown[] }).batchItemFailures.length) throw new Error('a birth was not registered');
        },
      },
      { name: 'registry/get-unmatched', ...fn('registry/get-unmatched'), event: () => httpEvent({ path: '/registry/unmatched', caller: fundAdmin }), check: status(200) },
      // Nothing waits for the fund in the bench's register: the resolution finds no such event.
      {
        name: 'registry/resolve-unmatched',
        ...fn('registry/resolve-unmatched'),
        event: () => httpEvent({ method: 'POST', path: '/registry/unmatched/none/resolution', pathParameters: { eventId: 'none' }, body: { action: 'dismiss', reason: 'duplicate' }, caller: fundAdmin }),
        check: status(404),
      },
      {
        name: 'signing/make-first-signing-key',
        ...fn('signing/make-first-signing-key'),
        // Every deploy after the first: the key made then is not due for rotation, so none is made.
        event: () => deployStepEvent('Update', 'make-first-signing-key', 'barcode-signing-keys'),
        check: (result) => {
          if ((result as { Data?: { rotated?: string } }).Data?.rotated !== 'false') throw new Error(`unexpected answer ${JSON.stringify(result)}`);
        },
      },
      // Each schedule answers what it did (with the people above, little or nothing is due): counts, and whether the keys rotated.
      ...schedules.map(
        (s): Target => ({
          name: s.handler,
          ...fn(s.handler),
          event: () => scheduleInput(s.name),
          check: (result) => {
            const answer = result as Record<string, unknown> | null;
            const report = typeof answer === 'object' && answer !== null && !Array.isArray(answer) && !('errorMessage' in answer);
            if (!report || !Object.values(answer).every((v) => typeof v === 'number' || typeof v === 'boolean')) throw new Error(`unexpected answer ${JSON.stringify(result)}`);
          },
        }),
      ),
    ];
    const measured = new Set(targets.map((t) => t.name));
    const missing = declaredHandlers().filter((h) => !measured.has(h.handler));
    if (missing.length) throw new Error(`no benchmark event for ${missing.map((h) => h.handler).join(', ')}`);
    await bundleBaseline('empty-handler.ts', dir(EMPTY));
    await bundleBaseline('one-get-item.ts', dir(GET_ITEM));
    await bundleBaseline('one-required-get-item.ts', dir(REQUIRED_GET));
    await bundleBaseline('one-document-get.ts', dir(DOCUMENT_GET));
    await bundleBaseline('one-traced-get-item.ts', dir(TRACED_GET));

    const invocations = new Map<string, number>();
    const measure = async (t: Target): Promise<Sample> => {
      const p = start(t);
      const times: Timing[] = [];
      try {
        for (let n = 0; n <= WARM; n++) {
          const i = invocations.get(t.name) ?? 0;
          invocations.set(t.name, i + 1);
          const { result, timing } = await p.invokeTimed(t.event(i));
          t.check(result, i);
          times.push(timing);
        }
      } catch (error) {
        throw new Error(`${t.name}: ${(error as Error).message}\n${p.output.slice(-2000)}`);
      } finally {
        await stop(p);
      }
      const [first, ...warm] = times;
      return {
        time: { importMs: first!.importMs, firstMs: first!.invokeMs, warmMs: median(warm.map((x) => x.invokeMs)) },
        cpu: { importMs: first!.importCpuMs, firstMs: first!.invokeCpuMs, warmMs: median(warm.map((x) => x.invokeCpuMs)) },
      };
    };

    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round <= RUNS; round++) {
      process.stderr.write(round === 0 ? 'warming up...\n' : `round ${round} of ${RUNS}\n`);
      for (const t of targets) {
        const sample = await measure(t);
        if (round > 0) samples.get(t.name)!.push(sample);
      }
    }
    process.stdout.write(table(targets, samples));
  } finally {
    await Promise.all(running.map((p) => (p.stop(), p.exited)));
    await Promise.all([engine.stop(), sqs.stop(), secrets.stop()]);
    rmSync(OUT, { recursive: true, force: true });
  }
}

/**
 * The catalogue routes, each read as a citizen and each change written as the fund (every
 * invocation a new version), and the seed's deploy step run again as an update (all kept).
 */
/** A birth from the civil registry, its own event id and birth certificate for each invocation. */
function benchBirth(i: number, motherSnils: string) {
  return {
    eventId: `bench-birth-${i}`,
    kind: 'birth',
    registeredOn: '2026-11-23',
    child: { lastName: 'Петрова', firstName: 'Анна', birthDate: '2026-11-20', sex: 'female', birthCertificate: { type: 3, series: 'IV-МЮ', number: String(100_000 + i) } },
    mother: { snils: motherSnils },
  };
}

function catalogueTargets(fn: (handler: string) => Pick<Target, 'dir' | 'env'>, status: (expected: number) => Target['check']): Target[] {
  const seeded = (kind: string, scope: string) => seedDocuments().find((d) => d.kind === kind && d.scope === scope)!.data;
  const read = (handler: string, query?: Record<string, string>, params?: Record<string, string>): Target => ({
    name: handler,
    ...fn(handler),
    event: () => httpEvent({ path: '/catalogues', queryStringParameters: query, pathParameters: params, caller: citizenFor(0) }),
    check: status(200),
  });
  const change = (handler: string, body: unknown, query?: Record<string, string>, params?: Record<string, string>): Target => ({
    name: handler,
    ...fn(handler),
    event: () => httpEvent({ method: 'PUT', path: '/catalogues', body, queryStringParameters: query, pathParameters: params, caller: fundAdmin }),
    check: status(200),
  });
  return [
    read('catalogues/get-insurers', { region: '77' }),
    read('catalogues/get-clinics', { region: '77' }),
    read('catalogues/get-doctors', undefined, { code: '770101' }),
    read('catalogues/get-free-care', { region: '77' }),
    read('catalogues/get-regional-care', { region: '77' }),
    read('calendar/get-year', undefined, { year: '2026' }),
    change('catalogues/put-insurers', seeded('insurers', '77'), { region: '77' }),
    change('catalogues/put-clinics', seeded('clinics', '77'), { region: '77' }),
    change('catalogues/put-doctors', seeded('doctors', '770101'), undefined, { code: '770101' }),
    change('catalogues/put-free-care', seeded('free-care', 'RU')),
    change('catalogues/put-regional-care', seeded('regional-care', '77'), { region: '77' }),
    change('calendar/put-year', seeded('calendar', '2026'), undefined, { year: '2026' }),
    {
      name: 'catalogues/load-seed',
      ...fn('catalogues/load-seed'),
      event: () => deployStepEvent('Update', 'load-catalogue-seed', 'catalogue-seed'),
      check: (result) => {
        if ((result as { Data?: { loaded?: string } }).Data?.loaded !== '0') throw new Error(`unexpected answer ${JSON.stringify(result)}`);
      },
    },
  ];
}

function table(targets: Target[], samples: Map<string, Sample[]>): string {
  const of = (name: string, clock: keyof Sample) => {
    const s = samples.get(name)!.map((x) => x[clock]);
    return {
      importMs: median(s.map((x) => x.importMs)),
      firstMs: median(s.map((x) => x.firstMs)),
      coldMs: median(s.map((x) => x.importMs + x.firstMs)),
      warmMs: median(s.map((x) => x.warmMs)),
    };
  };
  const ms = (x: number) => (x < 1 ? x.toFixed(2) : x.toFixed(1));
  const ratio = (x: number, base: number) => `${(x / base).toFixed(x / base < 10 ? 2 : 0)}×`;
  const kb = (dir: string) => {
    const size = statSync(join(dir, 'index.mjs')).size / 1024;
    return size.toFixed(size < 10 ? 1 : 0);
  };
  const [empty, getItem, requiredGet] = [of(EMPTY, 'time'), of(GET_ITEM, 'time'), of(REQUIRED_GET, 'time')];
  const byTime = [
    '| bundle | KB | import ms | ×empty | ×GetItem | ×GetItem (require) | first call ms | ×empty | ×GetItem | import + first ms | ×GetItem | ×GetItem (require) | warm ms | ×empty | ×GetItem |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...targets.map((t) => {
      const f = of(t.name, 'time');
      return `| ${t.name} | ${kb(t.dir)} | ${ms(f.importMs)} | ${ratio(f.importMs, empty.importMs)} | ${ratio(f.importMs, getItem.importMs)} | ${ratio(f.importMs, requiredGet.importMs)} | ${ms(f.firstMs)} | ${ratio(f.firstMs, empty.firstMs)} | ${ratio(f.firstMs, getItem.firstMs)} | ${ms(f.coldMs)} | ${ratio(f.coldMs, getItem.coldMs)} | ${ratio(f.coldMs, requiredGet.coldMs)} | ${ms(f.warmMs)} | ${ratio(f.warmMs, empty.warmMs)} | ${ratio(f.warmMs, getItem.warmMs)} |`;
    }),
  ];
  const [cpuGetItem, cpuRequiredGet] = [of(GET_ITEM, 'cpu'), of(REQUIRED_GET, 'cpu')];
  const byCpu = [
    '| bundle | import CPU ms | ×GetItem | ×GetItem (require) | first call CPU ms | ×GetItem | import + first CPU ms | ×GetItem | ×GetItem (require) | warm CPU ms | ×GetItem |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...targets.map((t) => {
      const f = of(t.name, 'cpu');
      return `| ${t.name} | ${ms(f.importMs)} | ${ratio(f.importMs, cpuGetItem.importMs)} | ${ratio(f.importMs, cpuRequiredGet.importMs)} | ${ms(f.firstMs)} | ${ratio(f.firstMs, cpuGetItem.firstMs)} | ${ms(f.coldMs)} | ${ratio(f.coldMs, cpuGetItem.coldMs)} | ${ratio(f.coldMs, cpuRequiredGet.coldMs)} | ${ms(f.warmMs)} | ${ratio(f.warmMs, cpuGetItem.warmMs)} |`;
    }),
  ];
  const how = `Medians of ${RUNS} fresh processes per bundle (warm: the median of ${WARM} invocations in each), Node ${process.version}, ${availableParallelism()} CPUs; DynamoDB Local; reads as the fund administrator, or an MFC operator where the fund does not read (each writes its audit entry); changes by an MFC operator (the PIN shown and checked by its citizen), each to a person of its own.`;
  return [
    'By the clock, inside each function\'s process:',
    '',
    ...byTime,
    '',
    "The same, in the process's own CPU time (steadier when others share the machine; leaves out waiting for DynamoDB):",
    '',
    ...byCpu,
    '',
    how,
    '',
  ].join('\n');
}

await main();

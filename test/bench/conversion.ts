/**
 * Part of `npm run bench`: the conversion job's cost per temporary policy converted, against
 * DynamoDB Local: the time of a run converting a batch, and the items it reads and writes for each
 * policy with their request units (by AWS's rules, from the meter).
 */
// Before the logger and the SDK are loaded, hence the imports below.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { convertTemporaryPolicies, CONVERSIONS_PER_SHARD } = await import('#shared/services/lifecycle/conversion.ts');
const { WORK_SHARDS } = await import('#shared/store/keys.ts');
const { ensureRegisterTable } = await import('#infra/local/engines/dynamodb.ts');
const { benchRegister } = await import('../support/bench-register.ts');
const { fillRegister } = await import('../support/register-fill.ts');
const { totals } = await import('../support/request-units/meter.ts');

const DUE = 400;
const FILLED_AT = '2026-11-23T09:00:00.000Z';
const DUE_AT = '2026-12-22T21:00:00.000Z';
const RUN_AT = '2026-12-23T09:00:00.000Z';

const bench = await benchRegister();
const { engine, doc } = bench;

try {
  // Timed: a run converting DUE policies (a plain client; the meter reads around every write).
  await ensureRegisterTable(engine.endpoint, 'timed');
  await fillRegister(doc, 'timed', { from: 1, count: 50, at: FILLED_AT, convertAt: DUE_AT });
  await convertTemporaryPolicies(bench.depsOn(bench.client, 'timed', RUN_AT)); // warm-up: JIT, connections
  await fillRegister(doc, 'timed', { from: 100, count: DUE, at: FILLED_AT, convertAt: DUE_AT });
  const start = performance.now();
  const run = await convertTemporaryPolicies(bench.depsOn(bench.client, 'timed', RUN_AT));
  const ms = performance.now() - start;

  // Metered: one policy converted, in a register of its own.
  await ensureRegisterTable(engine.endpoint, 'metered');
  const meter = bench.meter('metered');
  await fillRegister(doc, 'metered', { from: 10_000, count: 1, at: FILLED_AT, convertAt: DUE_AT });
  meter.take();
  await convertTemporaryPolicies(bench.depsOn(bench.metered, 'metered', RUN_AT));
  const calls = meter.take();
  const units = totals(calls);
  // The due policy from the work index, then the person's records; one transaction writes.
  const itemsRead = calls.filter((c) => c.command.startsWith('Query')).reduce((n, c) => n + c.items, 0);
  const itemsWritten = calls.filter((c) => c.command.startsWith('TransactWriteItems')).reduce((n, c) => n + c.items, 0);
  process.stdout.write(
    [
      '',
      `Conversion job (DynamoDB Local, ${WORK_SHARDS} shards, at most ${CONVERSIONS_PER_SHARD} a shard a run):`,
      `| converted in one run | time | per policy | items read per policy | items written per policy | WRU / RRU of a run converting one (8 RRU of it: the ${WORK_SHARDS} shard queries) |`,
      '|---|---|---|---|---|---|',
      `| ${run.converted} | ${ms.toFixed(0)} ms | ${(ms / run.converted).toFixed(1)} ms | ${itemsRead} | ${itemsWritten} | ${units.writeUnits} / ${units.readUnits} |`,
      '',
    ].join('\n'),
  );
} finally {
  await bench.stop();
}

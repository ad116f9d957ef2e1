/**
 * Part of `npm run bench`: the yearly reset's cost per count cleared, against DynamoDB Local, and
 * that it follows the people who used a limit, not the register's size: two registers, 2,000 and
 * 20,000 people, each with 1,000 who changed their clinic this year, reset with a metered client.
 */
// Before the logger and the SDK are loaded, hence the imports below.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { resetYearlyCounts } = await import('#shared/services/choices/yearly-reset.ts');
const { ensureRegisterTable } = await import('#infra/local/engines/dynamodb.ts');
const { benchRegister } = await import('../support/bench-register.ts');
const { fillRegister } = await import('../support/register-fill.ts');
const { totals } = await import('../support/request-units/meter.ts');

const USED = 1_000;
const FILLED_AT = '2026-05-01T09:00:00.000Z';
const RESET_AT = '2026-12-31T21:00:00.000Z';
const RUN_AT = '2027-01-01T06:00:00.000Z';

const bench = await benchRegister();
const { engine, doc } = bench;

try {
  const rows: string[] = [];
  for (const size of [2_000, 20_000]) {
    const table = `reset-${size}`;
    await ensureRegisterTable(engine.endpoint, table);
    await fillRegister(doc, table, { from: 1, count: size, at: FILLED_AT, usedLimits: { count: USED, year: 2026, resetAt: RESET_AT } });
    const meter = bench.meter(table);
    meter.take();
    const start = performance.now();
    const run = await resetYearlyCounts(bench.depsOn(bench.metered, table, RUN_AT));
    const ms = performance.now() - start;
    const units = totals(meter.take());
    if (run.cleared !== USED) throw new Error(`cleared ${run.cleared} of ${USED}`);
    rows.push(`| ${size.toLocaleString('en')} | ${run.cleared} | ${units.writeUnits} / ${units.readUnits} | ${(units.writeUnits / run.cleared).toFixed(2)} / ${(units.readUnits / run.cleared).toFixed(3)} | ${ms.toFixed(0)} ms |`);
  }
  process.stdout.write(
    [
      '',
      'Yearly reset (DynamoDB Local, metered; the same 1,000 used counts in a small and a large register):',
      '| people in the register | counts cleared | WRU / RRU of the run | per count cleared | time |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  await bench.stop();
}

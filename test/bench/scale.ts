/**
 * `npm run bench:scale`: the jobs' time and units against a register of 0, 10,000 and 100,000
 * people in DynamoDB Local, with nothing due and with 500 applications due. A job reads only the
 * work index's due entries, so its time follows its due work, not the register's size.
 */
// Before the logger and the SDK are loaded, hence the imports below.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { assignNumber } = await import('#shared/services/numbering.ts');
const { requeueStalledApplications } = await import('#shared/services/stalled-applications.ts');
const { ensureRegisterTable } = await import('#infra/local/engines/dynamodb.ts');
const { benchRegister } = await import('../support/bench-register.ts');
const { fillRegister } = await import('../support/register-fill.ts');
const { totals } = await import('../support/request-units/meter.ts');

const SIZES = (process.env.SCALE_SIZES ?? "0,10000,100000").split(",").map(Number);
const DUE = 500;
const FILLED_AT = '2026-11-23T09:00:00.000Z';
const SWEPT_AT = '2026-11-23T10:00:00.000Z';
const TABLE = 'scale';

const bench = await benchRegister();
const { engine, doc } = bench;
// Timed runs go through a plain client; the meter (which reads around every write) has its own.
const meter = bench.meter(TABLE);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
const deps = bench.depsOn(bench.client, TABLE, SWEPT_AT);
const meteredDeps = bench.depsOn(bench.metered, TABLE, SWEPT_AT);

const rows: string[] = [];
try {
  await ensureRegisterTable(engine.endpoint, TABLE);
  // Warm-up (JIT, connections), not measured: a few applications through both jobs.
  for (const id of await fillRegister(doc, TABLE, { from: 2_000_000, count: 50, due: true, at: FILLED_AT })) {
    await requeueStalledApplications(deps);
    await assignNumber(deps, id);
  }
  let filled = 0;
  for (const size of SIZES) {
    const fillTime = await timed(() => fillRegister(doc, TABLE, { from: filled, count: size - filled, at: FILLED_AT }));
    filled = size;

    const idle = [];
    for (let i = 0; i < 7; i++) idle.push(await timed(() => requeueStalledApplications(deps)));
    await requeueStalledApplications(meteredDeps);
    const idleUnits = totals(meter.take()).readUnits;

    // Three rounds of due work, each a fresh batch of due applications swept and then numbered.
    const sweeps: number[] = [];
    const assigns: number[] = [];
    for (let round = 0; round < 3; round++) {
      const due = await fillRegister(doc, TABLE, { from: 1_000_000 + size + round * DUE, count: DUE, due: true, at: FILLED_AT });
      sweeps.push(await timed(() => requeueStalledApplications(deps)));
      const queue = [...due];
      assigns.push(
        await timed(() =>
          Promise.all(
            Array.from({ length: 8 }, async () => {
              for (let id = queue.shift(); id; id = queue.shift()) await assignNumber(deps, id);
            }),
          ),
        ),
      );
    }
    const sweep = median(sweeps);
    const assign = median(assigns);
    rows.push(`| ${size.toLocaleString('en')} | ${median(idle).toFixed(1)} ms, ${idleUnits} RRU | ${sweep.toFixed(0)} ms | ${(assign / DUE).toFixed(2)} ms | ${(fillTime / 1000).toFixed(0)} s |`);
    process.stderr.write(`${size} people done\n`);
  }
  process.stdout.write(
    [
      `| people in the register | sweep, nothing due (median of 7) | sweep, ${DUE} due (median of 3) | number assignment, per application (${DUE}, 8 at once; median of 3) | time to fill |`,
      '|---|---|---|---|---|',
      ...rows,
    ].join('\n') + '\n',
  );
} finally {
  await bench.stop();
}

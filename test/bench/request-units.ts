
/**
 * `npm run bench` (part): every route and job against DynamoDB Local with a meter on its client,
 * priced by AWS's rules; prints the README's cost table and fails when an operation exceeds its budget.
 */
// Before the logger and the SDK are loaded, hence the imports below.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startDynamoDbLocal } = await import('#infra/local/engines/dynamodb.ts');
const { measureOperations, unitsTable, withinBudget } = await import('../support/request-units/operations.ts');
const { costTable } = await import('../support/request-units/national-load.ts');
const engine = await startDynamoDbLocal({});
try {
  const measured = await measureOperations(engine.endpoint);
  process.stdout.write(`${unitsTable(measured)}\n\nAt the national load (test/support/request-units/national-load.ts):\n\n${costTable(measured)}\n`);
  const over = measured.filter((m) => !withinBudget(m));
  for (const m of over) process.stderr.write(`over budget: ${m.operation.name}: ${m.units.writeUnits} WRU / ${m.units.readUnits} RRU > ${m.operation.budget.writeUnits} / ${m.operation.budget.readUnits}\n`);
  process.exitCode = over.length > 0 ? 1 : 0;
} finally {
  await engine.stop();
}

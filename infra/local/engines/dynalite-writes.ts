import { createRequire } from 'node:module';
import { promisify } from 'node:util';

/**
 * The writes dynalite lacks, done with dynalite's own parts: TransactWriteItems, and the old item
 * on a failed condition (`ReturnValuesOnConditionCheckFailure: ALL_OLD`). Every request is parsed
 * by dynalite's validation of the matching single-item call, every condition is evaluated by its
 * evaluator (`checkConditional`), and every write is its own PutItem, UpdateItem or DeleteItem
 * action. What is ours is only what a transaction adds: all conditions are checked before anything
 * is written, the cancellation reasons come back in order, and a write that fails midway undoes
 * the earlier ones. Atomic against other requests because `dynalite.ts` runs one request at a time.
 */

const require = createRequire(import.meta.url);

type AttributeMap = Record<string, unknown>;
/** A request after dynalite's validation (with its parsed expressions). */
type Parsed = { TableName: string; Item?: AttributeMap; Key?: AttributeMap } & Record<string, unknown>;
/** dynalite's errors: an HTTP status and the JSON body DynamoDB would answer. */
export interface EngineError extends Error {
  statusCode?: number;
  body?: Record<string, unknown>;
}
type Callback<T> = (error: EngineError | null | undefined, value?: T) => void;
interface Table {
  KeySchema: { AttributeName: string }[];
}
/** dynalite's store (`db.create`): its tables and items. */
export interface Store {
  getTable(name: string, cb: Callback<Table>): void;
  getItemDb(name: string): { get(key: string, cb: Callback<AttributeMap>): void };
}
interface Db {
  create(options: object): Store;
  createKey(item: AttributeMap, table: Table): string;
  validateItem(item: AttributeMap, table: Table): EngineError | undefined;
  validateKey(key: AttributeMap, table: Table): EngineError | undefined;
  checkConditional(data: Parsed, existing: AttributeMap | undefined): EngineError | undefined;
  validationError(message: string): EngineError;
}
type Operation = 'putItem' | 'updateItem' | 'deleteItem';
type Action = (store: Store, data: Parsed, cb: Callback<AttributeMap>) => void;

// dynalite 4.0.0 (pinned) ships no types and documents no API beyond its server: these are its modules.
export const db = require('dynalite/db') as Db;
const validations = require('dynalite/validations') as {
  checkTypes(data: unknown, types: unknown): Parsed;
  checkValidations(data: Parsed, types: unknown, custom: unknown, store: Store): void;
};
const OPERATIONS: Operation[] = ['putItem', 'updateItem', 'deleteItem'];
const rules = Object.fromEntries(OPERATIONS.map((o) => [o, require(`dynalite/validations/${o}`) as { types: unknown; custom: unknown }]));
const actions = Object.fromEntries(OPERATIONS.map((o) => [o, promisify(require(`dynalite/actions/${o}`) as Action)])) as Record<
  Operation,
  (store: Store, data: Parsed) => Promise<AttributeMap>
>;

/** A request as dynalite's server would take it for `operation`: types checked, expressions parsed. */
function parse(store: Store, operation: Operation, params: unknown): Parsed {
  const data = validations.checkTypes(structuredClone(params), rules[operation]!.types);
  validations.checkValidations(data, rules[operation]!.types, rules[operation]!.custom, store);
  return data;
}

/** The item a request names, its table, and the item as stored now (undefined if none). */
async function target(store: Store, data: Parsed, whole: boolean) {
  const table = await promisify(store.getTable.bind(store))(data.TableName);
  const named = (whole ? data.Item : data.Key) ?? {};
  const invalid = whole ? db.validateItem(named, table!) : db.validateKey(named, table!);
  if (invalid) throw invalid;
  const key = db.createKey(named, table!);
  const itemDb = store.getItemDb(data.TableName);
  const stored = await new Promise<AttributeMap | undefined>((resolve, reject) =>
    itemDb.get(key, (error, item) => (error && error.name !== 'NotFoundError' ? reject(error) : resolve(error ? undefined : item))),
  );
  const keyOnly = Object.fromEntries(table!.KeySchema.map((k) => [k.AttributeName, named[k.AttributeName]]));
  return { id: `${data.TableName}/${key}`, keyOnly, stored };
}

const isConditionFailure = (error: unknown) => String((error as EngineError).body?.__type ?? '').endsWith('#ConditionalCheckFailedException');

/** PutItem, UpdateItem or DeleteItem by dynalite's action, with the old item when a condition fails and the caller asked for it. */
export async function singleWrite(store: Store, operation: Operation, params: Record<string, unknown>): Promise<AttributeMap> {
  const data = parse(store, operation, params);
  try {
    return await actions[operation](store, data);
  } catch (error) {
    if (params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && isConditionFailure(error)) {
      // Read after the refused write: nothing ran in between, and a refused write changes nothing.
      const { stored } = await target(store, data, operation === 'putItem');
      if (stored) (error as EngineError).body = { ...(error as EngineError).body, Item: stored };
    }
    throw error;
  }
}

const KINDS = { Put: 'putItem', Update: 'updateItem', Delete: 'deleteItem', ConditionCheck: 'deleteItem' } as const;
type Kind = keyof typeof KINDS;

function cancelled(reasons: { Code: string }[]): EngineError {
  const error: EngineError = new Error('Transaction cancelled');
  error.statusCode = 400;
  error.body = {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    CancellationReasons: reasons,
  };
  return error;
}

/** TransactWriteItems: all conditions first (each by dynalite), then every write, or none. */
export async function transactWriteItems(store: Store, input: { TransactItems?: Record<string, unknown>[] }): Promise<AttributeMap> {
  const requested = input.TransactItems;
  if (!Array.isArray(requested) || requested.length < 1 || requested.length > 100) {
    throw db.validationError('Member must have length less than or equal to 100 and greater than or equal to 1: TransactItems');
  }
  const seen = new Set<string>();
  const steps = [];
  for (const entry of requested) {
    const kinds = Object.keys(entry).filter((k): k is Kind => k in KINDS);
    if (kinds.length !== 1) throw db.validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    const kind = kinds[0]!;
    const params = entry[kind] as Record<string, unknown>;
    if (kind === 'ConditionCheck' && !params.ConditionExpression) throw db.validationError('ConditionCheck needs a ConditionExpression');
    const data = parse(store, KINDS[kind], params);
    const item = await target(store, data, kind === 'Put');
    if (seen.has(item.id)) throw db.validationError('Transaction request cannot include multiple operations on one item');
    seen.add(item.id);
    steps.push({ kind, data, ...item, oldOnFailure: params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' });
  }

  const reasons = steps.map((s) =>
    db.checkConditional(s.data, s.stored)
      ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(s.oldOnFailure && s.stored ? { Item: s.stored } : {}) }
      : { Code: 'None' },
  );
  if (reasons.some((r) => r.Code !== 'None')) throw cancelled(reasons);

  const done: typeof steps = [];
  try {
    for (const s of steps) {
      if (s.kind === 'ConditionCheck') continue;
      await actions[KINDS[s.kind]](store, s.data);
      done.push(s);
    }
  } catch (error) {
    // A write dynalite refused after the checks (e.g. a type mismatch in an update): undo the others.
    for (const s of done.reverse()) {
      if (s.stored) await actions.putItem(store, parse(store, 'putItem', { TableName: s.data.TableName, Item: s.stored }));
      else await actions.deleteItem(store, parse(store, 'deleteItem', { TableName: s.data.TableName, Key: s.keyOnly }));
    }
    throw error;
  }
  return {};
}

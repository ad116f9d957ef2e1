import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import itemSize from 'dyno-item-size';
import { REGISTER_TABLE } from '#shared/config/table.ts';

/**
 * Request units by AWS's rules, computed from the real items: DynamoDB Local reports consumed
 * capacity for single-item calls but not per item in a transaction, so the meter reads each item a
 * write touches before and after it (through a client of its own, not metered) and prices it.
 *
 * Rules (on-demand pricing, `README.md#cost`):
 * - write: 1 unit per started KB of the larger of the item before and after; a failed condition
 *   still costs the item's units; in a transaction, 2 per KB (a cancelled one: the prepare phase, 1);
 * - each global index the item is in before or after: 1 per KB of the index entry for a new,
 *   changed or removed entry, 2 when its index key moves (a delete and a put); never doubled; a
 *   keys-only index is written only when its keys change;
 * - read: per started 4 KB, half when eventually consistent, doubled in a transaction; a Query or
 *   Scan adds up its items and rounds once; a read that finds nothing still costs its minimum.
 */
export interface MeteredCall {
  command: string;
  /** Items the call wrote or read. */
  items: number;
  readUnits: number;
  writeUnits: number;
}

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };
const KB = 1024;
const INDEXES = REGISTER_TABLE.globalIndexes;

const keyOf = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));
const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / (4 * KB))) * (consistent ? 1 : 0.5);
/** Undefined attributes are never stored (the store's marshalling removes them). */
const defined = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(defined)
    : value && typeof value === 'object' && !(value instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, defined(v)]))
      : value;
const sizeOf = (item: Item | undefined) => (item ? itemSize(defined(item) as Item) : 0);

function changed(before: Item | undefined, after: Item | undefined): boolean {
  return JSON.stringify(before ?? null) !== JSON.stringify(after ?? null);
}

/** The entry an item makes in an index: the whole item, or (keys only) the table's and the index's keys. */
function indexEntry(index: (typeof INDEXES)[number], item: Item | undefined): Item | undefined {
  if (!item || item[index.partitionKey] === undefined || item[index.sortKey] === undefined) return undefined;
  if (index.projection === 'ALL') return item;
  return { pk: item.pk, sk: item.sk, [index.partitionKey]: item[index.partitionKey], [index.sortKey]: item[index.sortKey] };
}

/** Units for the global indexes one item change lands in: only an index whose entry changes is written. */
function indexUnits(before: Item | undefined, after: Item | undefined): number {
  let units = 0;
  for (const index of INDEXES) {
    const [old, next] = [indexEntry(index, before), indexEntry(index, after)];
    if (!changed(old, next)) continue;
    const moved = old && next && (old[index.partitionKey] !== next[index.partitionKey] || old[index.sortKey] !== next[index.sortKey]);
    if (moved) units += writeUnits(sizeOf(old)) + writeUnits(sizeOf(next));
    else units += writeUnits(Math.max(sizeOf(old), sizeOf(next)));
  }
  return units;
}

interface WriteTarget {
  key: Key;
  /** What a Put writes: known before the call. */
  put?: Item;
}

function writeTargets(command: string, input: Item): WriteTarget[] {
  switch (command) {
    case 'PutItemCommand':
      return [{ key: keyOf(input.Item as Item), put: input.Item as Item }];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [{ key: input.Key as Key }];
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as Item[]).map((t) => {
        if (t.Put) return { key: keyOf((t.Put as Item).Item as Item), put: (t.Put as Item).Item as Item };
        const op = (t.Update ?? t.Delete ?? t.ConditionCheck) as Item;
        return { key: op.Key as Key };
      });
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems as Record<string, Item[]>)
        .flat()
        .map((r) => (r.PutRequest ? { key: keyOf((r.PutRequest as Item).Item as Item), put: (r.PutRequest as Item).Item as Item } : { key: (r.DeleteRequest as Item).Key as Key }));
    default:
      return [];
  }
}

export class RequestUnitMeter {
  private calls: MeteredCall[] = [];
  private readonly peek: DynamoDBDocumentClient;

  /** `peekClient`: another client to the same engine, used to read items around writes. */
  constructor(
    private readonly tableName: string,
    peekClient: DynamoDBClient,
  ) {
    this.peek = DynamoDBDocumentClient.from(peekClient);
  }

  /** Meters every call made through `client` (and any document client built from it). */
  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = (context as { commandName?: string }).commandName ?? 'unknown';
        const input = args.input as Item;
        const targets = writeTargets(command, input);
        const before = await Promise.all(targets.map((t) => this.read(t.key)));
        let output: Item | undefined;
        let failed = false;
        try {
          const result = await next(args);
          output = result.output as unknown as Item;
          return result;
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          const after = failed ? before : await Promise.all(targets.map((t) => this.read(t.key)));
          this.calls.push(this.price(command, input, output, targets, before, after, failed));
        }
      },
      { step: 'serialize', priority: 'high', name: 'requestUnitMeter' },
    );
  }

  /** The calls metered since the last `take`, and a fresh start. */
  take(): MeteredCall[] {
    const calls = this.calls;
    this.calls = [];
    return calls;
  }

  private async read(key: Key): Promise<Item | undefined> {
    return (await this.peek.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }

  private price(command: string, input: Item, output: Item | undefined, targets: WriteTarget[], before: (Item | undefined)[], after: (Item | undefined)[], failed: boolean): MeteredCall {
    const name = command.replace(/Command$/, '');
    const consistent = input.ConsistentRead === true;
    switch (command) {
      case 'GetItemCommand':
        return { command: name, items: output?.Item ? 1 : 0, readUnits: readUnits(sizeOf(output?.Item as Item), consistent), writeUnits: 0 };
      case 'QueryCommand':
      case 'ScanCommand': {
        const items = (output?.Items as Item[] | undefined) ?? [];
        return { command: name, items: items.length, readUnits: readUnits(items.reduce((s, i) => s + sizeOf(i), 0), consistent), writeUnits: 0 };
      }
      case 'BatchGetItemCommand': {
        const items = Object.values((output?.Responses as Record<string, Item[]>) ?? {}).flat();
        return { command: name, items: items.length, readUnits: items.reduce((s, i) => s + readUnits(sizeOf(i), false), 0), writeUnits: 0 };
      }
      case 'TransactGetItemsCommand': {
        const items = ((output?.Responses as { Item?: Item }[]) ?? []).map((r) => r.Item);
        return { command: name, items: items.length, readUnits: items.reduce((s, i) => s + 2 * readUnits(sizeOf(i), true), 0), writeUnits: 0 };
      }
    }
    const transactional = command === 'TransactWriteItemsCommand';
    const factor = transactional ? (failed ? 1 : 2) : 1;
    let units = 0;
    targets.forEach((t, i) => {
      const largest = Math.max(sizeOf(before[i]), sizeOf(after[i]), sizeOf(t.put));
      units += factor * writeUnits(largest) + indexUnits(before[i], after[i]);
    });
    return { command: name, items: targets.length, readUnits: 0, writeUnits: units };
  }
}

/** Sums of a list of calls. */
export function totals(calls: MeteredCall[]): { readUnits: number; writeUnits: number } {
  return { readUnits: calls.reduce((s, c) => s + c.readUnits, 0), writeUnits: calls.reduce((s, c) => s + c.writeUnits, 0) };
}

/** `GetItem ×2, TransactWriteItems(10)` */
export function describeCalls(calls: MeteredCall[]): string {
  const counts = new Map<string, number>();
  for (const c of calls) {
    const label = c.command.startsWith('Transact') || c.command.startsWith('Batch') ? `${c.command}(${c.items})` : c.command;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join(', ') || 'none';
}

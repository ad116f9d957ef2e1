import { ConditionalCheckFailedException, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBClient } from '../aws/dynamodb.ts';
import type { RegistryEvent, RegistryEventKind, RegistryOutcome } from '../schemas/registry-events.ts';
import { NOT_YET, strip as stripKeys, transactWrite } from './items.ts';
import { keys } from './keys.ts';

/** What the register remembers of each civil-registry event, by the sender's id: what became of it, never its contents. */
export interface RegistryEventRecord {
  eventId: string;
  kind: RegistryEventKind;
  receivedAt: string;
  outcome: RegistryOutcome;
  /** The person it was applied to (or registered, for a birth). */
  personId?: string;
  /** Why it was refused, changed nothing or was dismissed: a stable code. */
  code?: string;
  /** An event the fund resolved: when, and who (the subject of the fund administrator). */
  resolvedAt?: string;
  resolvedBy?: string;
}

/** An event that named nobody, or two people: kept whole (it holds personal data) until the fund resolves it. */
export interface UnmatchedEventRecord {
  eventId: string;
  kind: RegistryEventKind;
  receivedAt: string;
  outcome: 'unmatched' | 'ambiguous';
  candidates: string[];
  event: RegistryEvent;
}

export const registryEventItem = (r: RegistryEventRecord) => ({ ...keys.registryEvent(r.eventId), type: 'registry-event', ...r });

/** The civil-registry events' records: one per event id, and the unmatched ones waiting for the fund. */
export interface RegistryStore {
  getEvent(eventId: string): Promise<RegistryEventRecord | undefined>;
  /** Records what became of an event; false when it was recorded already (a repeated delivery). */
  recordEvent(record: RegistryEventRecord): Promise<boolean>;
  /** Records the event as unmatched and keeps it for the fund, both or neither; false when recorded already. */
  park(record: UnmatchedEventRecord): Promise<boolean>;
  /** The unmatched events, oldest first; `cursor` continues where the previous page ended. */
  listUnmatched(limit: number, cursor?: string): Promise<{ items: UnmatchedEventRecord[]; cursor?: string }>;
  /** An event still waiting for the fund, by its id. */
  getUnmatched(eventId: string): Promise<UnmatchedEventRecord | undefined>;
  /**
   * Takes an event on the list for one resolution: false while another holds it (since after
   * `staleBefore`: one that died holding it is let go then).
   */
  claim(kept: UnmatchedEventRecord, at: string, staleBefore: string): Promise<boolean>;
  /** Lets a claimed event go again (its resolution was refused). */
  release(kept: UnmatchedEventRecord): Promise<void>;
  /** Records the fund's resolution and takes the event off the list, both or neither; false when it was resolved meanwhile. */
  resolve(kept: UnmatchedEventRecord, resolution: Pick<RegistryEventRecord, 'outcome' | 'personId' | 'code' | 'resolvedAt' | 'resolvedBy'>): Promise<boolean>;
}


export class DynamoDbRegistryStore implements RegistryStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async getEvent(eventId: string): Promise<RegistryEventRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.registryEvent(eventId), ConsistentRead: true }));
    return out.Item && strip<RegistryEventRecord>(out.Item);
  }

  async recordEvent(record: RegistryEventRecord): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: registryEventItem(record), ConditionExpression: NOT_YET }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async park(record: UnmatchedEventRecord): Promise<boolean> {
    const { event: _kept, candidates: _named, ...outcome } = record;
    const reasons = await transactWrite(this.doc, [
      { Put: { TableName: this.tableName, Item: registryEventItem(outcome), ConditionExpression: NOT_YET } },
      { Put: { TableName: this.tableName, Item: { ...keys.unmatched(record.receivedAt, record.eventId), type: 'registry-unmatched', ...record } } },
    ]);
    if (!reasons) return true;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    throw new Error(`registry event not kept: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async getUnmatched(eventId: string): Promise<UnmatchedEventRecord | undefined> {
    const recorded = await this.getEvent(eventId);
    if (!recorded || (recorded.outcome !== 'unmatched' && recorded.outcome !== 'ambiguous')) return undefined;
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.unmatched(recorded.receivedAt, eventId), ConsistentRead: true }));
    return out.Item && strip<UnmatchedEventRecord>(out.Item);
  }

  async claim(kept: UnmatchedEventRecord, at: string, staleBefore: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.unmatched(kept.receivedAt, kept.eventId),
          UpdateExpression: 'SET claimedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(claimedAt) OR claimedAt < :stale)',
          ExpressionAttributeValues: { ':at': at, ':stale': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(kept: UnmatchedEventRecord): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.tableName, Key: keys.unmatched(kept.receivedAt, kept.eventId), UpdateExpression: 'REMOVE claimedAt', ConditionExpression: 'attribute_exists(pk)' }),
    ).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  async resolve(kept: UnmatchedEventRecord, resolution: Pick<RegistryEventRecord, 'outcome' | 'personId' | 'code' | 'resolvedAt' | 'resolvedBy'>): Promise<boolean> {
    const record: RegistryEventRecord = { eventId: kept.eventId, kind: kept.kind, receivedAt: kept.receivedAt, ...resolution };
    const reasons = await transactWrite(this.doc, [
      {
        Put: {
          TableName: this.tableName,
          Item: registryEventItem(record),
          // Resolved once: two resolutions racing, one is told it came too late.
          ConditionExpression: 'outcome IN (:unmatched, :ambiguous)',
          ExpressionAttributeValues: { ':unmatched': 'unmatched', ':ambiguous': 'ambiguous' },
        },
      },
      { Delete: { TableName: this.tableName, Key: keys.unmatched(kept.receivedAt, kept.eventId), ConditionExpression: 'attribute_exists(pk)' } },
    ]);
    if (!reasons) return true;
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
    throw new Error(`registry event not resolved: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async listUnmatched(limit: number, cursor?: string): Promise<{ items: UnmatchedEventRecord[]; cursor?: string }> {
    const pk = keys.unmatchedPartition;
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: { pk, sk: cursor } } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => strip<UnmatchedEventRecord>(i)),
      ...(out.LastEvaluatedKey ? { cursor: String(out.LastEvaluatedKey.sk) } : {}),
    };
  }
}

export const dynamoDbRegistry = (client: DynamoDBClient, tableName: string): RegistryStore => new DynamoDbRegistryStore(client, tableName);

/** A record without the table's keys, nor a resolution's hold on it. */
function strip<T>(item: Record<string, unknown>): T {
  const { claimedAt: _held, ...rest } = stripKeys<Record<string, unknown>>(item)!;
  return rest as T;
}

import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { RegistryEvent, RegistryEventKind, RegistryOutcome } from '../schemas/registry-events.ts';
import { keys } from './keys.ts';

/** What the register remembers of each civil-registry event, by the sender's id: what became of it, never its contents. */
export interface RegistryEventRecord {
  eventId: string;
  kind: RegistryEventKind;
  receivedAt: string;
  outcome: RegistryOutcome;
  /** The person it was applied to (or registered, for a birth). */
  personId?: string;
  /** Why it was refused or changed nothing: a stable code. */
  code?: string;
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
}

const NOT_YET = 'attribute_not_exists(pk)';

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
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: registryEventItem(outcome), ConditionExpression: NOT_YET } },
            { Put: { TableName: this.tableName, Item: { ...keys.unmatched(record.receivedAt, record.eventId), type: 'registry-unmatched', ...record } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
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

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as T;
}

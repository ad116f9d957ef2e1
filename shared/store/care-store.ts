import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, unmarshall } from '../aws/dynamodb.ts';
import type { CareFacts } from '../domain/care/care-rules.ts';
import { auditItem, strip as stripKeys, transactWrite, type TransactItem } from './items.ts';
import { keys } from './keys.ts';
import type { AuditRecord, EventRecord, PersonRecord } from './records.ts';

/**
 * One request for medical help in the person's chronology, as an insurer reported it: coded facts
 * only (`shared/domain/care/care-rules.ts`), stamped with the insurer that insured the person on
 * its date and reported it. Never free text, never names.
 */
export interface CareEventRecord extends CareFacts {
  careId: string;
  personId: string;
  /** The catalogue version the clinic code was found in, so that the code keeps its meaning. */
  clinicCatalogueVersion: number;
  insurerId: string;
  /** The insurer's own id of the event: its idempotency key. */
  insurerEventId: string;
  recordedAt: string;
}

/** What the lookup of an insurer's event id remembers: enough to answer a repeat, not the diagnosis. */
export interface CareEventIdRecord {
  personId: string;
  careId: string;
  date: string;
  recordedAt: string;
  clinicCatalogueVersion: number;
  /** Of the request's facts and person: a repeat with other facts is a conflict. */
  fingerprint: string;
}

export interface CareWrite {
  event: CareEventRecord;
  /** Keyed hash of (insurer, its event id). */
  idHash: string;
  fingerprint: string;
  audit: AuditRecord;
}

export type CareWriteOutcome = { kind: 'created' } | { kind: 'exists'; existing: CareEventIdRecord };

/** What a care event is decided on: the person, and their history entries that changed the insurer. */
export interface CareContext {
  person?: PersonRecord;
  insurerChanges: EventRecord[];
}

/** The care history's storage port (keys: `keys.ts`). */
export interface CareStore {
  careContext(personId: string): Promise<CareContext>;
  /** The event, its id's lookup and its audit entry, all or nothing; `exists` when the insurer's id was used already. */
  recordCare(write: CareWrite): Promise<CareWriteOutcome>;
  /** What an insurer's event id was used for, if it was (strongly consistent). */
  findCareEventId(idHash: string): Promise<CareEventIdRecord | undefined>;
  /**
   * A page of the person's care events, newest date first; with `insurerId`, only those stamped
   * with it (a filtered Query: it reads on until it has `limit` of them or the history ends).
   */
  listCare(personId: string, limit: number, cursor?: string, insurerId?: string): Promise<{ items: CareEventRecord[]; cursor?: string }>;
}

const strip = <T>(item: Record<string, unknown>): T => stripKeys<T>(item)!;

export class DynamoDbCareStore implements CareStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async careContext(personId: string): Promise<CareContext> {
    const { pk, sk: personSk } = keys.person(personId);
    const { from, to } = keys.historyAndPerson;
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    // A person's history is a few dozen small entries: one page in practice.
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          // Keys cannot be filtered on: the person item is known by its type.
          FilterExpression: '#type = :person OR attribute_exists(changes.insurerId)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to, ':person': 'person' },
          ScanIndexForward: false,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    const person = items.find((i) => i.sk === personSk);
    return {
      ...(person ? { person: strip<PersonRecord>(person) } : {}),
      insurerChanges: items.filter((i) => i.sk !== personSk).map((i) => strip<EventRecord>(i)),
    };
  }

  async recordCare({ event, idHash, fingerprint, audit }: CareWrite): Promise<CareWriteOutcome> {
    const lookup: CareEventIdRecord = { personId: event.personId, careId: event.careId, date: event.date, recordedAt: event.recordedAt, clinicCatalogueVersion: event.clinicCatalogueVersion, fingerprint };
    const items: TransactItem[] = [
      // First: its cancellation reason says whether the id was used.
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.careEventId(idHash), type: 'care-event-id', ...lookup },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.tableName, Item: { ...keys.care(event.personId, event.date, event.careId), type: 'care', ...event } } },
      { Put: { TableName: this.tableName, Item: auditItem(audit) } },
    ];
    // Twenty repeats at once: the others' transactions conflict with the first until it lands (retried), then find its id.
    const reasons = await transactWrite(this.doc, items);
    if (!reasons) return { kind: 'created' };
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      const existing = reasons[0].Item ? strip<CareEventIdRecord>(unmarshall(reasons[0].Item as Parameters<typeof unmarshall>[0])) : await this.findCareEventId(idHash);
      if (existing) return { kind: 'exists', existing };
    }
    throw new Error(`care event not written: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async findCareEventId(idHash: string): Promise<CareEventIdRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.careEventId(idHash), ConsistentRead: true }));
    return out.Item && strip<CareEventIdRecord>(out.Item);
  }

  async listCare(personId: string, limit: number, cursor?: string, insurerId?: string): Promise<{ items: CareEventRecord[]; cursor?: string }> {
    const { pk } = keys.person(personId);
    const items: CareEventRecord[] = [];
    let after = cursor;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...(insurerId ? { FilterExpression: 'insurerId = :insurer' } : {}),
          ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.carePrefix, ...(insurerId ? { ':insurer': insurerId } : {}) },
          ScanIndexForward: false,
          // Never more read than the page still needs: the page ends exactly where the next begins.
          Limit: limit - items.length,
          ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
        }),
      );
      items.push(...(out.Items ?? []).map((i) => strip<CareEventRecord>(i)));
      after = out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : undefined;
    } while (after !== undefined && items.length < limit);
    return { items, ...(after !== undefined ? { cursor: after } : {}) };
  }
}

/** The store over the register's table, as a care function hands it over (`provide({ care: dynamoDbCareStore })`). */
export const dynamoDbCareStore = (client: DynamoDBClient, tableName: string): CareStore => new DynamoDbCareStore(client, tableName);

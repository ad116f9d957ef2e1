import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, unmarshall } from '../aws/dynamodb.ts';
import { REGISTER_TABLE } from '../config/table.ts';
import type { ComplaintKind, ComplaintStatus, ForwardBody } from '../domain/complaints/complaint-rules.ts';
import { auditItem, eventItem, strip as stripKeys, transactWrite, type TransactItem } from './items.ts';
import { keys } from './keys.ts';
import type { Actor, AuditRecord, Channel, EventRecord } from './records.ts';

/**
 * A complaint, kept in its person's partition (keys: `keys.ts`). `text` and `answer.text` are
 * personal data: never logged, never in a key or an index, read by the person, the insurer it was
 * routed to and the fund only.
 */
export interface ComplaintRecord {
  complaintId: string;
  personId: string;
  /** The person's region at filing, for the fund's counts. */
  region: string;
  /** The insurer it was routed to: the person's insurer at filing (it stays there if the person changes insurer). */
  insurerId: string;
  kind: ComplaintKind;
  clinicCode: string;
  /** The clinics catalogue version the code was checked against. */
  clinicCatalogueVersion: number;
  /** The day of the incident, in the region's calendar. */
  incidentOn: string;
  text: string;
  status: ComplaintStatus;
  receivedAt: string;
  dueAt: string;
  channel: Channel;
  filedBy: Actor;
  /** Counts the complaint's changes: each is written on the condition that it is still at the version read. */
  version: number;
  takenAt?: string;
  /** Set once by the overdue job: the instant it found the complaint open past its due instant. */
  overdueAt?: string;
  answer?: { text: string; at: string; by: Actor };
  forwardedTo?: ForwardBody;
  closedAt?: string;
}

/** An insurer's complaint counts in a region, kept exact by the transactions that change them. */
export interface ComplaintCount {
  insurerId: string;
  region: string;
  open: number;
  overdue: number;
}

export interface ComplaintFiling {
  complaint: ComplaintRecord;
  event: EventRecord;
  audit?: AuditRecord;
  /** The Idempotency-Key's hash (scoped to the person) and the request's fingerprint. */
  request: { hash: string; fingerprint: string; expiresAt: number };
}

export type FilingOutcome = { kind: 'filed' } | { kind: 'replayed'; complaintId: string; fingerprint: string };

/** A status change decided on `expectedVersion`: the new record, its history entry and audit entry. */
export interface ComplaintChange {
  complaint: ComplaintRecord;
  expectedVersion: number;
  event?: EventRecord;
  audit?: AuditRecord;
}

/** The complaints' storage port. */
export interface ComplaintStore {
  file(filing: ComplaintFiling): Promise<FilingOutcome>;
  get(personId: string, complaintId: string, consistent?: boolean): Promise<ComplaintRecord | undefined>;
  /** A person's complaints, newest first. */
  listForPerson(personId: string, limit: number, after?: string): Promise<{ items: ComplaintRecord[]; cursor?: string }>;
  /** An insurer's open complaints, oldest first. */
  listOpen(insurerId: string, limit: number, after?: string): Promise<{ items: ComplaintRecord[]; cursor?: string }>;
  /** Writes a change if the complaint is still at `expectedVersion`. */
  change(change: ComplaintChange): Promise<'applied' | 'version-conflict'>;
  /** Open complaints past due and not yet flagged, in a shard of the work index, oldest due first. */
  listDue(shard: number, until: string, limit: number): Promise<ComplaintRecord[]>;
  /** Flags an open complaint overdue once (false: flagged already, or closed meanwhile), with its history entry. */
  flagOverdue(complaint: ComplaintRecord, at: string, event: EventRecord): Promise<boolean>;
  /** Every insurer's counts in every region, in one Query. */
  counts(): Promise<ComplaintCount[]>;
}

const [WORK_INDEX, INSURED_INDEX] = REGISTER_TABLE.globalIndexes;
const OPEN = { ':received': 'received', ':inProgress': 'in_progress' };
const IS_OPEN = '#status IN (:received, :inProgress)';

const strip = (item: Record<string, unknown>): ComplaintRecord => stripKeys<ComplaintRecord>(item)!;

/** A complaint's item: in the insurer's open list while open, in the overdue job's work while open and not flagged. */
export function complaintItem(c: ComplaintRecord): Record<string, unknown> {
  const open = c.status === 'received' || c.status === 'in_progress';
  return {
    ...keys.complaint(c.personId, c.complaintId),
    type: 'complaint',
    ...c,
    ...(open ? keys.openComplaint(c.insurerId, c.receivedAt, c.complaintId) : {}),
    ...(open && !c.overdueAt ? keys.workDue('COMPLAINT', c.complaintId, c.dueAt) : {}),
  };
}

export class DynamoDbComplaintStore implements ComplaintStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async file({ complaint, event, audit, request }: ComplaintFiling): Promise<FilingOutcome> {
    const items: TransactItem[] = [
      {
        // The key first: a retry finds it and is answered with the first filing.
        Put: {
          TableName: this.tableName,
          Item: { ...keys.complaintRequest(complaint.personId, request.hash), type: 'complaint-key', complaintId: complaint.complaintId, fingerprint: request.fingerprint, expiresAt: request.expiresAt },
          // An expired record TTL has not swept yet counts as absent.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(Date.parse(complaint.receivedAt) / 1000) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.tableName, Item: complaintItem(complaint), ConditionExpression: 'attribute_not_exists(pk)' } },
      this.count(complaint, { open: 1 }),
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
    ];
    if (audit) items.push({ Put: { TableName: this.tableName, Item: auditItem(audit) } });
    const reasons = await transactWrite(this.doc, items);
    if (!reasons) return { kind: 'filed' };
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      const old = reasons[0].Item
        ? unmarshall(reasons[0].Item as Parameters<typeof unmarshall>[0])
        : (await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.complaintRequest(complaint.personId, request.hash), ConsistentRead: true }))).Item;
      if (old) return { kind: 'replayed', complaintId: String(old.complaintId), fingerprint: String(old.fingerprint) };
    }
    throw new Error(`complaint filing cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async get(personId: string, complaintId: string, consistent = false): Promise<ComplaintRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.complaint(personId, complaintId), ...(consistent ? { ConsistentRead: true } : {}) }));
    return out.Item && strip(out.Item);
  }

  async listForPerson(personId: string, limit: number, after?: string): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    const { pk } = keys.person(personId);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.complaintPrefix },
        ScanIndexForward: false,
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
      }),
    );
    return { items: (out.Items ?? []).map(strip), ...(out.LastEvaluatedKey ? { cursor: String(out.LastEvaluatedKey.sk) } : {}) };
  }

  /**
   * One Query of the insurer's keys-only partition of the "insured by" index, then one BatchGetItem
   * of the page's complaints (eventually consistent, like the index itself).
   */
  async listOpen(insurerId: string, limit: number, after?: string): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    const gsi2pk = keys.openComplaints(insurerId);
    // The cursor is the last entry's index key and its person: `<gsi2sk>|<personId>`.
    const [afterSk, afterPerson] = after?.split('|') ?? [];
    const start = afterSk && afterPerson ? { gsi2pk, gsi2sk: afterSk, ...keys.complaint(afterPerson, afterSk.slice(afterSk.lastIndexOf('#') + 1)) } : undefined;
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INSURED_INDEX.indexName,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': gsi2pk },
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const found = page.Items ?? [];
    const last = page.LastEvaluatedKey;
    const cursor = last ? `${String(last.gsi2sk)}|${String(last.pk).slice('PERSON#'.length)}` : undefined;
    const items = await this.batchGet(found.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
    // The index is eventually consistent: a complaint closed a moment ago may still be listed there; its item says so.
    const byKey = new Map(items.map((c) => [c.complaintId, c]));
    const ordered = found.map((i) => byKey.get(String(i.sk).slice(keys.complaintPrefix.length))).filter((c): c is ComplaintRecord => c !== undefined && (c.status === 'received' || c.status === 'in_progress'));
    return { items: ordered, ...(cursor ? { cursor } : {}) };
  }

  private async batchGet(wanted: { pk: string; sk: string }[]): Promise<ComplaintRecord[]> {
    const got: ComplaintRecord[] = [];
    let keysLeft = wanted;
    for (let round = 0; keysLeft.length > 0; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(round, 5)));
      const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keysLeft } } }));
      got.push(...(out.Responses?.[this.tableName] ?? []).map(strip));
      keysLeft = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as { pk: string; sk: string }[];
      if (round > 8 && keysLeft.length > 0) throw new Error('complaints page: keys left unprocessed');
    }
    return got;
  }

  async change({ complaint, expectedVersion, event, audit }: ComplaintChange): Promise<'applied' | 'version-conflict'> {
    const closing = complaint.status === 'answered' || complaint.status === 'forwarded';
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: complaintItem(complaint),
          ConditionExpression: `version = :expected AND ${IS_OPEN}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ...OPEN },
        },
      },
    ];
    // Closing takes it off the insurer's open count, and off the overdue count if it was flagged (as read at `expectedVersion`).
    if (closing) items.push(this.count(complaint, { open: -1, overdue: complaint.overdueAt ? -1 : 0 }));
    if (event) items.push({ Put: { TableName: this.tableName, Item: eventItem(event) } });
    if (audit) items.push({ Put: { TableName: this.tableName, Item: auditItem(audit) } });
    const reasons = await transactWrite(this.doc, items);
    if (!reasons) return 'applied';
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'version-conflict';
    throw new Error(`complaint change cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async listDue(shard: number, until: string, limit: number): Promise<ComplaintRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: WORK_INDEX.indexName,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :until',
        ExpressionAttributeValues: { ':p': keys.workPartition('COMPLAINT', shard), ':until': until },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(strip);
  }

  async flagOverdue(complaint: ComplaintRecord, at: string, event: EventRecord): Promise<boolean> {
    const reasons = await transactWrite(this.doc, [
      {
        // Once: only while the job's keys are on it (flagging removes them) and it is open. It
        // counts as a change (the version moves), so an answer decided before it is decided again
        // and takes the overdue count down with it.
        Update: {
          TableName: this.tableName,
          Key: keys.complaint(complaint.personId, complaint.complaintId),
          UpdateExpression: 'SET overdueAt = :at, version = version + :one REMOVE gsi1pk, gsi1sk',
          ConditionExpression: `attribute_exists(gsi1pk) AND attribute_not_exists(overdueAt) AND ${IS_OPEN}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at, ':one': 1, ...OPEN },
        },
      },
      this.count(complaint, { overdue: 1 }),
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
    ]);
    if (!reasons) return true;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
    throw new Error(`overdue flag cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async counts(): Promise<ComplaintCount[]> {
    const counts: ComplaintCount[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.complaintCounts },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const i of out.Items ?? []) counts.push({ insurerId: String(i.insurerId), region: String(i.region), open: Number(i.open ?? 0), overdue: Number(i.overdue ?? 0) });
      start = out.LastEvaluatedKey;
    } while (start);
    return counts;
  }

  /** Adds to an insurer's counts in a region (made on first use). */
  private count(c: Pick<ComplaintRecord, 'insurerId' | 'region'>, by: { open?: number; overdue?: number }): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.complaintCount(c.insurerId, c.region),
        UpdateExpression: 'SET insurerId = :insurer, #region = :region, #type = :type ADD #open :open, overdue :overdue',
        ExpressionAttributeNames: { '#region': 'region', '#type': 'type', '#open': 'open' },
        ExpressionAttributeValues: { ':insurer': c.insurerId, ':region': c.region, ':type': 'complaint-count', ':open': by.open ?? 0, ':overdue': by.overdue ?? 0 },
      },
    };
  }

}

/** The store as the complaint functions hand it over (`provide({ complaints: dynamoDbComplaints })`): no other bundle carries it. */
export const dynamoDbComplaints = (client: DynamoDBClient, tableName: string): ComplaintStore => new DynamoDbComplaintStore(client, tableName);

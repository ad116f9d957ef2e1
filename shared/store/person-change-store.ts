import { DynamoDBDocumentClient } from '../aws/dynamodb.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { auditItem, eventItem, NOT_YET, transactWrite, versionIs, type TransactItem } from './items.ts';
import { keys } from './keys.ts';
import type { AuditRecord, EventRecord, PersonRecord } from './records.ts';
import { registryEventItem, type RegistryEventRecord } from './registry-store.ts';

/** The person's own details: what a change of them writes, and nothing else of the person item. */
export const PERSON_DETAILS = ['lastName', 'firstName', 'middleName', 'birthDate', 'sex', 'documents', 'snils', 'address', 'contact', 'nameBasis'] as const;

/** A keyed lookup that moves: the old hash's item goes (if the person held one), the new one comes. */
export interface LookupMove {
  from?: string;
  to: string;
}

/**
 * A change of a person's own details, written all or nothing: the person's details at the next
 * version, on the condition that it is still the version the change was decided on; the document
 * and SNILS lookups moved (the new one only where nobody else holds it); the history entries; and,
 * for a caller's change, its audit entry.
 */
export interface PersonChangeWrite {
  /** The person as changed; only `PERSON_DETAILS` and `updatedAt` are written. */
  person: PersonRecord;
  expectedVersion: number;
  /** The application the person came with: lookups point to it, as intake's do. */
  applicationId: string;
  document?: LookupMove;
  snils?: LookupMove;
  events: EventRecord[];
  audit?: AuditRecord;
  /**
   * The civil-registry event that asked for it, recorded in the same transaction: a redelivery
   * after a crash between the change and its record finds it, and cannot apply an old change over
   * a newer one.
   */
  registryEvent?: RegistryEventRecord;
}

export type PersonChangeOutcome = { kind: 'applied' } | { kind: 'version-conflict' } | { kind: 'duplicate'; by: 'document' | 'snils' } | { kind: 'event-recorded' };

export interface PersonChangeStore {
  applyPersonChange(change: PersonChangeWrite): Promise<PersonChangeOutcome>;
}

/** The store of the functions that change a person's details, handed over by their handlers (`provide`, `shared/services/dependencies.ts`): the others' bundles do not carry it. */
export const dynamoDbPersonChanges = (client: DynamoDBClient, tableName: string): PersonChangeStore => new DynamoDbPersonChangeStore(client, tableName);

/** One TransactWriteItems of 2 to 9 items: person, up to two lookup moves (delete, put), one or two history entries, the audit entry. */
export class DynamoDbPersonChangeStore implements PersonChangeStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient | DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.doc = client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async applyPersonChange(change: PersonChangeWrite): Promise<PersonChangeOutcome> {
    const { person, expectedVersion, events, audit } = change;
    const version = versionIs(expectedVersion);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':next': expectedVersion + 1, ':at': person.updatedAt, ...version.values };
    const set = ['version = :next', 'updatedAt = :at'];
    const remove: string[] = [];
    // Only the details: the deadline, the region, the ЕНП and the index keys stay as other writers left them.
    for (const field of PERSON_DETAILS) {
      names[`#${field}`] = field;
      if (person[field] === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = person[field];
      }
    }
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.person(person.personId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(pk) AND ${version.condition}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
    const lookupAt: { by: 'document' | 'snils'; at: number }[] = [];
    const move = (by: 'document' | 'snils', hashes: LookupMove | undefined, key: (hash: string) => { pk: string; sk: string }) => {
      if (!hashes || hashes.from === hashes.to) return;
      const mine = { ':pid': person.personId };
      // Only the person's own lookup goes, and the new one is taken only if free (or already theirs).
      if (hashes.from) {
        items.push({ Delete: { TableName: this.tableName, Key: key(hashes.from), ConditionExpression: 'attribute_not_exists(pk) OR personId = :pid', ExpressionAttributeValues: mine } });
      }
      lookupAt.push({ by, at: items.length });
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...key(hashes.to), type: 'lookup', personId: person.personId, applicationId: change.applicationId },
          ConditionExpression: 'attribute_not_exists(pk) OR personId = :pid',
          ExpressionAttributeValues: mine,
        },
      });
    };
    move('document', change.document, keys.documentLookup);
    move('snils', change.snils, keys.snilsLookup);
    for (const event of events) items.push({ Put: { TableName: this.tableName, Item: eventItem(event) } });
    if (audit) items.push({ Put: { TableName: this.tableName, Item: auditItem(audit) } });
    const eventAt = items.length;
    if (change.registryEvent) items.push({ Put: { TableName: this.tableName, Item: registryEventItem(change.registryEvent), ConditionExpression: NOT_YET } });

    const reasons = await transactWrite(this.doc, items);
    if (!reasons) return { kind: 'applied' };
    const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
    if (change.registryEvent && failed(eventAt)) return { kind: 'event-recorded' };
    if (failed(0)) return { kind: 'version-conflict' };
    const taken = lookupAt.find((l) => failed(l.at));
    if (taken) return { kind: 'duplicate', by: taken.by };
    throw new Error(`person change cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }
}

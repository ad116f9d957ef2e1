import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, TransactWriteCommand, type DynamoDBDocumentClient } from '../aws/dynamodb.ts';
import { keys } from './keys.ts';
import type { AuditRecord, EventRecord, PersonRecord } from './records.ts';

/**
 * The items and the transaction helper the register's store modules share (`dynamodb-register-store.ts`,
 * `person-change-store.ts`, `registry-store.ts`, `care-store.ts`, `complaint-store.ts`): each item's
 * keys are made in one place, from `keys.ts`, and a transaction conflicting with another is retried
 * the same way everywhere.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** A cancelled transaction's reason for one of its items, in the items' order. */
export type Reason = { Code?: string; Item?: Record<string, unknown> };

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'expiresAt'];
export const NOT_YET = 'attribute_not_exists(pk)';
/** Cancelled transactions caused by a concurrent one are worth a second try; conditions are not. */
const CONFLICT_RETRIES = 3;

/** A record without the table's key attributes. */
export function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

/** A person's item: with the deadlines job's keys while a deadline is pending. */
export function personItem(person: PersonRecord): Record<string, unknown> {
  return {
    ...keys.person(person.personId),
    type: 'person',
    ...person,
    ...keys.insured(person.insurerId, person.region, person.personId),
    ...(person.nextDeadlineAt ? keys.workDue('DEADLINE', person.personId, person.nextDeadlineAt) : {}),
  };
}

/** The person is still at the version a change was decided on (0: a record from before versions). */
export function versionIs(expected: number): { condition: string; values: Record<string, number> } {
  return expected === 0 ? { condition: 'attribute_not_exists(version)', values: {} } : { condition: 'version = :expected', values: { ':expected': expected } };
}

export const eventItem = (e: EventRecord) => ({ ...keys.event(e.personId, e.at, e.eventId), type: 'event', ...e });
export const auditItem = (a: AuditRecord) => ({ ...keys.audit(a.personId, a.at, a.auditId), type: 'audit', ...a });

/** Runs a transaction; returns undefined on success or the cancellation reasons (a conflict with another transaction is retried). */
export async function transactWrite(doc: DynamoDBDocumentClient, items: TransactItem[]): Promise<Reason[] | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []) as Reason[];
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflict || attempt >= CONFLICT_RETRIES) return reasons;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
    }
  }
}

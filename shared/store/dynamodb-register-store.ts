import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand, unmarshall, type DynamoDBClient } from '../aws/dynamodb.ts';
import { REGISTER_TABLE } from '../config/table.ts';
import { awaitsConversion } from '../domain/lifecycle/policy-status.ts';
import { auditItem, eventItem, NOT_YET, personItem, strip, transactWrite, versionIs, type Reason, type TransactItem } from './items.ts';
import { keys, type Job } from './keys.ts';
import { registryEventItem } from './registry-store.ts';
import type { ApplicationRecord, AuditRecord, ChoicesRecord, EventRecord, LookupRecord, PersonRecord, PinHash, PinRecord, PolicyRecord } from './records.ts';
import type {
  AssignOutcome,
  AttemptWindow,
  ChangeOutcome,
  ConversionOutcome,
  ConversionWrite,
  IdempotencyRecord,
  Intake,
  IntakeOutcome,
  NumberAssignment,
  PersonRecords,
  PinAttemptOutcome,
  PolicyChangeWrite,
  RegisterStore,
  WorkItem,
} from './register-store.ts';

const [WORK_INDEX, INSURED_INDEX] = REGISTER_TABLE.globalIndexes;

/** The choices' item: with the yearly reset's keys while a count is used. */
function choicesItem(choices: ChoicesRecord): Record<string, unknown> {
  return { ...keys.choices(choices.personId), type: 'choices', ...choices, ...(choices.resetAt ? keys.workDue('RESET', choices.personId, choices.resetAt) : {}) };
}


function policyItem(policy: PolicyRecord): Record<string, unknown> {
  return {
    ...keys.policy(policy.personId, policy.policyId),
    type: 'policy',
    ...policy,
    ...(awaitsConversion(policy) && policy.convertAt ? keys.workDue('CONVERSION', policy.policyId, policy.convertAt) : {}),
  };
}

const pinItem = (p: PinRecord) => ({ ...keys.pin(p.personId), type: 'pin', ...p });

function idempotencyRecord(item: Record<string, unknown>): IdempotencyRecord {
  return { fingerprint: String(item.fingerprint), applicationId: String(item.applicationId), personId: String(item.personId), policyId: String(item.policyId) };
}

export class DynamoDbRegisterStore implements RegisterStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async createIntake(intake: Intake): Promise<IntakeOutcome> {
    const { person, application, policy, event } = intake;
    const lookup: LookupRecord = { personId: person.personId, applicationId: application.applicationId };
    const guarded = (Item: Record<string, unknown>, extraCondition?: string): TransactItem => ({
      Put: {
        TableName: this.tableName,
        Item,
        ConditionExpression: extraCondition ? `${NOT_YET} OR ${extraCondition}` : NOT_YET,
        ...(extraCondition ? { ExpressionAttributeValues: { ':now': Math.floor(Date.parse(application.submittedAt) / 1000) } } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
    // Order matters: the cancellation reasons come back in this order.
    const items: TransactItem[] = [];
    if (intake.registryEvent) items.push(guarded(registryEventItem(intake.registryEvent)));
    if (intake.idempotency) {
      const { hash, ...rest } = intake.idempotency;
      const record: IdempotencyRecord = { fingerprint: rest.fingerprint, applicationId: application.applicationId, personId: person.personId, policyId: policy.policyId };
      // An expired record TTL has not swept yet counts as absent.
      items.push(guarded({ ...keys.idempotency(hash), type: 'idempotency', ...record, expiresAt: rest.expiresAt }, 'expiresAt < :now'));
    }
    const snilsAt = items.length;
    if (intake.snilsHash) items.push(guarded({ ...keys.snilsLookup(intake.snilsHash), type: 'lookup', ...lookup }));
    const documentsAt = items.length;
    for (const hash of intake.documentHashes) items.push(guarded({ ...keys.documentLookup(hash), type: 'lookup', ...lookup }));
    const selfAt = items.length;
    // An account's own person is its SELF link alone: one per account, by the key. The person
    // remembers its account, so that a newborn can be linked to its mother's.
    if (intake.account?.relation === 'self') {
      items.push(guarded({ ...keys.accountSelf(intake.account.subject), type: 'account-self', personId: person.personId }));
      items.push(guarded({ ...keys.accountOwner(person.personId), type: 'account-owner', subject: intake.account.subject }));
    }
    if (intake.account?.relation === 'child') {
      items.push(guarded({ ...keys.accountChild(intake.account.subject, person.personId), type: 'account-child', personId: person.personId }));
    }
    items.push(
      guarded(personItem(person)),
      guarded({
        ...keys.application(application.applicationId),
        type: 'application',
        ...application,
        ...keys.workDue('NUMBERING', application.applicationId, application.nextCheckAt!),
      }),
      guarded(policyItem(policy)),
      guarded(eventItem(event)),
      ...(intake.audit ? [guarded(auditItem(intake.audit))] : []),
      ...(intake.pin ? [guarded(pinItem(intake.pin))] : []),
    );

    const reasons = await this.transact(items);
    if (!reasons) return { kind: 'created' };
    const failed = async (i: number) =>
      reasons[i]?.Code === 'ConditionalCheckFailed' ? await this.oldItem(reasons[i], items[i]!) : undefined;
    const eventAt = intake.registryEvent ? 1 : 0;
    if (intake.registryEvent && (await failed(0))) return { kind: 'event-recorded' };

    if (intake.idempotency) {
      const old = await failed(eventAt);
      if (old) return { kind: 'replayed', ...idempotencyRecord(old) };
    }
    if (intake.snilsHash) {
      const old = await failed(snilsAt);
      if (old) return { kind: 'duplicate', by: 'snils', existing: strip<LookupRecord>(old)! };
    }
    for (let i = 0; i < intake.documentHashes.length; i++) {
      const old = await failed(documentsAt + i);
      if (old) return { kind: 'duplicate', by: 'document', documentIndex: i, existing: strip<LookupRecord>(old)! };
    }
    if (intake.account?.relation === 'self') {
      const old = await failed(selfAt);
      if (old) return { kind: 'account-has-person', personId: String(old.personId) };
    }
    throw new Error(`intake transaction cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async getApplication(applicationId: string, consistent = false) {
    return this.get<ApplicationRecord>(keys.application(applicationId), consistent);
  }

  async getPerson(personId: string) {
    return this.get<PersonRecord>(keys.person(personId));
  }

  async getPersonAndPolicy(personId: string): Promise<{ person?: PersonRecord; policy?: PolicyRecord }> {
    const { person, policies } = await this.getPersonRecords(personId, 0);
    return { person, policy: policies[0] };
  }

  async getPolicy(personId: string, policyId: string): Promise<PolicyRecord | undefined> {
    return this.get<PolicyRecord>(keys.policy(personId, policyId), true);
  }

  async nextEnpSerial(prefix: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.enpSerial(prefix),
        UpdateExpression: 'ADD lastSerial :one SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'enp-serial' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.lastSerial);
  }

  async assignEnp({ application, enp, at }: NumberAssignment): Promise<AssignOutcome> {
    const { personId, applicationId } = application;
    const eventId = `${applicationId}-enp`;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.enpLookup(enp), type: 'lookup', personId, applicationId },
          ConditionExpression: NOT_YET,
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.person(personId),
          // Every write to a person moves its version, so that a change decided on the old one fails.
          UpdateExpression: 'SET enp = :enp, updatedAt = :at ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(enp)',
          ExpressionAttributeValues: { ':enp': enp, ':at': at, ':one': 1 },
        },
      },
      this.completion(application, enp, at),
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.event(personId, at, eventId), type: 'event', eventId, personId, kind: 'number_assigned', at, channel: 'system', applicationId },
        },
      },
    ];
    const reasons = await this.transact(items);
    if (!reasons) return 'assigned';
    const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
    if (failed(1)) return 'person-already-numbered';
    if (failed(2)) return 'application-not-waiting';
    if (failed(0)) return 'number-taken';
    throw new Error(`number assignment cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async completeApplication(application: ApplicationRecord, enp: string, at: string): Promise<void> {
    // Already completed: nothing to do.
    await this.updateIf(this.completion(application, enp, at).Update);
  }

  async listWorkDue(job: Job, shard: number, until: string, limit: number): Promise<WorkItem[]> {
    const items = await this.due(job, shard, until, limit);
    return items.map((i) => ({ applicationId: String(i.applicationId), requeues: Number(i.requeues ?? 0) }));
  }

  async listDueConversions(shard: number, until: string, limit: number): Promise<PolicyRecord[]> {
    return (await this.due('CONVERSION', shard, until, limit)).map((i) => strip<PolicyRecord>(i)!);
  }

  async listDueDeadlines(shard: number, until: string, limit: number): Promise<PersonRecord[]> {
    return (await this.due('DEADLINE', shard, until, limit)).map((i) => strip<PersonRecord>(i)!);
  }

  async listDueResets(shard: number, until: string, limit: number): Promise<ChoicesRecord[]> {
    return (await this.due('RESET', shard, until, limit)).map((i) => strip<ChoicesRecord>(i)!);
  }

  async clearYearlyCounts(personId: string, year: number): Promise<boolean> {
    // Only the counts of the year it was due for: a choice made since (a new year's count) stays.
    return this.updateIf({
      TableName: this.tableName,
      Key: keys.choices(personId),
      UpdateExpression: 'REMOVE used, resetAt, gsi1pk, gsi1sk',
      ConditionExpression: 'used.#year = :year',
      ExpressionAttributeNames: { '#year': 'year' },
      ExpressionAttributeValues: { ':year': year },
    });
  }

  async listInsured(insurerId: string, region: string, shard: number, limit: number): Promise<string[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INSURED_INDEX.indexName,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': keys.insuredPartition(insurerId, region, shard) },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => String(i.gsi2sk));
  }

  /** A job's due work in one shard, oldest due first, through the sparse index (never a Scan). */
  private async due(job: Job, shard: number, until: string, limit: number): Promise<Record<string, unknown>[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: WORK_INDEX.indexName,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :until',
        ExpressionAttributeValues: { ':p': keys.workPartition(job, shard), ':until': until },
        Limit: limit,
      }),
    );
    return out.Items ?? [];
  }

  async postponeConversion(policy: PolicyRecord, convertAt: string): Promise<boolean> {
    return this.updateIf({
      TableName: this.tableName,
      Key: keys.policy(policy.personId, policy.policyId),
      UpdateExpression: 'SET convertAt = :at, gsi1sk = :at',
      ConditionExpression: 'attribute_exists(gsi1pk)',
      ExpressionAttributeValues: { ':at': convertAt },
    });
  }

  async getPersonRecords(personId: string, events: number, consistent = false): Promise<PersonRecords> {
    const { pk, sk: personSk } = keys.person(personId);
    // Without history entries the range starts at the person: the history is not read at all.
    const { from, to } = events > 0 ? keys.accountView : keys.personAndPolicies;
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
        // Newest policy first, then the PIN and the person, then the newest history entries.
        ScanIndexForward: false,
        // A person holds a few policies over a life (temporary, permanent), a PIN, the choices and the person item.
        ...(events > 0 ? { Limit: events + 7 } : {}),
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    );
    const items = out.Items ?? [];
    const sk = (i: Record<string, unknown>) => String(i.sk);
    return {
      person: strip<PersonRecord>(items.find((i) => sk(i) === personSk)),
      policies: items.filter((i) => sk(i).startsWith(keys.policyPrefix)).map((i) => strip<PolicyRecord>(i)!),
      pin: strip<PinRecord>(items.find((i) => sk(i) === keys.pin(personId).sk)),
      choices: strip<ChoicesRecord>(items.find((i) => sk(i) === keys.choices(personId).sk)),
      events: items.filter((i) => sk(i).startsWith(keys.eventPrefix)).slice(0, events).map((i) => strip<EventRecord>(i)!),
    };
  }

  async applyPolicyChange(change: PolicyChangeWrite): Promise<ChangeOutcome> {
    const items = this.changeItems(change);
    const reasons = await this.transact(items);
    if (!reasons) return 'applied';
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'version-conflict';
    throw new Error(`policy change cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async setNextDeadline(personId: string, expectedVersion: number, at: string | undefined): Promise<ChangeOutcome> {
    const deadline = at ? keys.workDue('DEADLINE', personId, at) : undefined;
    const version = versionIs(expectedVersion);
    const values = { ...(deadline ? { ':at': deadline.gsi1sk, ':gpk': deadline.gsi1pk } : {}), ...version.values };
    const applied = await this.updateIf({
      TableName: this.tableName,
      Key: keys.person(personId),
      UpdateExpression: deadline ? 'SET nextDeadlineAt = :at, gsi1pk = :gpk, gsi1sk = :at' : 'REMOVE nextDeadlineAt, gsi1pk, gsi1sk',
      ConditionExpression: version.condition,
      // DynamoDB refuses an empty map of values.
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    });
    return applied ? 'applied' : 'version-conflict';
  }

  async convertPolicy(conversion: ConversionWrite & { applicationId: string }): Promise<ConversionOutcome> {
    const { temporary, pin, applicationId, event } = conversion;
    // Only a numbered person converts: the person's condition says so too.
    const change = this.changeItems(conversion, 'AND attribute_exists(enp)');
    const temporaryAt = change.length;
    const items: TransactItem[] = [
      ...change,
      {
        Put: {
          TableName: this.tableName,
          Item: policyItem(temporary),
          // Converted once: a second run, or a run racing this one, finds it no longer running.
          ConditionExpression: '#status IN (:active, :suspended)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active', ':suspended': 'suspended' },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.application(applicationId),
          UpdateExpression: 'SET #status = :completed, completedAt = :at REMOVE gsi1pk, gsi1sk, nextCheckAt',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':completed': 'completed', ':at': event.at },
        },
      },
      { Put: { TableName: this.tableName, Item: pinItem(pin) } },
    ];
    const reasons = await this.transact(items);
    if (!reasons) return 'converted';
    const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
    if (failed(temporaryAt)) return 'already-converted';
    if (failed(0)) return 'version-conflict';
    throw new Error(`conversion cancelled: ${reasons.map((r) => r.Code).join(',')}`);
  }

  /** The person at its next version (reason 0), the policy, the history entry and the audit entry. */
  private changeItems(change: PolicyChangeWrite, personCondition = ''): TransactItem[] {
    const { person, expectedVersion, policy, choices, event, audit } = change;
    const deadline = person.nextDeadlineAt ? keys.workDue('DEADLINE', person.personId, person.nextDeadlineAt) : undefined;
    const insured = keys.insured(person.insurerId, person.region, person.personId);
    const version = versionIs(expectedVersion);
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.person(person.personId),
          UpdateExpression: `SET #region = :region, insurerId = :insurer, gsi2pk = :insured, gsi2sk = :pid, version = :next, updatedAt = :at${
            deadline ? ', nextDeadlineAt = :deadline, gsi1pk = :gpk, gsi1sk = :deadline' : ' REMOVE nextDeadlineAt, gsi1pk, gsi1sk'
          }`,
          ConditionExpression: `attribute_exists(pk) AND ${version.condition} ${personCondition}`.trim(),
          ExpressionAttributeNames: { '#region': 'region' },
          ExpressionAttributeValues: {
            ':region': person.region,
            ':insurer': person.insurerId,
            ':insured': insured.gsi2pk,
            ':pid': insured.gsi2sk,
            ':next': expectedVersion + 1,
            ':at': event.at,
            ...version.values,
            ...(deadline ? { ':deadline': deadline.gsi1sk, ':gpk': deadline.gsi1pk } : {}),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...(policy ? [{ Put: { TableName: this.tableName, Item: policyItem(policy) } }] : []),
      ...(choices ? [{ Put: { TableName: this.tableName, Item: choicesItem(choices) } }] : []),
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
      ...(audit ? [{ Put: { TableName: this.tableName, Item: auditItem(audit) } }] : []),
    ];
  }

  async replacePin(pin: PinRecord, event: EventRecord, audit: AuditRecord): Promise<void> {
    const reasons = await this.transact([
      { Put: { TableName: this.tableName, Item: pinItem(pin) } },
      { Put: { TableName: this.tableName, Item: eventItem(event) } },
      { Put: { TableName: this.tableName, Item: auditItem(audit) } },
    ]);
    if (reasons) throw new Error(`PIN not replaced: ${reasons.map((r) => r.Code).join(',')}`);
  }

  async setFirstPinHash(personId: string, pinId: string, hash: PinHash, at: string): Promise<boolean> {
    return this.updateIf({
      TableName: this.tableName,
      Key: keys.pin(personId),
      UpdateExpression: 'SET #hash = :hash, shownAt = :at',
      ConditionExpression: 'pinId = :pinId AND attribute_not_exists(#hash)',
      ExpressionAttributeNames: { '#hash': 'hash' },
      ExpressionAttributeValues: { ':hash': hash, ':at': at, ':pinId': pinId },
    });
  }

  async recordPinAttempt({ personId, pinId, right, at, lockStart, max }: { personId: string; pinId: string; right: boolean; at: string; lockStart: string; max: number }): Promise<PinAttemptOutcome> {
    const notLocked = '(attribute_not_exists(lastWrongAt) OR lastWrongAt < :lockStart OR wrong < :max)';
    const fresh = '(attribute_not_exists(lastWrongAt) OR lastWrongAt < :lockStart)';
    // A right PIN clears the count; a wrong one starts a new run of wrong ones or adds to the
    // current run. Each is one conditional write that also decides "locked": never check, then count.
    const attempts = right
      ? [{ update: 'SET wrong = :zero REMOVE lastWrongAt', condition: notLocked, values: { ':zero': 0, ':lockStart': lockStart, ':max': max } }]
      : [
          { update: 'SET wrong = :one, lastWrongAt = :at', condition: fresh, values: { ':one': 1, ':at': at, ':lockStart': lockStart } },
          { update: 'ADD wrong :one SET lastWrongAt = :at', condition: 'lastWrongAt >= :lockStart AND wrong < :max', values: { ':one': 1, ':at': at, ':lockStart': lockStart, ':max': max } },
        ];
    // A run of wrong attempts may start or lock between two tries: a few rounds settle it.
    for (let round = 0; round < 3; round++) {
      for (const a of attempts) {
        try {
          await this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keys.pin(personId),
              UpdateExpression: a.update,
              ConditionExpression: `pinId = :pinId AND ${a.condition}`,
              ExpressionAttributeValues: { ...a.values, ':pinId': pinId },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          );
          return { kind: 'counted' };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          const old = error.Item ? unmarshall(error.Item as Parameters<typeof unmarshall>[0]) : undefined;
          if (!old || old.pinId !== pinId) return { kind: 'replaced' };
          if (old.lastWrongAt !== undefined && String(old.lastWrongAt) >= lockStart && Number(old.wrong ?? 0) >= max) return { kind: 'locked', lastWrongAt: String(old.lastWrongAt) };
        }
      }
    }
    throw new Error('PIN attempt not recorded: the attempt count kept changing');
  }

  async rescheduleWork(applicationId: string, nextCheckAt: string, requeues: number): Promise<boolean> {
    return this.updateIf({
      TableName: this.tableName,
      Key: keys.application(applicationId),
      UpdateExpression: 'SET nextCheckAt = :next, gsi1sk = :next, requeues = :requeues',
      ConditionExpression: '#status = :waiting',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':next': nextCheckAt, ':requeues': requeues, ':waiting': 'awaiting_number' },
    });
  }

  async findByEnp(enp: string): Promise<LookupRecord | undefined> {
    return this.get<LookupRecord>(keys.enpLookup(enp));
  }

  async findByDocument(hash: string): Promise<LookupRecord | undefined> {
    return this.get<LookupRecord>(keys.documentLookup(hash));
  }

  async findBySnils(hash: string): Promise<LookupRecord | undefined> {
    return this.get<LookupRecord>(keys.snilsLookup(hash));
  }

  async accountOwner(personId: string): Promise<string | undefined> {
    return (await this.get<{ subject: string }>(keys.accountOwner(personId)))?.subject;
  }

  async accountLinks(subject: string): Promise<{ self?: string; children: string[] }> {
    // One read of the account's few links (itself and its children) whatever is asked.
    const out = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.account(subject) } }),
    );
    const links = out.Items ?? [];
    const self = links.find((l) => l.sk === keys.accountSelf(subject).sk);
    return { ...(self ? { self: String(self.personId) } : {}), children: links.filter((l) => String(l.sk).startsWith('CHILD#')).map((l) => String(l.personId)) };
  }

  async appendAudit(record: AuditRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: auditItem(record) }));
  }

  async listAudit(personId: string, limit: number, cursor?: string): Promise<{ items: AuditRecord[]; cursor?: string }> {
    return this.page<AuditRecord>(personId, keys.auditPrefix, limit, cursor);
  }

  async listHistory(personId: string, limit: number, cursor?: string): Promise<{ items: EventRecord[]; cursor?: string }> {
    return this.page<EventRecord>(personId, keys.eventPrefix, limit, cursor);
  }

  /** A page of one kind of the person's entries, newest first. */
  private async page<T>(personId: string, prefix: string, limit: number, cursor?: string): Promise<{ items: T[]; cursor?: string }> {
    const { pk } = keys.person(personId);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: false,
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: { pk, sk: cursor } } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => strip<T>(i)!),
      cursor: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : undefined,
    };
  }

  async takeAttempt({ kind, hash, windowStart, max, expiresAt, refused }: AttemptWindow & { max: number; expiresAt: number; refused?: boolean }) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.attempts(kind, hash, windowStart),
          // `attempts` holds refusals and attempts in flight; `refused` the refusals alone.
          UpdateExpression: `ADD attempts :one${refused ? ', refused :one' : ''} SET expiresAt = :ttl, #type = :type`,
          ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :max',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt, ':type': 'attempts', ':max': max },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { ok: true as const };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const old = error.Item ? unmarshall(error.Item as Parameters<typeof unmarshall>[0]) : {};
      return { ok: false as const, refused: Number(old.refused ?? 0) };
    }
  }

  async settleAttempt({ kind, hash, windowStart }: AttemptWindow, outcome: 'refused' | 'returned'): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.attempts(kind, hash, windowStart),
        UpdateExpression: outcome === 'refused' ? 'ADD refused :one' : 'ADD attempts :minusOne',
        ConditionExpression: 'attribute_exists(attempts)',
        ExpressionAttributeValues: outcome === 'refused' ? { ':one': 1 } : { ':minusOne': -1 },
      }),
    );
  }

  async getIdempotencyRecord(hash: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(hash), ConsistentRead: true }));
    // An expired record TTL has not swept yet counts as absent, as in the intake transaction.
    if (!out.Item || Number(out.Item.expiresAt) < Math.floor(now.getTime() / 1000)) return undefined;
    return idempotencyRecord(out.Item);
  }

  private completion(application: ApplicationRecord, enp: string, at: string) {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.application(application.applicationId),
        UpdateExpression: 'SET #status = :done, numberAssignedAt = :at, enp = :enp REMOVE gsi1pk, gsi1sk, nextCheckAt',
        ConditionExpression: '#status = :waiting',
        ExpressionAttributeNames: { '#status': 'status' },
        // A newborn's registration has no temporary policy to replace: its number completes it.
        ExpressionAttributeValues: { ':done': application.temporaryPolicyId ? 'number_assigned' : 'completed', ':waiting': 'awaiting_number', ':at': at, ':enp': enp },
      },
    } satisfies TransactItem;
  }

  /** An update that applies only where its condition holds: false when it did not. */
  private async updateIf(input: UpdateCommandInput): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand(input));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async get<T>(key: { pk: string; sk: string }, consistent = false): Promise<T | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ...(consistent ? { ConsistentRead: true } : {}) }));
    return strip<T>(out.Item);
  }

  /** Runs a transaction; returns undefined on success or the cancellation reasons. */
  private transact(items: TransactItem[]) {
    return transactWrite(this.doc, items);
  }

  /** The item that made a condition fail, as DynamoDB returned it (or read back if it did not). */
  private async oldItem(reason: Reason | undefined, item: TransactItem): Promise<Record<string, unknown> | undefined> {
    if (reason?.Item) return unmarshall(reason.Item as Parameters<typeof unmarshall>[0]);
    const put = item.Put!.Item as { pk: string; sk: string };
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: put.pk, sk: put.sk }, ConsistentRead: true }));
    return out.Item;
  }
}

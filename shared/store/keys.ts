import { createHash } from 'node:crypto';

/**
 * Every key of the single-table register, in one place (the README's access-pattern table mirrors
 * this file). Personal identifiers never appear in keys in clear: SNILS and documents are looked up
 * by keyed hashes (`shared/privacy/lookup-hasher.ts`).
 *
 * | item               | pk                        | sk                         |
 * |--------------------|---------------------------|----------------------------|
 * | person             | PERSON#<personId>         | PERSON                     |
 * | policy (any form)  | PERSON#<personId>         | POLICY#<policyId ULID>     |
 * | history event      | PERSON#<personId>         | EVENT#<at ISO>#<eventId>   |
 * | PIN                | PERSON#<personId>         | PERSON#PIN                 |
 * | choices and limits | PERSON#<personId>         | PERSON#CHOICES             |
 * | application        | APPLICATION#<id>          | APPLICATION                |
 * | SNILS lookup       | SNILS#<hmac>              | SNILS                      |
 * | document lookup    | DOCUMENT#<hmac>           | DOCUMENT                   |
 * | ЕНП lookup         | ENP#<enp>                 | ENP                        |
 * | ЕНП serial counter | ENPSERIAL#<10-digit prefix> | ENPSERIAL                |
 * | idempotency record | IDEMPOTENCY#<hmac>        | IDEMPOTENCY (TTL expiresAt)|
 * | audit entry        | PERSON#<personId>         | AUDIT#<at ISO>#<auditId>   |
 * | account's own self | ACCOUNT#<subject>         | SELF (personId)            |
 * | account's child    | ACCOUNT#<subject>         | CHILD#<personId>           |
 * | person's account   | PERSON#<personId>         | ACCOUNT (subject)          |
 * | registry event     | REGISTRY#<eventId>        | REGISTRY (outcome)         |
 * | unmatched event    | UNMATCHED#REGISTRY        | <received ISO>#<eventId>   |
 * | attempt counter    | ATTEMPTS#<kind>#<hmac>    | WINDOW#<start ISO> (TTL)   |
 * | catalogue version  | CATALOGUE#<kind>#<scope>  | VERSION#<10-digit number>  |
 * | signing keys (public) | SIGNING_KEYS           | VERSION#<10-digit number>  |
 * | care event         | PERSON#<personId>         | CARE#<date>#<careId ULID>  |
 * | care event id      | CAREID#<hmac>             | CAREID                     |
 *
 * No new item for a person's own changes: a change of their document or SNILS moves its lookup in
 * the change's transaction, the old item deleted if it is the person's, the new one put if nobody
 * else holds it (`person-change-store.ts`), so the old document no longer finds the person.
 * | complaint          | PERSON#<personId>         | COMPLAINT#<complaintId ULID> |
 * | complaint's Idempotency-Key | PERSON#<personId> | COMPLAINT_KEY#<sha256> (TTL expiresAt) |
 * | complaint counts   | COMPLAINT_COUNTS          | INSURER#<insurerId>#<region> |
 *
 * A person and their policies are read together by one Query: sk from `PERSON` to `POLICY$` ('$'
 * sorts after '#'), newest policy first, then the PIN and the person; audit and history entries
 * sort before. The personal account is one Query too, from `EVENT#` to `POLICY$` newest first:
 * the policies, the PIN, the person and then the latest history entries, never the audit trail.
 * An account's links (itself and its children) are one Query on its partition; a person's own
 * account (`ACCOUNT` sorts before every range above) is a GetItem, read when a newborn is linked to
 * its mother's account. Each civil-registry event is recorded once by the sender's id (a repeated
 * delivery finds it); those that name nobody, or two people, wait for the fund in one partition,
 * oldest first (a few a day nationally). A catalogue's
 * current version is one Query on its partition, newest first, limit 1; an old one is a GetItem. The
 * barcode signing keys' public ring is versioned the same way.
 *
 * Care history (`shared/store/care-store.ts`): each request for care an insurer reports sits in the
 * person's partition, newest date first by one Query on `CARE#` (it sorts between the audit trail
 * and the history, so neither the account's Query nor the audit pages read it). Each carries the
 * insurer that reported it; an insurer's view is the same Query filtered on that stamp. The insurer's
 * own event id is looked up by a keyed hash of (insurer, id) (the id is the insurer's, and might say
 * more than it should), written in the same transaction as the event: a repeat finds it. Before a
 * care event is written, one Query from `EVENT#` to `PERSON` reads the person and the history
 * entries that changed the insurer (from when the caller insures the person).
 *
 * GSI1 "work due" (sparse): gsi1pk = <JOB>#<shard>, gsi1sk = <due ISO instant>. A job reads its
 * shards with `gsi1sk <= now`; finishing the work removes the keys. Sharding spreads a national
 * day's writes over several partitions. Each job's keys sit on the item its work is about:
 *
 * | job        | item                 | due                                                   |
 * |------------|----------------------|-------------------------------------------------------|
 * | NUMBERING  | application          | the sweeper's next look while it waits for its number |
 * | CONVERSION | temporary policy     | the start of its conversion day, in the region's zone |
 * | DEADLINE   | person               | a suspension's end, or the day after a bounded policy's last day |
 * | RESET      | choices and limits   | the first instant of the next year in the person's region, while a limit is used |
 * | COMPLAINT  | complaint            | its answer's due instant, while open and not yet flagged overdue |
 *
 * GSI2 "insured by" (keys only): gsi2pk = INSURED#<insurerId>#<region>#<shard>, gsi2sk =
 * <personId>, on every person. The fund's reassignment, when an insurer's contract in a region
 * ends, reads its insured shard by shard.
 *
 * GSI2 also holds, sparse, an insurer's open complaints (on the complaint item, removed when it is
 * answered or forwarded): gsi2pk = COMPLAINTS_OPEN#<insurerId>, gsi2sk = <received ISO>#<complaintId>,
 * so the insurer's worklist is one Query oldest first, then a BatchGetItem of the page (the index is
 * keys only: a complaint's text is not copied into it). Unsharded: an insurer receives at most a
 * few complaints a minute, far below one partition's 1,000 writes a second, and a single partition
 * keeps "oldest first" one Query instead of a merge of shards.
 *
 * A person's complaints sort between the audit trail and the history (`AUDIT#` < `COMPLAINT#` <
 * `EVENT#`), outside the account's and the person's Queries. The complaint counts per insurer and
 * region (open, overdue) sit in one partition, changed in the same transaction as each filing,
 * closing and overdue flag, so the fund's overview is one Query.
 */
export const WORK_SHARDS = 16;

export type Job = 'NUMBERING' | 'CONVERSION' | 'DEADLINE' | 'RESET' | 'COMPLAINT';

export const keys = {
  person: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PERSON' }),
  policy: (personId: string, policyId: string) => ({ pk: `PERSON#${personId}`, sk: `POLICY#${policyId}` }),
  policyPrefix: 'POLICY#',
  pin: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PERSON#PIN' }),
  choices: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PERSON#CHOICES' }),
  /** The personal account's one Query: policies, PIN, person, then the newest history entries. */
  accountView: { from: 'EVENT#', to: 'POLICY$' },
  eventPrefix: 'EVENT#',
  event: (personId: string, at: string, eventId: string) => ({ pk: `PERSON#${personId}`, sk: `EVENT#${at}#${eventId}` }),
  application: (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION' }),
  snilsLookup: (hash: string) => ({ pk: `SNILS#${hash}`, sk: 'SNILS' }),
  documentLookup: (hash: string) => ({ pk: `DOCUMENT#${hash}`, sk: 'DOCUMENT' }),
  enpLookup: (enp: string) => ({ pk: `ENP#${enp}`, sk: 'ENP' }),
  enpSerial: (prefix: string) => ({ pk: `ENPSERIAL#${prefix}`, sk: 'ENPSERIAL' }),
  idempotency: (hash: string) => ({ pk: `IDEMPOTENCY#${hash}`, sk: 'IDEMPOTENCY' }),
  audit: (personId: string, at: string, auditId: string) => ({ pk: `PERSON#${personId}`, sk: `AUDIT#${at}#${auditId}` }),
  auditPrefix: 'AUDIT#',
  care: (personId: string, date: string, careId: string) => ({ pk: `PERSON#${personId}`, sk: `CARE#${date}#${careId}` }),
  carePrefix: 'CARE#',
  careEventId: (hash: string) => ({ pk: `CAREID#${hash}`, sk: 'CAREID' }),
  /** The person and their history entries (which the care write filters to insurer changes), one Query. */
  historyAndPerson: { from: 'EVENT#', to: 'PERSON' },
  personAndPolicies: { from: 'PERSON', to: 'POLICY$' },
  account: (subject: string) => `ACCOUNT#${subject}`,
  accountSelf: (subject: string) => ({ pk: `ACCOUNT#${subject}`, sk: 'SELF' }),
  accountChild: (subject: string, personId: string) => ({ pk: `ACCOUNT#${subject}`, sk: `CHILD#${personId}` }),
  accountOwner: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'ACCOUNT' }),
  registryEvent: (eventId: string) => ({ pk: `REGISTRY#${eventId}`, sk: 'REGISTRY' }),
  unmatchedPartition: 'UNMATCHED#REGISTRY',
  unmatched: (receivedAt: string, eventId: string) => ({ pk: 'UNMATCHED#REGISTRY', sk: `${receivedAt}#${eventId}` }),
  attempts: (kind: string, hash: string, windowStart: string) => ({ pk: `ATTEMPTS#${kind}#${hash}`, sk: `WINDOW#${windowStart}` }),
  catalogue: (kind: string, scope: string) => `CATALOGUE#${kind}#${scope}`,
  catalogueVersion: (kind: string, scope: string, version: number) => ({ pk: `CATALOGUE#${kind}#${scope}`, sk: `VERSION#${String(version).padStart(10, '0')}` }),
  catalogueVersionPrefix: 'VERSION#',
  signingKeys: 'SIGNING_KEYS',
  signingKeysVersion: (version: number) => ({ pk: 'SIGNING_KEYS', sk: `VERSION#${String(version).padStart(10, '0')}` }),
  signingKeysVersionPrefix: 'VERSION#',
  complaint: (personId: string, complaintId: string) => ({ pk: `PERSON#${personId}`, sk: `COMPLAINT#${complaintId}` }),
  complaintPrefix: 'COMPLAINT#',
  complaintRequest: (personId: string, hash: string) => ({ pk: `PERSON#${personId}`, sk: `COMPLAINT_KEY#${hash}` }),
  complaintCounts: 'COMPLAINT_COUNTS',
  complaintCount: (insurerId: string, region: string) => ({ pk: 'COMPLAINT_COUNTS', sk: `INSURER#${insurerId}#${region}` }),
  openComplaints: (insurerId: string) => `COMPLAINTS_OPEN#${insurerId}`,
  openComplaint: (insurerId: string, receivedAt: string, complaintId: string) => ({ gsi2pk: `COMPLAINTS_OPEN#${insurerId}`, gsi2sk: `${receivedAt}#${complaintId}` }),
  workPartition: (job: Job, shard: number) => `${job}#${shard}`,
  insured: (insurerId: string, region: string, personId: string) => ({ gsi2pk: `INSURED#${insurerId}#${region}#${shardOf(personId)}`, gsi2sk: personId }),
  insuredPartition: (insurerId: string, region: string, shard: number) => `INSURED#${insurerId}#${region}#${shard}`,
  workDue: (job: Job, recordId: string, dueAt: string) => ({
    gsi1pk: `${job}#${shardOf(recordId)}`,
    gsi1sk: dueAt,
  }),
};

export function shardOf(recordId: string): number {
  return createHash('sha256').update(recordId).digest().readUInt8(0) % WORK_SHARDS;
}

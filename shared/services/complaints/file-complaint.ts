import { createHash } from 'node:crypto';
import { grantFor } from '../../auth/access.ts';
import { actorOf, type Caller } from '../../auth/caller.ts';
import { getRegion } from '../../catalogues/regions.ts';
import { checkIncidentDate, dueAt } from '../../domain/complaints/complaint-rules.ts';
import { effectiveStatus } from '../../domain/lifecycle/policy-status.ts';
import { REGISTER_CODES } from '../../domain/lifecycle/history-codes.ts';
import { localDate } from '../../domain/local-date.ts';
import { Problem } from '../../domain/problem.ts';
import { metric } from '../../observability/metrics.ts';
import { fingerprint } from '../../privacy/lookup-hasher.ts';
import type { ComplaintRequest } from '../../schemas/complaints/complaint-requests.ts';
import type { ComplaintView } from '../../schemas/complaints/complaint-answers.ts';
import type { ComplaintRecord } from '../../store/complaint-store.ts';
import { auditEntry } from '../audit.ts';
import type { Dependencies } from '../dependencies.ts';
import { idempotencyKeyReused } from '../intake-refusals.ts';
import { channelOf, historyEntry } from '../lifecycle/history-entry.ts';
import { complaintView } from './complaint-view.ts';

/**
 * The key of a filing: the Idempotency-Key is a random token of the client's, not personal data, so
 * a plain hash scoped to the caller keeps it (no keyed hash, hence no secret to fetch at cold start).
 */
export function filingKeyHash(subject: string, idempotencyKey: string): string {
  return createHash('sha256').update(`complaint\n${subject}\n${idempotencyKey}`).digest('base64url');
}

/**
 * Files a complaint for the person (by the person, a parent for a child, or an office on their
 * behalf), routed to the person's insurer of the moment: the complaint, the insurer's count, the
 * R071 history entry and the audit entry in one transaction, behind the Idempotency-Key, so a
 * retried request files nothing more and gets the first answer. A terminated policy (death, loss
 * of the right) files none: there is no current insurer to answer it.
 */
export async function fileComplaint(deps: Dependencies, caller: Caller, personId: string, request: ComplaintRequest, idempotencyKey: string): Promise<{ body: ComplaintView; replayed: boolean }> {
  const now = deps.clock.now();
  const { person, policies } = await deps.store.getPersonRecords(personId, 0, true);
  if (!person || !(await grantFor(deps, caller, person))) throw Problem.notFound('The person');
  const policy = policies[0];
  if (!policy) throw Problem.notFound('The policy');
  const today = localDate(now, getRegion(person.region).timeZone);
  if (effectiveStatus(policy, today) === 'terminated') {
    throw new Problem({ status: 409, code: 'policy-terminated', title: 'The policy is terminated', detail: 'A terminated policy has no insurer to answer a complaint; write to the territorial fund.' });
  }
  checkIncidentDate(request.incidentOn, today);
  const clinic = request.clinicCode.startsWith(person.region) ? await deps.catalogues.clinic(person.region, request.clinicCode) : undefined;
  if (!clinic) throw Problem.invalid([{ pointer: '/clinicCode', code: 'unknown-clinic', detail: "No clinic with this code in the catalogue of the person's region." }]);

  const at = now.toISOString();
  const complaint: ComplaintRecord = {
    complaintId: deps.newId(),
    personId,
    region: person.region,
    insurerId: person.insurerId,
    kind: request.kind,
    clinicCode: request.clinicCode,
    clinicCatalogueVersion: clinic.version,
    incidentOn: request.incidentOn,
    text: request.text,
    status: 'received',
    receivedAt: at,
    dueAt: dueAt(now, deps.settings.complaints.dueDays),
    channel: channelOf(caller),
    filedBy: actorOf(caller),
    version: 1,
  };
  const print = fingerprint({ personId, ...request });
  const outcome = await deps.complaints.file({
    complaint,
    event: historyEntry(deps, personId, { kind: 'complaint_filed', registerCode: REGISTER_CODES.complaintFiled, complaintId: complaint.complaintId, changes: { complaintStatus: { from: null, to: 'received' }, insurer: { to: complaint.insurerId } } }, caller),
    audit: auditEntry(deps, caller, personId, 'create', 'fileComplaint'),
    request: { hash: filingKeyHash(caller.subject, idempotencyKey), fingerprint: print, expiresAt: Math.floor(now.getTime() / 1000) + deps.settings.complaints.idempotencyTtlHours * 3600 },
  });
  if (outcome.kind === 'filed') {
    metric.complaintFiled();
    return { body: complaintView(complaint, now), replayed: false };
  }
  if (outcome.fingerprint !== print) throw idempotencyKeyReused();
  const first = await deps.complaints.get(personId, outcome.complaintId, true);
  if (!first) throw new Error(`the Idempotency-Key of complaint ${outcome.complaintId} outlived it`);
  return { body: complaintView(first, now), replayed: true };
}

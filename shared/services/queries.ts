import { findInsurer } from '../catalogues/insurers.ts';
import { getRegion } from '../catalogues/regions.ts';
import { Problem } from '../domain/problem.ts';
import type { ApplicationView } from '../schemas/application.ts';
import type { PolicyView } from '../schemas/policy.ts';
import type { Dependencies } from './dependencies.ts';

export async function applicationStatus(deps: Dependencies, applicationId: string): Promise<ApplicationView> {
  const a = await deps.store.getApplication(applicationId);
  if (!a) throw Problem.notFound('The application');
  return {
    id: a.applicationId,
    personId: a.personId,
    channel: a.channel,
    region: a.region,
    status: a.status,
    submittedAt: a.submittedAt,
    numberDueAt: a.numberDueAt,
    numberAssignedAt: a.numberAssignedAt,
    enp: a.enp,
  };
}

export async function currentPolicy(deps: Dependencies, personId: string): Promise<PolicyView> {
  const [person, policy] = await Promise.all([deps.store.getPerson(personId), deps.store.getCurrentPolicy(personId)]);
  if (!person || !policy) throw Problem.notFound('The person');
  const insurer = findInsurer(policy.insurerId);
  const region = getRegion(policy.region);
  return {
    personId,
    enp: person.enp ?? null,
    form: policy.form,
    status: policy.status,
    validFrom: policy.validFrom,
    validTo: policy.validTo,
    insurer: { id: policy.insurerId, name: insurer?.name ?? policy.insurerId, phone: insurer?.phone ?? '' },
    region: { code: region.code, name: region.name },
  };
}

import { getRegion } from '../../catalogues/regions.ts';
import { limitsOn } from '../../domain/choices/yearly-limits.ts';
import { localDate } from '../../domain/local-date.ts';
import type { ChoicesRecord } from '../../store/records.ts';
import type { Dependencies } from '../dependencies.ts';

/** The clinic, the doctor and this year's limits, as the account and a choice's answer show them. */
export function choicesView(deps: Pick<Dependencies, 'clock' | 'settings'>, region: string, choices: ChoicesRecord | undefined) {
  const today = localDate(deps.clock.now(), getRegion(region).timeZone);
  const clinic = choices?.clinic && choices.clinic.region === region ? choices.clinic : undefined;
  const doctor = clinic && choices?.doctor?.clinic === clinic.code ? choices.doctor : undefined;
  return {
    clinic: clinic ? { code: clinic.code, name: clinic.name, since: clinic.since, catalogueVersion: clinic.catalogueVersion } : null,
    doctor: doctor ? { code: doctor.code, name: doctor.name, specialty: doctor.specialty, since: doctor.since, catalogueVersion: doctor.catalogueVersion } : null,
    limits: { ...limitsOn(choices?.used, today, deps.settings.choices), ...(choices?.insurerReassigned ? { insurerChangeFree: true as const } : {}) },
  };
}

import type { Caller } from '../../auth/caller.ts';
import type { CatalogueData, Clinic, Precondition } from '../../catalogues/catalogue-documents.ts';
import { findRegion } from '../../catalogues/regions.ts';
import { attachedKindRules } from '../../domain/catalogues/doctor-rules.ts';
import { Problem } from '../../domain/problem.ts';
import type { Dependencies } from '../dependencies.ts';
import { changeCatalogue } from './catalogue-versions.ts';

/** A clinic the region's catalogue lists (its region is its code's first two digits); 404 otherwise. */
export async function listedClinic(deps: Pick<Dependencies, 'catalogues'>, code: string): Promise<Clinic> {
  const region = code.slice(0, 2);
  const found = findRegion(region) ? await deps.catalogues.clinic(region, code) : undefined;
  if (!found) throw Problem.notFound('The clinic');
  return found.clinic;
}

/** A clinic's doctors: of a clinic the region lists, each of a kind it attaches people to. */
export async function changeDoctors(deps: Pick<Dependencies, 'catalogues' | 'clock'>, caller: Caller, code: string, data: CatalogueData['doctors'], precondition?: Precondition) {
  const clinic = await listedClinic(deps, code);
  return changeCatalogue(deps, caller, { kind: 'doctors', scope: code, data, precondition, errors: attachedKindRules(clinic, data) });
}

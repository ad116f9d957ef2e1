import type { CatalogueData } from './catalogue-documents.ts';

/** The care a person gets free on presenting the policy: the federal program, narrowed or widened by the region. */
export function freeCareOf(base: CatalogueData['free-care'], region: CatalogueData['regional-care']): string[] {
  return [...base.care.filter((c) => !region.remove.includes(c)), ...region.add.filter((c) => !base.care.includes(c))];
}

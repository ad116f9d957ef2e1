import type { CatalogueKind, CatalogueVersion } from '../../catalogues/catalogue-documents.ts';
import type { Actor } from '../../store/records.ts';

/** Who wrote a version as answers show it: the role and organization, never who the person was. */
export type Organization = Omit<Actor, 'subject'>;

export interface VersionFacts {
  version: number;
  changedAt: string;
  source: 'seed' | 'fund';
  changedBy?: Organization;
}

const organizationOf = ({ subject: _subject, ...organization }: Actor): Organization => organization;

export function versionFacts(v: CatalogueVersion): VersionFacts {
  return { version: v.version, changedAt: v.changedAt, source: v.source, ...(v.changedBy ? { changedBy: organizationOf(v.changedBy) } : {}) };
}

/** A catalogue version as the API shows it: what, which version, when and by whom, and the document. */
export function versionView<K extends CatalogueKind>(v: CatalogueVersion<K>) {
  return { kind: v.kind, scope: v.scope, ...versionFacts(v), data: v.data };
}

import { assignInsurer, insurerWorking, type AssignmentRule } from '../../catalogues/insurers.ts';
import type { InsurerEntry } from '../../catalogues/catalogue-documents.ts';
import type { PersonRecord } from '../../store/records.ts';
import { coverageEnd, type Category } from '../eligibility.ts';

/**
 * A newborn's insurance, decided from the mother's record: from birth the child is insured by the
 * mother's insurer (where it works in the child's region; otherwise the fund assigns one, as for
 * anyone who chose none), in the mother's category and for as long as her right to stay (a child
 * of a permanent resident is insured without end, of a temporary one until her permit ends). The
 * parents may choose another insurer later, under the yearly rules.
 */
export function newbornInsurance(
  mother: PersonRecord,
  child: { personId: string; region: string },
  insurers: readonly InsurerEntry[],
  today: string,
  assignment: AssignmentRule,
): { insurer: InsurerEntry; byMother: boolean; category: PersonRecord['category']; stayUntil?: string; coverageEnd: string | null } {
  const mothers = child.region === mother.region ? insurerWorking(insurers, mother.insurerId, today) : undefined;
  const insurer = mothers ?? assignInsurer(insurers, child.personId, today, assignment);
  const category = childCategory(mother.category);
  const stayUntil = mother.stayUntil;
  return { insurer, byMother: mothers !== undefined, category, ...(stayUntil ? { stayUntil } : {}), coverageEnd: coverageEnd({ category, stayUntil }) };
}

/**
 * A worker from the EAEU is insured by her contract; her child, who has none, by her right to stay.
 * A highly qualified specialist's child is a member of the family, a category the rules may exclude.
 */
function childCategory(mother: Category): Category {
  if (mother === 'eaeu_worker') return 'foreign_temporary';
  if (mother === 'highly_qualified_specialist') return 'highly_qualified_specialist_family';
  return mother;
}

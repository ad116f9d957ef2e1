/**
 * Who applies, by the grounds of their right to insurance (326-ФЗ art. 10). Apart from the rules of
 * `eligibility.ts`, so that the settings can name them without loading the rules' date arithmetic.
 */
export const CATEGORIES = [
  'citizen',
  'foreign_permanent',
  'foreign_temporary',
  'stateless_permanent',
  'stateless_temporary',
  'refugee',
  'eaeu_worker',
  'highly_qualified_specialist',
  'highly_qualified_specialist_family',
] as const;
export type Category = (typeof CATEGORIES)[number];

import type { YearlyCount } from '../../store/records.ts';

export const LIMITED_CHOICES = ['insurer', 'clinic', 'doctor'] as const;
export type LimitedChoice = (typeof LIMITED_CHOICES)[number];

/** How many changes at will a year allows, and the last day of the year an insurer change is taken (MM-DD). */
export interface YearlyRules {
  yearly: Record<LimitedChoice, number>;
  insurerChangeLastDay: string;
}

/** The counts of `year`: another year's counts are zero, so a check is right on 1 January before any reset. */
export function countsOf(used: YearlyCount | undefined, year: number): YearlyCount {
  return used && used.year === year ? used : { year, insurer: 0, clinic: 0, doctor: 0 };
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
export const firstDayOfNextYear = (date: string) => `${yearOf(date) + 1}-01-01`;

export interface LimitState {
  used: number;
  allowed: number;
  left: number;
  /** When the next change at will is possible, if not now. */
  nextChangeOn?: string;
}

/** What is left this year of each limit on `today` (the region's date). */
export function limitsOn(used: YearlyCount | undefined, today: string, rules: YearlyRules): { year: number; insurerChangeLastDay: string } & Record<LimitedChoice, LimitState> {
  const year = yearOf(today);
  const counts = countsOf(used, year);
  const lastDay = `${year}-${rules.insurerChangeLastDay}`;
  const state = (choice: LimitedChoice): LimitState => {
    const left = Math.max(0, rules.yearly[choice] - counts[choice]);
    const closed = left === 0 || (choice === 'insurer' && today > lastDay);
    return { used: counts[choice], allowed: rules.yearly[choice], left, ...(closed ? { nextChangeOn: firstDayOfNextYear(today) } : {}) };
  };
  return { year, insurerChangeLastDay: lastDay, insurer: state('insurer'), clinic: state('clinic'), doctor: state('doctor') };
}

/** The counts after one more change at will of `choice` on `today`. */
export function counted(used: YearlyCount | undefined, choice: LimitedChoice, today: string): YearlyCount {
  const counts = countsOf(used, yearOf(today));
  return { ...counts, [choice]: counts[choice] + 1 };
}

/** Any change counted in the counts' year: the yearly reset has something to clear. */
export function anyUsed(used: YearlyCount | undefined): boolean {
  return used !== undefined && used.insurer + used.clinic + used.doctor > 0;
}

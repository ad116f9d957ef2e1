import { addDays } from '../dates.ts';

/**
 * The temporary policy becomes the permanent e-policy "after 1 to 1.5 months": the register counts
 * that as days 30 to 45 after the day of issue, and converts on a configurable day inside it
 * (`CONVERSION_AFTER_DAYS`, default 30), always while the temporary policy still runs.
 */
export const CONVERSION_WINDOW = { fromDays: 30, toDays: 45 } as const;

/**
 * Why a pair of settings cannot work, or undefined when it can. The temporary policy runs
 * `temporaryPolicyDays` counting the day of issue, so its last day is day `temporaryPolicyDays - 1`
 * after issue: conversion must fall inside the window and on or before that day.
 */
export function conversionSettingsProblem(temporaryPolicyDays: number, conversionAfterDays: number): string | undefined {
  const { fromDays, toDays } = CONVERSION_WINDOW;
  if (conversionAfterDays < fromDays || conversionAfterDays > toDays) {
    return `CONVERSION_AFTER_DAYS must be ${fromDays} to ${toDays} (1 to 1.5 months after issue), not ${conversionAfterDays}`;
  }
  if (conversionAfterDays > temporaryPolicyDays - 1) {
    return `CONVERSION_AFTER_DAYS ${conversionAfterDays} falls after the temporary policy ends (TEMPORARY_POLICY_DAYS ${temporaryPolicyDays}: its last day is day ${temporaryPolicyDays - 1} after issue)`;
  }
  return undefined;
}

/**
 * The day a temporary policy issued on `issuedOn` and running to `validTo` is converted: day
 * `afterDays` after issue. A temporary policy that ends sooner (the right to stay ends inside the
 * window) converts on its last day, if that is still inside the window, so the person keeps a
 * policy to the end of their right; one that ends before the window opens is never converted and
 * simply expires.
 */
export function conversionDay(issuedOn: string, validTo: string, afterDays: number): string | undefined {
  const due = addDays(issuedOn, afterDays);
  if (due <= validTo) return due;
  return validTo >= addDays(issuedOn, CONVERSION_WINDOW.fromDays) ? validTo : undefined;
}

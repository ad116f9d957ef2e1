import * as z from 'zod';
import { isoDate, recordId } from './common.ts';
import { policyInsurer } from './policy.ts';

const limit = z.object({
  used: z.number().int(),
  allowed: z.number().int(),
  left: z.number().int(),
  nextChangeOn: isoDate.optional().meta({ description: 'When the next change at will is possible, if not now.' }),
});

/** The clinic, the doctor and this year's limits: in the account and in a choice's answer. */
export const choicesShape = {
  clinic: z
    .object({ code: z.string(), name: z.string(), since: isoDate, catalogueVersion: z.number().int() })
    .nullable()
    .meta({ description: "The attached clinic (in the person's region), null before the first choice or after moving." }),
  doctor: z
    .object({ code: z.string(), name: z.string(), specialty: z.enum(['therapist', 'pediatrician', 'gp']), since: isoDate, catalogueVersion: z.number().int() })
    .nullable()
    .meta({ description: "The attached doctor of that clinic." }),
  limits: z
    .object({
      year: z.number().int(),
      insurerChangeLastDay: isoDate.meta({ description: 'The last day this year a change of insurer at will is taken (the region\'s date).' }),
      insurer: limit,
      clinic: limit,
      doctor: limit,
      insurerChangeFree: z.literal(true).optional().meta({ description: "The fund reassigned the insurer when its contract ended: the next change is free of the limit and the deadline." }),
    })
    .meta({ id: 'YearlyLimits', description: "Changes at will this calendar year, counted in the region's time zone." }),
};

export const choiceAnswerSchema = z
  .object({
    personId: recordId,
    changed: z.record(z.string(), z.object({ from: z.string().nullable().optional(), to: z.string().nullable().optional() })).meta({ description: 'What changed, field by field.' }),
    registerCode: z.string().optional().meta({ description: 'The register event code of the history entry (П031, П033, П034), if any.' }),
    insurer: policyInsurer,
    ...choicesShape,
  })
  .meta({ id: 'ChoiceMade' });
export type ChoiceAnswer = z.infer<typeof choiceAnswerSchema>;

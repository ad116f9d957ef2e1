/** Every scheduled job, declared once: EventBridge Scheduler in the cloud, croner locally. */
export interface ScheduleDeclaration {
  /** Also the name for `npm run job -- <name>`. */
  name: string;
  handler: string;
  /** EventBridge Scheduler syntax: `cron(min hour day-of-month month day-of-week year)` or `rate(n unit)`. */
  expression: string;
  timeZone: string;
  description: string;
  timeoutSeconds: number;
}

export const schedules = [
  {
    name: 'requeue-stalled-applications',
    handler: 'numbering/requeue-stalled-applications',
    expression: 'cron(0/5 * * * ? *)',
    timeZone: 'Europe/Moscow',
    description: 'Queues again applications still waiting for their number after the grace period',
    timeoutSeconds: 120,
  },
  {
    // Hourly: a region's conversion day starts at its own midnight, and a run converts a bounded batch.
    name: 'convert-temporary-policies',
    handler: 'lifecycle/convert-temporary-policies',
    expression: 'cron(20 * * * ? *)',
    timeZone: 'Europe/Moscow',
    description: 'Replaces each temporary policy due with the permanent e-policy (П060)',
    timeoutSeconds: 300,
  },
  {
    name: 'apply-policy-deadlines',
    handler: 'lifecycle/apply-policy-deadlines',
    expression: 'cron(10 * * * ? *)',
    timeZone: 'Europe/Moscow',
    description: 'Marks bounded policies past their last day expired and resumes suspensions on their end date',
    timeoutSeconds: 300,
  },
  {
    // Hourly: a region's counts fall due at its own midnight of 1 January (Kamchatka's nine hours
    // before Kaliningrad's), and a run clears a bounded number; with nothing due a run is 16 empty Queries.
    name: 'reset-yearly-limits',
    handler: 'choices/reset-yearly-limits',
    expression: 'cron(40 * * * ? *)',
    timeZone: 'Europe/Moscow',
    description: "Clears the yearly counts of changes at will once the new year has reached the person's region",
    timeoutSeconds: 300,
  },
  {
    name: 'reassign-ended-contracts',
    handler: 'choices/reassign-ended-contracts',
    expression: 'cron(50 * * * ? *)',
    timeZone: 'Europe/Moscow',
    description: "Reassigns the insured of an insurer whose contract in a region has ended to the region's other insurers (П036)",
    timeoutSeconds: 300,
  },
  {
    // Hourly: a complaint is due to the instant (30 days after receipt), and a run flags a bounded batch a shard.
    name: 'flag-overdue-complaints',
    handler: 'complaints/flag-overdue-complaints',
    expression: 'cron(15 * * * ? *)',
    timeZone: 'Europe/Moscow',
    description: 'Flags complaints still open past their due date once each, with their history entry and the insurer\'s overdue count',
    timeoutSeconds: 300,
  },
  {
    name: 'rotate-signing-keys',
    handler: 'signing/rotate-signing-keys',
    expression: 'cron(30 3 * * ? *)',
    timeZone: 'Europe/Moscow',
    description: 'Publishes the next barcode signing key when the newest is due, and retires old ones',
    timeoutSeconds: 60,
  },
] as const satisfies readonly ScheduleDeclaration[];

/** What a schedule hands its function: the same object in the cloud (Scheduler's input) and locally. */
export function scheduleInput(name: string): { schedule: string } {
  return { schedule: name };
}

export type ScheduleName = (typeof schedules)[number]['name'];

export function scheduleOf(name: ScheduleName): ScheduleDeclaration {
  return schedules.find((s) => s.name === name)!;
}

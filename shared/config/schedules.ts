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
] as const satisfies readonly ScheduleDeclaration[];

/** What a schedule hands its function: the same object in the cloud (Scheduler's input) and locally. */
export function scheduleInput(name: string): { schedule: string } {
  return { schedule: name };
}

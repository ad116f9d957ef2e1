import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { schedules } from '#shared/config/schedules.ts';
import { toCroner } from '#infra/local/scheduler.ts';

const next = (expression: string, from: string, zone = 'Europe/Moscow', count = 1) => {
  const { pattern, options } = toCroner(expression, zone);
  return new Cron(pattern, options).nextRuns(count, new Date(from)).map((d) => d.toISOString());
};

describe('AWS schedule expressions run locally by croner', () => {
  it('fires every five minutes for cron(0/5 * * * ? *)', () => {
    expect(next('cron(0/5 * * * ? *)', '2026-11-23T10:02:00Z', 'Europe/Moscow', 3)).toEqual([
      '2026-11-23T10:05:00.000Z',
      '2026-11-23T10:10:00.000Z',
      '2026-11-23T10:15:00.000Z',
    ]);
  });

  it('reads weekdays the AWS way (1 = Sunday) and in the schedule\'s time zone', () => {
    // 2 = Monday; 03:00 in Moscow is 00:00 UTC. From Monday 23 Nov noon the next is Monday 30 Nov.
    expect(next('cron(0 3 ? * 2 *)', '2026-11-23T10:00:00Z')).toEqual(['2026-11-30T00:00:00.000Z']);
    // 1 January at 00:00 in Vladivostok
    expect(next('cron(0 0 1 1 ? *)', '2026-11-23T10:00:00Z', 'Asia/Vladivostok')).toEqual(['2026-12-31T14:00:00.000Z']);
  });

  it('supports rate() expressions', () => {
    expect(next('rate(10 minutes)', '2026-11-23T10:02:00Z', 'UTC', 2)).toEqual(['2026-11-23T10:10:00.000Z', '2026-11-23T10:20:00.000Z']);
  });

  it('rejects what EventBridge Scheduler would reject', () => {
    expect(() => toCroner('cron(0 3 * * *)', 'UTC')).toThrow(/6 fields/);
    expect(() => toCroner('every day', 'UTC')).toThrow(/unsupported/);
  });

  it('can run every declared schedule', () => {
    for (const s of schedules) expect(next(s.expression, '2026-11-23T10:00:00Z', s.timeZone)).toHaveLength(1);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProductionCalendar } from '#shared/calendar/production-calendar.ts';
import { loadProductionCalendar } from '#shared/calendar/year-files.ts';
import { findRegion, regionCodes } from '#shared/catalogues/regions.ts';

const calendar = loadProductionCalendar();

describe('production calendar', () => {
  it('knows 2025 and 2026 from its data files', () => {
    expect(calendar.knowsYear(2025)).toBe(true);
    expect(calendar.knowsYear(2026)).toBe(true);
  });

  it('follows the 2025 decree, including the working Saturday of 1 November', () => {
    expect(calendar.isWorkingDay('2025-01-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-01-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2025-05-05')).toBe(true);
    expect(calendar.isWorkingDay('2025-11-01')).toBe(true);
    expect(calendar.isWorkingDay('2025-11-03')).toBe(false);
    expect(calendar.isWorkingDay('2025-12-31')).toBe(false);
  });

  it('follows the 2026 decree', () => {
    expect(calendar.isWorkingDay('2026-01-11')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-09')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-11')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-04')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-05')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-31')).toBe(false);
  });

  it('counts the next working day across a holiday stretch and a year end', () => {
    expect(calendar.nextWorkingDay('2026-11-03')).toBe('2026-11-05');
    expect(calendar.nextWorkingDay('2026-12-30')).toBe('2027-01-11'); // 2027: statutory rule only, 1-8 Jan + weekend 9-10
    expect(calendar.nextWorkingDay('2025-12-30')).toBe('2026-01-12');
    expect(calendar.addWorkingDays('2026-11-02', 3)).toBe('2026-11-06');
  });

  it('without a decree, moves weekend holidays automatically (2027: 1 May -> 3 May, 9 May -> 10 May, 12 Jun -> 14 Jun)', () => {
    const bare = new ProductionCalendar([]);
    expect(bare.isWorkingDay('2027-05-03')).toBe(false);
    expect(bare.isWorkingDay('2027-05-10')).toBe(false);
    expect(bare.isWorkingDay('2027-06-14')).toBe(false);
    expect(bare.isWorkingDay('2027-05-04')).toBe(true);
    // 2 and 3 January 2027 fall on a weekend and are not moved automatically
    expect(bare.isWorkingDay('2027-01-11')).toBe(true);
  });

  it('never moves Christmas automatically either: 7 January 2029 is a Sunday, and Monday 8 January is the last holiday', () => {
    const bare = new ProductionCalendar([]);
    expect(bare.isWorkingDay('2029-01-07')).toBe(false);
    expect(bare.isWorkingDay('2029-01-08')).toBe(false);
    expect(bare.isWorkingDay('2029-01-09')).toBe(true);
  });

  it('ends "one working day" in the region\'s own time zone', () => {
    // Friday 2026-11-20, 23:30 in Kamchatka (UTC+12) is already Saturday there: due end of Monday, Kamchatka time.
    const late = new Date('2026-11-20T11:30:00Z');
    expect(calendar.endOfNextWorkingDay(late, 'Asia/Kamchatka').toISOString()).toBe('2026-11-23T11:59:59.999Z');
    // The same instant in Kaliningrad (UTC+2) is Friday 13:30: due end of Monday, Kaliningrad time.
    expect(calendar.endOfNextWorkingDay(late, 'Europe/Kaliningrad').toISOString()).toBe('2026-11-23T21:59:59.999Z');
    // Filed on Tuesday 3 November 2026 in Moscow: 4 Nov is a holiday, so the end of Thursday 5 November.
    expect(calendar.endOfNextWorkingDay(new Date('2026-11-03T10:00:00Z'), 'Europe/Moscow').toISOString()).toBe('2026-11-05T20:59:59.999Z');
  });

  it('takes a new year as a data file, with no code change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(join(dir, '2027.json'), JSON.stringify({ year: 2027, nonWorkingDays: ['2027-01-01', '2027-05-04'], workingWeekendDays: ['2027-05-08'] }));
    const extended = loadProductionCalendar(dir);
    expect(extended.knowsYear(2027)).toBe(true);
    expect(extended.isWorkingDay('2027-05-04')).toBe(false);
    expect(extended.isWorkingDay('2027-05-08')).toBe(true);
  });

  it('refuses a malformed year file with its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(join(dir, '2028.json'), JSON.stringify({ year: 2028, nonWorkingDays: ['2028-13-45x'] }));
    expect(() => loadProductionCalendar(dir)).toThrow(/2028\.json/);
    const other = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(join(other, '2029.json'), JSON.stringify({ year: 2029, nonWorkingDays: ['2030-01-01'] }));
    expect(() => loadProductionCalendar(other)).toThrow(/another year/);
  });
});

describe('regions', () => {
  it('maps every region to a time zone the runtime knows', () => {
    for (const code of regionCodes) {
      const zone = findRegion(code)!.timeZone;
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), `${code} ${zone}`).not.toThrow();
    }
    expect(findRegion('41')?.timeZone).toBe('Asia/Kamchatka');
    expect(findRegion('39')?.timeZone).toBe('Europe/Kaliningrad');
    expect(findRegion('00')).toBeUndefined();
  });
});

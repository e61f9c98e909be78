/** Wall-clock time in Europe/Stockholm with Intl: ISO weeks, daylight saving, when the digest and reminders are due. */
import { describe, expect, it } from 'vitest';
import { isoWeek, isTimeZone, localParts, reminderMoment, weeklyDigestMoment, zonedInstant } from '../../src/schedule/calendar.js';

const SE = 'Europe/Stockholm';

describe('calendar', () => {
  it('numbers ISO weeks by their Thursday, across year ends', () => {
    expect(isoWeek('2026-11-30')).toBe('2026-W49');
    expect(isoWeek('2026-12-06')).toBe('2026-W49');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('finds the instant of a Stockholm wall-clock time in winter, in summer and on the spring change', () => {
    expect(zonedInstant('2026-11-30', '08:00', SE).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(zonedInstant('2026-06-01', '08:00', SE).toISOString()).toBe('2026-06-01T06:00:00.000Z');
    // 02:30 does not happen on 2026-03-29 (clocks go from 02:00 to 03:00): it comes at 03:30 CEST.
    expect(zonedInstant('2026-03-29', '02:30', SE).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localParts(new Date('2026-11-29T23:30:00Z'), SE)).toEqual({ date: '2026-11-30', weekday: 1, minutes: 30 });
  });

  it('says when this week’s digest is due and which week it covers, from any day of the week', () => {
    const at = { day: 'monday', time: '08:00', timeZone: SE } as const;
    const sunday = weeklyDigestMoment(new Date('2026-12-06T20:00:00Z'), at);
    expect(sunday).toEqual({
      week: '2026-W49',
      due: new Date('2026-11-30T07:00:00Z'),
      previous: new Date('2026-11-23T07:00:00Z'),
    });
    // Across the autumn change the week before started at 08:00 summer time.
    const afterChange = weeklyDigestMoment(new Date('2026-10-26T08:00:00Z'), at);
    expect(afterChange.previous.toISOString()).toBe('2026-10-19T06:00:00.000Z');
    expect(afterChange.due.toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect(weeklyDigestMoment(new Date('2026-12-02T10:00:00Z'), { ...at, day: 'friday' }).due.toISOString()).toBe(
      '2026-12-04T07:00:00.000Z',
    );
  });

  it('sends reminders on working days only, from the configured time', () => {
    const at = { time: '08:00', timeZone: SE };
    expect(reminderMoment(new Date('2026-12-05T09:00:00Z'), at)).toBeNull();
    expect(reminderMoment(new Date('2026-12-04T09:00:00Z'), at)).toEqual({
      day: '2026-12-04',
      week: '2026-W49',
      due: new Date('2026-12-04T07:00:00Z'),
    });
  });

  it('knows IANA time zones and refuses others', () => {
    expect(isTimeZone(SE)).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

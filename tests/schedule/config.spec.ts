/** The schedule's settings (src/config.ts): the digest's day and time, reminders, the time zone; bad values refused. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('schedule settings', () => {
  it('default to Monday 08:00 and reminders from 08:00, in Europe/Stockholm, checked every minute', () => {
    expect(loadConfig({}).bot!.schedule).toEqual({
      digest: { day: 'monday', time: '08:00', timeZone: 'Europe/Stockholm' },
      reminders: { time: '08:00', timeZone: 'Europe/Stockholm' },
      checkMs: 60_000,
    });
  });

  it('take another day, time and zone, and switch either off for the whole app', () => {
    const schedule = loadConfig({
      DIGEST_DAY: 'friday',
      DIGEST_TIME: '15:30',
      REMINDER_TIME: '09:15',
      SCHEDULE_TIME_ZONE: 'Europe/Helsinki',
      REMINDERS_ENABLED: 'false',
    }).bot!.schedule;
    expect(schedule.digest).toEqual({ day: 'friday', time: '15:30', timeZone: 'Europe/Helsinki' });
    expect(schedule.reminders).toBeNull();
    expect(loadConfig({ DIGEST_ENABLED: 'false' }).bot!.schedule.digest).toBeNull();
  });

  it.each([
    { DIGEST_DAY: 'måndag' },
    { DIGEST_TIME: '8:00' },
    { DIGEST_TIME: '24:00' },
    { REMINDER_TIME: '07:60' },
    { SCHEDULE_TIME_ZONE: 'Stockholm' },
  ])('refuses %j', (env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});

/**
 * Wall-clock time in the board's time zone (Europe/Stockholm by default), with Intl alone: the
 * local date and time of an instant, the instant of a local time (daylight saving included),
 * ISO weeks, and when this week's digest and today's reminders are due. Pure: the caller passes `now`.
 */
import type { IsoDate } from '../domain/model.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When the weekly digest goes out: a weekday and a local time (HH:MM) in a time zone. */
export interface WeeklyTime {
  day: Weekday;
  time: string;
  timeZone: string;
}

interface LocalParts {
  date: IsoDate;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the time zone (an IANA name such as Europe/Stockholm). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsOf(at: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local date, weekday and minute of the day of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const p = partsOf(at, timeZone);
  const date = `${pad(p.year!, 4)}-${pad(p.month!)}-${pad(p.day!)}`;
  return { date, weekday: isoWeekday(date), minutes: p.hour! * 60 + p.minute! };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: Date, timeZone: string): number {
  const p = partsOf(at, timeZone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local date and time (HH:MM) happen in a time zone; a time skipped in spring comes an hour later. */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number);
  const wall = Date.parse(`${date}T00:00:00Z`) + (h! * 60 + m!) * 60_000;
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  return new Date(second === first ? first : Math.max(first, second));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week of a date: 2026-W49 (the week belongs to the year of its Thursday). */
export function isoWeek(date: IsoDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${pad(week)}`;
}

/** Today's date where the board is. */
export function localDay(now: Date, timeZone: string): IsoDate {
  return localParts(now, timeZone).date;
}

/** This ISO week's digest: its week, the instant it is due and the instant of the one before (what it covers). */
export function weeklyDigestMoment(now: Date, at: WeeklyTime): { week: string; due: Date; previous: Date } {
  const today = localParts(now, at.timeZone);
  const day = addDays(today.date, WEEKDAYS.indexOf(at.day) + 1 - today.weekday);
  return {
    week: isoWeek(today.date),
    due: zonedInstant(day, at.time, at.timeZone),
    previous: zonedInstant(addDays(day, -7), at.time, at.timeZone),
  };
}

/** Reminders go out on working days (Monday to Friday) from the configured time; null on other days. */
export function reminderMoment(now: Date, at: Pick<WeeklyTime, 'time' | 'timeZone'>): { day: IsoDate; week: string; due: Date } | null {
  const today = localParts(now, at.timeZone);
  if (today.weekday > 5) return null;
  return { day: today.date, week: isoWeek(today.date), due: zonedInstant(today.date, at.time, at.timeZone) };
}

import type { IsoDate, Quarter } from './model.js';

const QUARTER = /^(\d{4})-Q([1-4])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isQuarter(value: string): boolean {
  return QUARTER.test(value);
}

/** A real calendar date in YYYY-MM-DD form (rejects 2024-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The last day of a quarter: 2025-Q2 -> 2025-06-30. */
export function quarterEnd(quarter: Quarter): IsoDate {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const end = new Date(Date.UTC(year, q * 3, 0));
  return end.toISOString().slice(0, 10);
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.localeCompare(b);
}

/** Today's date in UTC as YYYY-MM-DD. */
export function isoDay(now: Date): IsoDate {
  return now.toISOString().slice(0, 10);
}

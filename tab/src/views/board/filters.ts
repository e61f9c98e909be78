/** Filtering, sorting and searching the board: pure functions of the control points and the filter. */
import type { ControlPointSummary } from '../../../../src/domain/views.js';

export const SORT_KEYS = ['number', 'levelAsc', 'levelDesc', 'statusDate', 'expectedEnd'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface BoardFilter {
  query: string;
  focusOnly: boolean;
  overdueOnly: boolean;
  /** '' all, '-' none, otherwise a work package key. */
  workPackage: string;
  /** '' all, 'none' not assessed, otherwise a level number. */
  level: string;
  sort: SortKey;
}

export const EMPTY_FILTER: BoardFilter = { query: '', focusOnly: false, overdueOnly: false, workPackage: '', level: '', sort: 'number' };

export function isFiltered(f: BoardFilter): boolean {
  return f.query.trim() !== '' || f.focusOnly || f.overdueOnly || f.workPackage !== '' || f.level !== '';
}

function normalize(text: string): string {
  return text.toLocaleLowerCase('sv').normalize('NFC');
}

function matchesQuery(cp: ControlPointSummary, query: string): boolean {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalize(
    [String(cp.number), cp.title, cp.unitStatus?.text ?? '', ...cp.workPackages.map((wp) => `${wp.key} ${wp.name}`)].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}

function matches(cp: ControlPointSummary, f: BoardFilter): boolean {
  if (f.focusOnly && !cp.focus) return false;
  if (f.overdueOnly && !cp.overdue) return false;
  if (f.workPackage === '-' && cp.workPackages.length > 0) return false;
  if (f.workPackage && f.workPackage !== '-' && !cp.workPackages.some((wp) => wp.key === f.workPackage)) return false;
  if (f.level === 'none' && cp.dpo !== null) return false;
  if (f.level && f.level !== 'none' && cp.dpo?.level !== Number(f.level)) return false;
  return matchesQuery(cp, f.query);
}

/** Missing values sort last whichever the direction. */
function compareNullable<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b);
}

const COMPARE: Record<SortKey, (a: ControlPointSummary, b: ControlPointSummary) => number> = {
  number: () => 0,
  levelAsc: (a, b) => compareNullable(a.dpo?.level ?? null, b.dpo?.level ?? null, (x, y) => x - y),
  levelDesc: (a, b) => compareNullable(a.dpo?.level ?? null, b.dpo?.level ?? null, (x, y) => y - x),
  statusDate: (a, b) => compareNullable(a.unitStatus?.statusDate ?? null, b.unitStatus?.statusDate ?? null, (x, y) => y.localeCompare(x)),
  expectedEnd: (a, b) => compareNullable(a.expectedEnd, b.expectedEnd, (x, y) => x.localeCompare(y)),
};

export function applyFilter(controlPoints: ControlPointSummary[], f: BoardFilter): ControlPointSummary[] {
  return controlPoints.filter((cp) => matches(cp, f)).sort((a, b) => COMPARE[f.sort](a, b) || a.number - b.number);
}

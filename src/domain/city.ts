/**
 * The city-wide view (issue 14, item 3; contract C3): every unit's twelve control points as a heat map,
 * units as rows and control points as columns, with a summary row of the spread per control point.
 *
 * Pure: built from the boards the store already gives (getBoardData of the year and of the unit's year
 * before), judged with the board's own rules (src/domain/views.ts: the latest mark, focus, overdue), so a
 * cell says exactly what that unit's board says. The tab's heat map and the city reports both read this
 * view and filter it with filterCityView, the one filter.
 *
 * Levels are numbered 1..n with 1 the lowest on every scale (src/domain/scale.ts); the DPO's scale
 * direction only says which end of the report's graphic is high (src/domain/interpretation.ts), so
 * "up" is always a higher level than last year.
 */
import type { BoardData, IsoDate } from './model.js';
import type { Scale, ScaleLevel } from './scale.js';
import { buildBoard, isActivityOverdue, type ControlPointSummary } from './views.js';

/** What a row says about its unit (a Unit of src/domain/model.ts satisfies it). */
export interface CityUnit {
  id: string;
  name: string;
  nameEn: string;
  /** Made by `npm run seed -- --demo-units N`: shown with "(exempel)" / "(example)" (unitLabel, src/domain/units.ts). */
  example: boolean;
  /** Archived units are shown (their history is kept), marked, and read-only. */
  archived: boolean;
}

/** Change from the unit's previous report year: null when not assessed this year, 'new' when assessed now but not then. */
export type CityTrend = 'up' | 'down' | 'same' | 'new' | null;

export interface CityCell {
  controlPoint: number;
  /** The DPO's latest mark of the year (as the unit's board shows it); null when not yet assessed. */
  level: number | null;
  /** The mark is the seed's reading of the report's X, not yet confirmed by the DPO (isInterpreted). */
  interpreted: boolean;
  /** The DPO recommended this control point as a focus area in this year's report. */
  focus: boolean;
  /**
   * Overdue work: the control point's activities past their due quarter and not done (isActivityOverdue),
   * plus one when the control point itself is past its expected end with its work not done (the board's mark).
   */
  overdue: number;
  /** Keys of the work packages (huvudpaket) that carry the control point's work in this unit. */
  workPackages: string[];
  /** The DPO's latest mark of the unit's previous report year; null when none. */
  previousLevel: number | null;
  trend: CityTrend;
  /** Whether the cell passes the filter filterCityView applied (true in an unfiltered view); the tab dims the others. */
  match: boolean;
}

export interface CityRow {
  unit: CityUnit;
  /** The year shown (the view's year); null when the unit has no report year of that number (its cells are empty). */
  year: number | null;
  cells: CityCell[];
  /** The sum of the cells' overdue work. */
  overdue: number;
  /** The unit's focus areas of the year (control point numbers, ascending). */
  focus: number[];
}

export interface CitySummary {
  controlPoint: number;
  /** How many rows have each level of the scale (every level present, zero when none). */
  counts: Record<number, number>;
  /** Rows with no mark for the control point (including units without the year). */
  notAssessed: number;
  /** Null when no row is assessed. The median of an even count is the mean of the two middle levels. */
  min: number | null;
  median: number | null;
  max: number | null;
}

export interface CityView {
  year: number;
  /** Every report year some unit of the view has, ascending (the year picker's choices). */
  years: number[];
  /** The day overdue is judged by (today, as on the board). */
  asOf: IsoDate;
  /** The DPO's scale, lowest level first. */
  levels: ScaleLevel[];
  /** The columns: the control points, by number. */
  controlPoints: { number: number; title: string }[];
  /** Every work package some unit's control points name (the work-package filter's choices). */
  workPackages: { key: string; name: string }[];
  rows: CityRow[];
  /** One per column, in the columns' order, over the view's rows. */
  summary: CitySummary[];
  /** The newest change the view reflects (for live updates, as the board's changeSeq). */
  changeSeq: number;
}

/** One unit as the city view is built from it. */
export interface CityUnitData {
  unit: CityUnit;
  /** The unit's board of the view's year; null when it has no year of that number. */
  board: BoardData | null;
  /** The unit's board of its newest year before the view's year; null when none. */
  previous: BoardData | null;
  /** The unit's report years (for the view's year picker). */
  years: number[];
}

export interface CityInput {
  year: number;
  today: IsoDate;
  scale: Scale;
  /** The fixed control points, when known (FIXED_CONTROL_POINTS); otherwise the columns are read from the boards. */
  controlPoints?: readonly { number: number; title: string }[];
  units: readonly CityUnitData[];
}

export interface CityFilter {
  /** Only focus areas: rows with a focus area; the other cells do not match. */
  focusOnly?: boolean;
  /** Only overdue work: rows with overdue work; the other cells do not match. */
  overdueOnly?: boolean;
  /** Only one work package (its key): rows where it carries some control point; the other cells do not match. */
  workPackage?: string;
}

export function trendOf(level: number | null, previous: number | null): CityTrend {
  if (level === null) return null;
  if (previous === null) return 'new';
  return level > previous ? 'up' : level < previous ? 'down' : 'same';
}

/** The columns: the given control points, else every number some board has (titled by the first board that has it). */
function columnsOf(input: CityInput): { number: number; title: string }[] {
  if (input.controlPoints) return [...input.controlPoints].sort((a, b) => a.number - b.number);
  const titles = new Map<number, string>();
  for (const { board } of input.units)
    for (const cp of board?.controlPoints ?? []) if (!titles.has(cp.number)) titles.set(cp.number, cp.title);
  return [...titles].map(([number, title]) => ({ number, title })).sort((a, b) => a.number - b.number);
}

function workPackagesOf(units: readonly CityUnitData[]): { key: string; name: string }[] {
  const names = new Map<string, string>();
  for (const { board } of units) {
    if (!board) continue;
    const named = new Set(board.controlPoints.flatMap((cp) => cp.workPackages));
    for (const wp of board.workPackages) if (named.has(wp.key) && !names.has(wp.key)) names.set(wp.key, wp.name);
  }
  return [...names].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

const emptyCell = (controlPoint: number, previousLevel: number | null): CityCell => ({
  controlPoint,
  level: null,
  interpreted: false,
  focus: false,
  overdue: 0,
  workPackages: [],
  previousLevel,
  trend: null,
  match: true,
});

function cellOf(summary: ControlPointSummary | undefined, board: BoardData, today: IsoDate, controlPoint: number, previous: number | null) {
  if (!summary) return emptyCell(controlPoint, previous);
  const lateActivities = board.activities.filter((a) => a.controlPoint === controlPoint && isActivityOverdue(a, today)).length;
  const level = summary.dpo?.level ?? null;
  return {
    controlPoint,
    level,
    interpreted: summary.dpo?.interpreted ?? false,
    focus: summary.focus,
    overdue: lateActivities + (summary.overdue ? 1 : 0),
    workPackages: summary.workPackages.map((wp) => wp.key),
    previousLevel: previous,
    trend: trendOf(level, previous),
    match: true,
  } satisfies CityCell;
}

function rowOf(data: CityUnitData, columns: { number: number }[], input: CityInput): CityRow {
  const summaries = (board: BoardData | null) =>
    new Map((board ? buildBoard(board, input.scale, input.today).controlPoints : []).map((s) => [s.number, s]));
  const now = summaries(data.board);
  const before = summaries(data.previous);
  const previousLevel = (n: number) => before.get(n)?.dpo?.level ?? null;
  const { board } = data;
  const cells = columns.map(({ number }) =>
    board ? cellOf(now.get(number), board, input.today, number, previousLevel(number)) : emptyCell(number, null),
  );
  return {
    unit: { id: data.unit.id, name: data.unit.name, nameEn: data.unit.nameEn, example: data.unit.example, archived: data.unit.archived },
    year: board ? input.year : null,
    cells,
    overdue: cells.reduce((sum, c) => sum + c.overdue, 0),
    focus: cells.filter((c) => c.focus).map((c) => c.controlPoint),
  };
}

/** Open units first, then by Swedish name (archived units last, still shown). */
function byUnit(a: CityRow, b: CityRow): number {
  return (
    Number(a.unit.archived) - Number(b.unit.archived) || a.unit.name.localeCompare(b.unit.name, 'sv') || a.unit.id.localeCompare(b.unit.id)
  );
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The spread per column over the rows: counts per level, not assessed, min/median/max. */
export function summarizeCity(
  rows: readonly CityRow[],
  columns: readonly { number: number }[],
  levels: readonly ScaleLevel[],
): CitySummary[] {
  return columns.map(({ number }, i) => {
    const marked = rows
      .map((r) => r.cells[i]?.level ?? null)
      .filter((l): l is number => l !== null)
      .sort((a, b) => a - b);
    const counts: Record<number, number> = Object.fromEntries(levels.map((l) => [l.level, 0]));
    for (const level of marked) counts[level] = (counts[level] ?? 0) + 1;
    return {
      controlPoint: number,
      counts,
      notAssessed: rows.length - marked.length,
      min: marked[0] ?? null,
      median: median(marked),
      max: marked.at(-1) ?? null,
    };
  });
}

export function buildCityView(input: CityInput): CityView {
  const columns = columnsOf(input);
  const rows = input.units.map((u) => rowOf(u, columns, input)).sort(byUnit);
  const levels = input.scale.levels;
  return {
    year: input.year,
    years: [...new Set(input.units.flatMap((u) => u.years))].sort((a, b) => a - b),
    asOf: input.today,
    levels,
    controlPoints: columns,
    workPackages: workPackagesOf(input.units),
    rows,
    summary: summarizeCity(rows, columns, levels),
    changeSeq: input.units.reduce((max, u) => Math.max(max, u.board?.changeSeq ?? 0, u.previous?.changeSeq ?? 0), 0),
  };
}

function cellMatches(cell: CityCell, filter: CityFilter): boolean {
  if (filter.focusOnly && !cell.focus) return false;
  if (filter.overdueOnly && cell.overdue === 0) return false;
  if (filter.workPackage !== undefined && !cell.workPackages.includes(filter.workPackage)) return false;
  return true;
}

/**
 * The one filter of the city view (the tab and the reports use it): keeps the rows with at least one
 * cell that passes every filter given, marks each kept cell's `match`, and sums the summary again over
 * the kept rows. All twelve columns stay, so the heat map keeps its shape; rows are never added or changed
 * beyond `match`. No filter given: the view as it is.
 */
export function filterCityView(view: CityView, filter: CityFilter): CityView {
  if (!filter.focusOnly && !filter.overdueOnly && filter.workPackage === undefined) return view;
  const rows = view.rows.flatMap((row) => {
    const cells = row.cells.map((cell) => ({ ...cell, match: cellMatches(cell, filter) }));
    return cells.some((c) => c.match) ? [{ ...row, cells }] : [];
  });
  return { ...view, rows, summary: summarizeCity(rows, view.controlPoints, view.levels) };
}

/**
 * Everything a report for one unit and year shows, read through the BoardStore port and
 * shaped by the domain views (buildBoard, buildControlPointDetail, buildActionPlan). The
 * deck and the exports are pure functions of this.
 */
import type { Evidence } from '../domain/evidence.js';
import type { Activity, Assessment, IsoDate, StatusUpdate, Unit, WorkPackage } from '../domain/model.js';
import { openYearOf } from '../domain/rules.js';
import type { Scale } from '../domain/scale.js';
import { buildActionPlan, buildBoard, buildControlPointDetail, type ActionPlanView, type ActivityCounts } from '../domain/views.js';
import { plainText } from '../domain/text.js';
import type { EvidenceStore } from '../store/evidence.js';
import type { BoardStore } from '../store/port.js';

export interface ReportControlPoint {
  number: number;
  title: string;
  owner: string;
  focus: boolean;
  /** The DPO's latest assessment in the report year, and in the year before (when there is one). */
  dpo: Assessment | null;
  dpoPrevious: Assessment | null;
  /** True while the DPO's mark of the year is the seed's reading of the report's X (not yet confirmed by the DPO). */
  interpreted: boolean;
  /** The same for the year before. */
  interpretedPrevious: boolean;
  /** The unit's newest status in the report year. */
  status: StatusUpdate | null;
  /** The unit's newest status before the report year (shown while the year has none). */
  statusPrevious: StatusUpdate | null;
  unitLevel: number | null;
  unitLevelPrevious: number | null;
  activities: (Activity & { overdue: boolean })[];
  counts: ActivityCounts;
  workPackages: (WorkPackage & { overdue: boolean })[];
  expectedEnd: IsoDate | null;
  overdue: boolean;
  /** The control point's evidence, newest document first (empty when the store keeps none). */
  evidence: Evidence[];
}

export interface ReportData {
  /** The unit as a report names it (the people responsible for it are no part of a report). */
  unit: Omit<Unit, 'responsible'>;
  year: number;
  /** The report year before this one, when the unit has one. */
  previousYear: number | null;
  focusYear: number | null;
  /** The day the report was compiled. */
  today: IsoDate;
  /** The day work is judged overdue "as of": chosen by the user, by default the year's status date for a closed year, else today. */
  asOf: IsoDate;
  /** Whether the user chose asOf (the deck then says so). */
  asOfChosen: boolean;
  scale: Scale;
  controlPoints: ReportControlPoint[];
  actionPlan: ActionPlanView;
  /** The unit's contact as the DPO keeps it in the store (the report's closing slide), or null. */
  contact: { name: string; title: string; email: string } | null;
  /** Whether the store keeps evidence at all (the deck's appendix and the evidence export need it). */
  evidenceKept: boolean;
}

function newest<T extends { id: number }>(items: T[]): T | null {
  return items.reduce<T | null>((best, i) => (best === null || i.id > best.id ? i : best), null);
}

function levelOf(statuses: StatusUpdate[]): number | null {
  return newest(statuses.filter((s) => s.unitLevel !== null))?.unitLevel ?? null;
}

/** Every string in the value cleaned of control characters (text stored before the rule, or edited in SharePoint). */
function withPlainText<T>(value: T): T {
  if (typeof value === 'string') return plainText(value) as T;
  if (Array.isArray(value)) return value.map(withPlainText) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlainText(v)])) as T;
  }
  return value;
}

/**
 * Every control point's evidence, asked only for the control points that have some; null when the
 * store keeps no evidence (the port's part is optional while a store does not have it).
 */
async function loadEvidence(store: { readonly evidence?: EvidenceStore }, unitId: string): Promise<Map<number, Evidence[]> | null> {
  const evidence = store.evidence;
  if (!evidence) return null;
  const counts = await evidence.countByControlPoint(unitId);
  const numbers = [...counts.entries()].filter(([, n]) => n > 0).map(([cp]) => cp);
  const lists = await Promise.all(numbers.map((cp) => evidence.list(unitId, cp)));
  return new Map(numbers.map((cp, i) => [cp, lists[i]!]));
}

/**
 * The day overdue is judged by when the user chose none: a closed year is judged as of its
 * newest status date (the day the unit answered), the open year as of today.
 */
export function defaultAsOf(year: number, years: number[], statusDates: IsoDate[], today: IsoDate): IsoDate {
  if (openYearOf(years) === year) return today;
  return statusDates.reduce<IsoDate | null>((max, d) => (max === null || d > max ? d : max), null) ?? today;
}

/**
 * Reads the unit's board for the year (its newest when omitted), each control point's detail
 * and the action plan, as plain data (it is copied to a worker thread), with plain text only.
 * Overdue is judged as of `asOf` when given (see defaultAsOf otherwise).
 */
export async function loadReportData(
  store: BoardStore,
  unitId: string,
  year: number | undefined,
  today: IsoDate,
  asOf?: IsoDate,
): Promise<ReportData> {
  const boardData = await store.getBoardData(unitId, year);
  const judgedAt =
    asOf ??
    defaultAsOf(
      boardData.year,
      boardData.years,
      boardData.statusUpdates.map((s) => s.statusDate),
      today,
    );
  const board = buildBoard(boardData, store.scale, judgedAt);
  const previousYear = board.years.filter((y) => y < board.year).at(-1) ?? null;
  const details = await Promise.all(
    board.controlPoints.map(async (cp) =>
      buildControlPointDetail(await store.getControlPointData(unitId, cp.number), store.scale, judgedAt),
    ),
  );
  const planData = await store.getActionPlanData(unitId);
  const actionPlan = buildActionPlan(planData, judgedAt);
  const evidence = await loadEvidence(store, unitId);
  const stored = planData.contact;
  const contact = stored?.name
    ? { name: stored.name, title: [stored.title, stored.role].filter(Boolean).join('|'), email: stored.email }
    : null;
  const controlPoints = board.controlPoints.map((cp, i): ReportControlPoint => {
    const detail = details[i]!;
    const ofYear = (y: number | null) => detail.statusUpdates.filter((s) => s.year === y);
    const before = detail.statusUpdates.filter((s) => s.year < board.year);
    const previous = detail.assessmentsByYear.find((y) => y.year === previousYear)?.latest ?? null;
    return {
      number: cp.number,
      title: cp.title,
      owner: cp.owner,
      focus: cp.focus,
      dpo: cp.dpo,
      dpoPrevious: previous,
      interpreted: cp.dpo?.interpreted ?? false,
      interpretedPrevious: previous?.interpreted ?? false,
      status: cp.unitStatus,
      statusPrevious: newest(before),
      unitLevel: cp.unitLevel,
      unitLevelPrevious: levelOf(ofYear(previousYear)),
      activities: detail.activities,
      counts: cp.activities,
      workPackages: detail.workPackages,
      expectedEnd: cp.expectedEnd,
      overdue: cp.overdue,
      evidence: evidence?.get(cp.number) ?? [],
    };
  });
  return withPlainText({
    unit: board.unit,
    year: board.year,
    previousYear,
    focusYear: board.focusYear,
    today,
    asOf: judgedAt,
    asOfChosen: asOf !== undefined,
    scale: board.scale,
    controlPoints,
    actionPlan,
    contact,
    evidenceKept: evidence !== null,
  });
}

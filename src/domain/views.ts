/**
 * The views the board shows, derived from what the store holds. Pure functions of
 * (data, today): no I/O, so the SQLite and SharePoint stores yield the same board.
 */
import type {
  Activity,
  ActivityState,
  ActionPlanData,
  Assessment,
  BoardData,
  ControlPoint,
  ControlPointData,
  Instruction,
  InstructionState,
  IsoDate,
  StatusUpdate,
  WorkPackage,
} from './model.js';
import { isInterpreted } from './interpretation.js';
import { quarterEnd } from './period.js';
import type { Scale } from './scale.js';
import { peopleByName, type UnitPeopleNamed } from './units.js';

/**
 * A DPO's mark as the views show it: `interpreted` while it is the seed's reading of the report's X
 * (shown with the note "tolkad från rapporten" / "interpreted from the report" until the DPO confirms it).
 */
export type Mark = Assessment & { interpreted: boolean };

function markOf(a: Assessment): Mark {
  return { ...a, interpreted: isInterpreted(a) };
}

/** Work is overdue when its expected end has passed and it is not done. */
export function isPastDue(expectedEnd: IsoDate | null, done: boolean, today: IsoDate): boolean {
  return expectedEnd !== null && expectedEnd < today && !done;
}

/** A control point's work is done when it has activities and all of them are done. */
export function isControlPointDone(activities: Activity[]): boolean {
  return activities.length > 0 && activities.every((a) => a.state === 'done');
}

export function isActivityOverdue(a: Activity, today: IsoDate): boolean {
  return isPastDue(a.dueTo ? quarterEnd(a.dueTo) : null, a.state === 'done', today);
}

export function isWorkPackageOverdue(wp: WorkPackage, today: IsoDate): boolean {
  return isPastDue(wp.expectedEnd, wp.state === 'done', today);
}

/**
 * When an instruction is due: the end of its planned quarter. None when the report does not give its
 * state (it may be done), so such an instruction is never judged overdue.
 */
export function instructionDue(i: Instruction): IsoDate | null {
  return i.plannedQuarter && i.state !== 'notStated' ? quarterEnd(i.plannedQuarter) : null;
}

export function isInstructionOverdue(i: Instruction, today: IsoDate): boolean {
  return isPastDue(instructionDue(i), i.state === 'done', today);
}

function latest<T extends { id: number }>(items: T[]): T | null {
  return items.reduce<T | null>((best, item) => (best === null || item.id > best.id ? item : best), null);
}

export type ActivityCounts = Record<ActivityState, number>;

function countActivities(activities: Activity[]): ActivityCounts {
  const counts: ActivityCounts = { planned: 0, ongoing: 0, done: 0 };
  for (const a of activities) counts[a.state] += 1;
  return counts;
}

export interface ControlPointSummary {
  number: number;
  title: string;
  owner: string;
  focus: boolean;
  /** The DPO's latest mark of the year. */
  dpo: Mark | null;
  unitStatus: StatusUpdate | null;
  /** The unit's own latest level (from its newest status update that gave one). */
  unitLevel: number | null;
  workPackages: WorkPackage[];
  expectedEnd: IsoDate | null;
  overdue: boolean;
  activities: ActivityCounts;
  version: number;
}

export interface BoardView {
  /** The unit, its people by name and role (every reader gets the same view; GET /api/units shows contacts to who may see them). */
  unit: UnitPeopleNamed;
  year: number;
  years: number[];
  focusYear: number | null;
  scale: Scale;
  today: IsoDate;
  controlPoints: ControlPointSummary[];
  workPackages: (WorkPackage & { overdue: boolean })[];
  /** What the focus slides say where it differs from the control point's own section (control point 7). */
  focusTexts: { controlPoint: number; focusYear: number; text: string }[];
  changeSeq: number;
}

const mapNullable = <T, U>(value: T | null, map: (v: T) => U): U | null => (value === null ? null : map(value));

function byControlPoint<T extends { controlPoint: number }>(items: T[], n: number): T[] {
  return items.filter((i) => i.controlPoint === n);
}

function packagesOf(cp: ControlPoint, all: WorkPackage[]): WorkPackage[] {
  return cp.workPackages.flatMap((key) => all.filter((wp) => wp.key === key));
}

function summarize(cp: ControlPoint, data: BoardData, today: IsoDate): ControlPointSummary {
  const statuses = byControlPoint(data.statusUpdates, cp.number);
  const activities = byControlPoint(data.activities, cp.number);
  return {
    number: cp.number,
    title: cp.title,
    owner: cp.owner,
    focus: data.focusAreas.some((f) => f.controlPoint === cp.number),
    dpo: mapNullable(latest(byControlPoint(data.assessments, cp.number)), markOf),
    unitStatus: latest(statuses),
    unitLevel: latest(statuses.filter((s) => s.unitLevel !== null))?.unitLevel ?? null,
    workPackages: packagesOf(cp, data.workPackages),
    expectedEnd: cp.expectedEnd,
    overdue: isPastDue(cp.expectedEnd, isControlPointDone(activities), today),
    activities: countActivities(activities),
    version: cp.version,
  };
}

export function buildBoard(data: BoardData, scale: Scale, today: IsoDate): BoardView {
  return {
    unit: peopleByName(data.unit),
    year: data.year,
    years: data.years,
    focusYear: data.focusAreas[0]?.focusYear ?? null,
    scale,
    today,
    controlPoints: [...data.controlPoints].sort((a, b) => a.number - b.number).map((cp) => summarize(cp, data, today)),
    workPackages: data.workPackages.map((wp) => ({ ...wp, overdue: isWorkPackageOverdue(wp, today) })),
    focusTexts: data.focusAreas.flatMap((f) => (f.text ? [{ controlPoint: f.controlPoint, focusYear: f.focusYear, text: f.text }] : [])),
    changeSeq: data.changeSeq,
  };
}

export interface YearOfAssessments {
  year: number;
  latest: Mark | null;
  /** Oldest first, each with whether it is the interpretation of the report's X. */
  assessments: Mark[];
}

export interface ControlPointDetail {
  /** The unit, its people by name and role (as BoardView's). */
  unit: UnitPeopleNamed;
  controlPoint: ControlPoint;
  scale: Scale;
  today: IsoDate;
  overdue: boolean;
  focusYears: number[];
  /** What the focus slides say for this control point where it differs from its own section (control point 7). */
  focusTexts: { focusYear: number; text: string }[];
  assessmentsByYear: YearOfAssessments[];
  /** Newest first. */
  statusUpdates: StatusUpdate[];
  activities: (Activity & { overdue: boolean })[];
  workPackages: (WorkPackage & { overdue: boolean })[];
  /** Newest first. */
  changes: ControlPointData['changes'];
  changeSeq: number;
}

function groupByYear(assessments: Assessment[]): YearOfAssessments[] {
  const years = [...new Set(assessments.map((a) => a.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const ofYear = assessments
      .filter((a) => a.year === year)
      .sort((a, b) => a.id - b.id)
      .map(markOf);
    return { year, latest: latest(ofYear), assessments: ofYear };
  });
}

export function buildControlPointDetail(data: ControlPointData, scale: Scale, today: IsoDate): ControlPointDetail {
  const cp = data.controlPoint;
  return {
    unit: peopleByName(data.unit),
    controlPoint: cp,
    scale,
    today,
    overdue: isPastDue(cp.expectedEnd, isControlPointDone(data.activities), today),
    focusYears: data.focusAreas.filter((f) => f.controlPoint === cp.number).map((f) => f.focusYear),
    focusTexts: data.focusAreas.flatMap((f) => (f.controlPoint === cp.number && f.text ? [{ focusYear: f.focusYear, text: f.text }] : [])),
    assessmentsByYear: groupByYear(data.assessments),
    statusUpdates: [...data.statusUpdates].sort((a, b) => b.id - a.id),
    activities: [...data.activities]
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((a) => ({ ...a, overdue: isActivityOverdue(a, today) })),
    workPackages: packagesOf(cp, data.workPackages).map((wp) => ({ ...wp, overdue: isWorkPackageOverdue(wp, today) })),
    changes: [...data.changes].sort((a, b) => b.seq - a.seq),
    changeSeq: data.changeSeq,
  };
}

export interface ActionPlanView {
  /** The unit, its people by name and role (as BoardView's). */
  unit: UnitPeopleNamed;
  project: ActionPlanData['project'];
  today: IsoDate;
  /** Counted as the report states them: notStated is every instruction the report names no state for. */
  progress: { done: number; ongoing: number; planned: number; notStated: number; total: number; percentDone: number };
  instructions: Record<InstructionState, Instruction[]>;
  /** Planned instructions grouped by their planned quarter ('' when none is set). */
  plannedByQuarter: { quarter: string | null; instructions: Instruction[] }[];
  trainings: ActionPlanData['trainings'];
  /** Items of the plan that are neither instructions nor trainings. */
  items: ActionPlanData['items'];
  subProjects: ActionPlanData['subProjects'];
  workPackages: (WorkPackage & { overdue: boolean })[];
  contact: ActionPlanData['contact'];
  changeSeq: number;
}

export function buildActionPlan(data: ActionPlanData, today: IsoDate): ActionPlanView {
  const sorted = [...data.instructions].sort((a, b) => a.number - b.number);
  const of = (state: InstructionState) => sorted.filter((i) => i.state === state);
  const planned = [...of('planned'), ...of('ongoing')];
  const quarters = [...new Set(planned.map((i) => i.plannedQuarter))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  );
  const done = of('done').length;
  return {
    unit: peopleByName(data.unit),
    project: data.project,
    today,
    progress: {
      done,
      ongoing: of('ongoing').length,
      planned: of('planned').length,
      notStated: of('notStated').length,
      total: sorted.length,
      percentDone: sorted.length === 0 ? 0 : Math.round((done / sorted.length) * 100),
    },
    instructions: { done: of('done'), ongoing: of('ongoing'), planned: of('planned'), notStated: of('notStated') },
    plannedByQuarter: quarters.map((quarter) => ({
      quarter,
      instructions: planned.filter((i) => i.plannedQuarter === quarter),
    })),
    trainings: data.trainings,
    items: [...data.items].sort((a, b) => a.position - b.position),
    subProjects: [...data.subProjects].sort((a, b) => a.position - b.position),
    workPackages: data.workPackages.map((wp) => ({ ...wp, overdue: isWorkPackageOverdue(wp, today) })),
    contact: data.contact,
    changeSeq: data.changeSeq,
  };
}

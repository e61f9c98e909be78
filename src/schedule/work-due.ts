/**
 * What the reminders and the weekly digest speak of, from the board's data: work that is overdue
 * (the domain's one rule, isActivityOverdue / isWorkPackageOverdue in src/domain/views.ts), work
 * that became overdue during the week, work finished during the week (from the change log) and
 * the next deadlines. Pure functions of the data and the dates.
 */
import type {
  Activity,
  ActionPlanData,
  BoardData,
  ChangeRecord,
  ControlPoint,
  Instruction,
  IsoDate,
  WorkPackage,
} from '../domain/model.js';
import { quarterEnd } from '../domain/period.js';
import { instructionDue, isActivityOverdue, isWorkPackageOverdue } from '../domain/views.js';

export type WorkKind = 'activity' | 'workPackage' | 'instruction';

/** One piece of work with a deadline. */
export interface DueWork {
  kind: WorkKind;
  /** Stable across runs and instances: `activity:<id>`, `workPackage:<key>`, `instruction:<number>`. */
  key: string;
  title: string;
  controlPoint: number | null;
  /** The last day of its period (an activity's last quarter, a work package's expected end). */
  due: IsoDate;
  /** The person responsible as the board names them (the control point's owner); null when nobody is named. */
  owner: string | null;
}

const activityDue = (a: Activity): IsoDate | null => (a.dueTo ? quarterEnd(a.dueTo) : null);

function ownerOf(cps: ControlPoint[], n: number): string | null {
  const owner = cps.find((cp) => cp.number === n)?.owner.trim();
  return owner ? owner : null;
}

function activityWork(a: Activity, cps: ControlPoint[]): DueWork | null {
  const due = activityDue(a);
  if (!due) return null;
  return {
    kind: 'activity',
    key: `activity:${a.id}`,
    title: a.text,
    controlPoint: a.controlPoint,
    due,
    owner: ownerOf(cps, a.controlPoint),
  };
}

function workPackageWork(wp: WorkPackage): DueWork | null {
  if (!wp.expectedEnd) return null;
  // A work package carries several control points' work and names nobody: its reminder goes to the unit's channel.
  return { kind: 'workPackage', key: `workPackage:${wp.key}`, title: wp.name, controlPoint: null, due: wp.expectedEnd, owner: null };
}

function instructionWork(i: Instruction): DueWork | null {
  const due = instructionDue(i);
  if (due === null || i.state === 'done') return null;
  return {
    kind: 'instruction',
    key: `instruction:${i.number}`,
    title: `${i.code} ${i.title}`,
    controlPoint: null,
    due,
    owner: null,
  };
}

const byDue = (a: DueWork, b: DueWork) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key);
const present = <T>(v: T | null): v is T => v !== null;

/** Activities and work packages overdue on `day`. */
export function overdueOn(board: BoardData, day: IsoDate): DueWork[] {
  const activities = board.activities.filter((a) => isActivityOverdue(a, day)).map((a) => activityWork(a, board.controlPoints));
  const packages = board.workPackages.filter((wp) => isWorkPackageOverdue(wp, day)).map(workPackageWork);
  return [...activities, ...packages].filter(present).sort(byDue);
}

/** Overdue today and not yet on `since` (the day the week began). */
export function becameOverdue(board: BoardData, since: IsoDate, today: IsoDate): DueWork[] {
  const before = new Set(overdueOn(board, since).map((w) => w.key));
  return overdueOn(board, today).filter((w) => !before.has(w.key));
}

/** Unfinished work whose deadline is today or later, soonest first. */
export function nextDeadlines(board: BoardData, plan: ActionPlanData | null, today: IsoDate, limit: number): DueWork[] {
  const open = [
    ...board.activities.filter((a) => a.state !== 'done').map((a) => activityWork(a, board.controlPoints)),
    ...board.workPackages.filter((wp) => wp.state !== 'done').map(workPackageWork),
    ...(plan?.instructions ?? []).map(instructionWork),
  ];
  return open
    .filter(present)
    .filter((w) => w.due >= today)
    .sort(byDue)
    .slice(0, limit);
}

/** A change that made something done: its state moved to 'done' (an activity, an instruction, an action-plan item). */
export function isFinishing(change: ChangeRecord): boolean {
  const state = (entity: unknown) => (entity && typeof entity === 'object' ? (entity as { state?: unknown }).state : undefined);
  return state(change.after) === 'done' && state(change.before) !== 'done';
}

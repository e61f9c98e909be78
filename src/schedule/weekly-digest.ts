/**
 * The weekly digest's content for one unit: the week's changes from the change log, what became
 * overdue, what was finished and the next deadlines. Read from the store (on SharePoint the synced
 * state: no Graph request of its own); the bot renders it in each channel's language.
 */
import type { ChangeKind, ChangeRecord, IsoDate, Unit } from '../domain/model.js';
import type { BoardStore } from '../store/port.js';
import { becameOverdue, isFinishing, nextDeadlines, overdueOn, type DueWork } from './work-due.js';

/** Change kinds that are bookkeeping rather than news for the channel. */
const QUIET_KINDS: readonly ChangeKind[] = ['seed.imported'];

export interface WeeklyDigest {
  unitId: string;
  /** The unit as its name shows (unitLabel: an example or archived unit is marked). */
  unit: Unit;
  /** The ISO week it is sent in (2026-W49). */
  week: string;
  /** The week it covers: from the previous digest's moment up to this one's. */
  from: Date;
  to: Date;
  changes: ChangeRecord[];
  finished: ChangeRecord[];
  becameOverdue: DueWork[];
  /** Everything overdue when it is sent. */
  overdueCount: number;
  next: DueWork[];
}

export interface DigestWindow {
  week: string;
  from: Date;
  to: Date;
  /** The local dates of `from` and `to` (the days overdue is judged on). */
  fromDay: IsoDate;
  toDay: IsoDate;
}

const PAGE = 500;
export const NEXT_DEADLINES = 5;

/** The unit's changes in [from, to), oldest first, read page by page from the log. */
export async function changesBetween(store: BoardStore, unitId: string, from: Date, to: Date): Promise<ChangeRecord[]> {
  const out: ChangeRecord[] = [];
  for (let cursor = 0; ;) {
    const page = await store.changesSince(cursor, PAGE);
    for (const c of page) {
      const at = Date.parse(c.at);
      if (c.unitId === unitId && at >= from.getTime() && at < to.getTime() && !QUIET_KINDS.includes(c.kind)) out.push(c);
    }
    if (page.length < PAGE) return out;
    cursor = page.at(-1)!.seq;
  }
}

export async function buildWeeklyDigest(store: BoardStore, unitId: string, window: DigestWindow): Promise<WeeklyDigest> {
  const [board, plan, changes] = await Promise.all([
    store.getBoardData(unitId),
    store.getActionPlanData(unitId),
    changesBetween(store, unitId, window.from, window.to),
  ]);
  return {
    unitId,
    unit: board.unit,
    week: window.week,
    from: window.from,
    to: window.to,
    changes,
    finished: changes.filter(isFinishing),
    becameOverdue: becameOverdue(board, window.fromDay, window.toDay),
    overdueCount: overdueOn(board, window.toDay).length,
    next: nextDeadlines(board, plan, window.toDay, NEXT_DEADLINES),
  };
}

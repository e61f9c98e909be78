/**
 * The weekly digest's content for one unit: the week's changes from the change log, what became
 * overdue, what was finished and the next deadlines. Read from the store (on SharePoint the synced
 * state: no Graph request of its own); the bot renders it in each channel's language. The change
 * log is read once per run for every unit (WeekChanges), not once per unit.
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

/** The week's changes of every unit, read from the change log once per run and split by unit. */
export class WeekChanges {
  private constructor(private readonly byUnit: ReadonlyMap<string, readonly ChangeRecord[]>) {}

  /** Every unit's changes in [from, to), oldest first, from one pass over the log (page by page). */
  static async read(store: BoardStore, from: Date, to: Date): Promise<WeekChanges> {
    const byUnit = new Map<string, ChangeRecord[]>();
    for (let cursor = 0; ;) {
      const page = await store.changesSince(cursor, PAGE);
      for (const c of page) {
        if (!inWindow(c, from, to) || QUIET_KINDS.includes(c.kind)) continue;
        const kept = byUnit.get(c.unitId);
        if (kept) kept.push(c);
        else byUnit.set(c.unitId, [c]);
      }
      if (page.length < PAGE) return new WeekChanges(byUnit);
      cursor = page.at(-1)!.seq;
    }
  }

  /** The unit's changes of the week, oldest first (a copy: the digest may keep it). */
  of(unitId: string): ChangeRecord[] {
    return [...(this.byUnit.get(unitId) ?? [])];
  }
}

function inWindow(change: ChangeRecord, from: Date, to: Date): boolean {
  const at = Date.parse(change.at);
  return at >= from.getTime() && at < to.getTime();
}

/** The unit's digest; `week` is the run's one read of the change log (WeekChanges.read over the window). */
export async function buildWeeklyDigest(store: BoardStore, unitId: string, window: DigestWindow, week: WeekChanges): Promise<WeeklyDigest> {
  const [board, plan] = await Promise.all([store.getBoardData(unitId), store.getActionPlanData(unitId)]);
  const changes = week.of(unitId);
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

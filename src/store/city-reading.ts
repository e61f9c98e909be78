/**
 * The city-wide view read through the BoardStore port (issue 14, item 3): the one loader the API's
 * GET /api/city (src/api/city-router.ts) and the city reports (src/report/city-data.ts) share.
 *
 * It composes the board's own reads: each unit's newest board (which names its report years), its board
 * of the year shown and of its newest year before, each read once. A store that reads every board at once
 * (BoardStore.getAllBoards: SharePoint, one read of the board's lists) is asked that instead, so the city
 * costs Graph one board's read after a change, however many units and people; it is served from synced
 * state (src/store/sharepoint/synced-reads.ts) to every viewer until the next change.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { buildCityView, type CityUnitData, type CityView } from '../domain/city.js';
import { DomainError } from '../domain/errors.js';
import type { BoardData, IsoDate, Unit } from '../domain/model.js';
import { FIXED_CONTROL_POINTS } from '../domain/units.js';
import type { BoardStore } from './port.js';

export interface CityReading {
  /** The units to show (the caller's readable ones, archived included). */
  units: readonly Unit[];
  /** The year to show; the newest any of the units has when omitted (this year when none has one). */
  year?: number | undefined;
  /** The day overdue is judged by. */
  today: IsoDate;
}

/** The unit's newest board (it carries the unit's years); null for a unit without a report year. */
async function newestBoard(store: BoardStore, unit: Unit): Promise<BoardData | null> {
  try {
    return await store.getBoardData(unit.id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return null;
    throw error;
  }
}

/** One unit's boards for the view: the year's and its newest year before (each read only when it exists, the newest not twice). */
async function unitData(store: BoardStore, unit: Unit, newest: BoardData | null, year: number): Promise<CityUnitData> {
  const years = newest?.years ?? [];
  const before = years.filter((y) => y < year).at(-1);
  const boardOf = (y: number | undefined) =>
    y === undefined || !years.includes(y) ? null : y === newest?.year ? newest : store.getBoardData(unit.id, y);
  const [board, previous] = await Promise.all([boardOf(year), boardOf(before)]);
  return { unit, years, board, previous };
}

/** Units read together before the event loop gets a turn (a SQLite board read is synchronous work on the main thread). */
const UNITS_PER_TURN = 4;

/** `read` for every unit, a few at a time, yielding to the event loop between them so other requests are not held up. */
async function perUnit<T>(units: readonly Unit[], read: (unit: Unit, index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < units.length; i += UNITS_PER_TURN) {
    if (i > 0) await nextTurn();
    out.push(...(await Promise.all(units.slice(i, i + UNITS_PER_TURN).map((u, j) => read(u, i + j)))));
  }
  return out;
}

/**
 * Reads each unit's newest board first (the same read as the unit's board page, so the two share it in
 * synced state), and from its years the year shown and the year before.
 */
export async function readCityView(store: BoardStore, reading: CityReading): Promise<CityView> {
  const { units, today } = reading;
  const all = store.getAllBoards ? await store.getAllBoards() : undefined;
  const newest = all ? units.map((u) => all[u.id]?.at(-1) ?? null) : await perUnit(units, (u) => newestBoard(store, u));
  const latestYear = newest.reduce<number | null>((max, b) => (b === null || (max !== null && max >= b.year) ? max : b.year), null);
  const year = reading.year ?? latestYear ?? Number(today.slice(0, 4));
  const data = all
    ? units.map((u) => fromAllBoards(u, all[u.id] ?? [], year))
    : await perUnit(units, (u, i) => unitData(store, u, newest[i] ?? null, year));
  return buildCityView({ year, today, scale: store.scale, controlPoints: FIXED_CONTROL_POINTS, units: data });
}

/** One unit's boards for the view out of every year's board (a store that reads them all at once). */
function fromAllBoards(unit: Unit, boards: readonly BoardData[], year: number): CityUnitData {
  const years = boards.map((b) => b.year);
  const before = years.filter((y) => y < year).at(-1);
  const boardOf = (y: number | undefined) => boards.find((b) => b.year === y) ?? null;
  return { unit, years, board: boardOf(year), previous: boardOf(before) };
}

/**
 * The city-wide view read through the BoardStore port (issue 14, item 3): the one loader the API's
 * GET /api/city (src/api/city-router.ts) and the city reports (src/report/city-data.ts) share.
 *
 * It composes the board's own reads: each unit's report years, its board of the year and of its newest
 * year before. In SharePoint mode those are served from synced state (src/store/sharepoint/synced-reads.ts),
 * so reading the city costs Graph what the shared sync costs, however many people look.
 */
import { buildCityView, type CityUnitData, type CityView } from '../domain/city.js';
import type { IsoDate, Unit } from '../domain/model.js';
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

/** One unit's boards for the view: the year's and its newest year before (each read only when it exists). */
async function unitData(store: BoardStore, unit: Unit, years: number[], year: number): Promise<CityUnitData> {
  const before = years.filter((y) => y < year).at(-1);
  const [board, previous] = await Promise.all([
    years.includes(year) ? store.getBoardData(unit.id, year) : null,
    before === undefined ? null : store.getBoardData(unit.id, before),
  ]);
  return { unit, years, board, previous };
}

export async function readCityView(store: BoardStore, reading: CityReading): Promise<CityView> {
  const { units, today } = reading;
  const years = await Promise.all(units.map((u) => store.listYears(u.id)));
  const newest = years.flat().reduce<number | null>((max, y) => (max === null || y > max ? y : max), null);
  const year = reading.year ?? newest ?? Number(today.slice(0, 4));
  const data = await Promise.all(units.map((u, i) => unitData(store, u, years[i]!, year)));
  return buildCityView({ year, today, scale: store.scale, controlPoints: FIXED_CONTROL_POINTS, units: data });
}

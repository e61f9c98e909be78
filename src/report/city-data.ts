/**
 * What the city's deck and workbook show: the city view over the units a person may read, read by
 * the one loader the tab's GET /api/city uses (src/store/city-reading.ts), filtered by the view's one
 * filter (filterCityView), with the words around it. The result is plain data (it is copied to a report worker).
 */
import { filterCityView, type CityFilter } from '../domain/city.js';
import type { IsoDate, Locale, Unit } from '../domain/model.js';
import type { UnitScope } from '../domain/roles.js';
import { plainText } from '../domain/text.js';
import { readCityView } from '../store/city-reading.js';
import type { BoardStore } from '../store/port.js';
import type { CityReportData } from './city-deck.js';
import { labelsFor } from './labels.js';

/** The units a person may read: every unit ('*') or these ids (unitsWhere(actor, 'read')). */
export type ReadableUnits = UnitScope;

export interface CityDataRequest {
  /** The newest year some readable unit has when omitted. */
  year?: number | undefined;
  readable: ReadableUnits;
  filter: CityFilter;
  locale: Locale;
  /** The day the report is compiled. */
  today: IsoDate;
  /** The day overdue is judged by; today when absent. */
  asOf?: IsoDate | undefined;
}

/** The organisation most of the units name (the city's name on the title and in the footer). */
function organisationOf(units: readonly Unit[]): string {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.organisation, (counts.get(u.organisation) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv'))[0]?.[0] ?? '';
}

export async function loadCityReportData(store: BoardStore, request: CityDataRequest): Promise<CityReportData> {
  const readable = request.readable;
  const units = (await store.listUnits()).filter((u) => readable === '*' || readable.includes(u.id));
  const full = await readCityView(store, { units, year: request.year, today: request.asOf ?? request.today });
  const view = filterCityView(full, request.filter);
  const t = labelsFor(request.locale);
  const filterWords = [
    request.filter.focusOnly ? t.city.filterFocus : null,
    request.filter.overdueOnly ? t.city.filterOverdue : null,
    request.filter.workPackage === undefined
      ? null
      : t.city.filterWorkPackage(view.workPackages.find((w) => w.key === request.filter.workPackage)?.name ?? request.filter.workPackage),
  ].filter((w): w is string => w !== null);
  // Names and titles as plain text (a name edited in SharePoint may carry a control character).
  return {
    view: {
      ...view,
      rows: view.rows.map((r) => ({ ...r, unit: { ...r.unit, name: plainText(r.unit.name), nameEn: plainText(r.unit.nameEn) } })),
      controlPoints: view.controlPoints.map((cp) => ({ ...cp, title: plainText(cp.title) })),
      workPackages: view.workPackages.map((w) => ({ ...w, name: plainText(w.name) })),
    },
    organisation: plainText(organisationOf(units)),
    today: request.today,
    filterWords,
  };
}

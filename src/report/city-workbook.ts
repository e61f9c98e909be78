/**
 * The city's summary workbook (issue 14, item 5), from the same city view as the city deck:
 * the heat map (units × control points, each cell the DPO's level as a number, written with its
 * marks as text and filled by its level), the spread per control point, every unit's focus areas,
 * the overdue work per unit, and every cell as a row of its own (for a pivot table or a filter).
 * Example units are named with "(exempel)" / "(example)" (unitLabel) and flagged in a column.
 */
import ExcelJS from 'exceljs';
import type { CityCell, CityRow } from '../domain/city.js';
import type { Locale } from '../domain/model.js';
import { levelLabel } from '../domain/scale.js';
import { unitLabel } from '../domain/units.js';
import { levelText, marksText, type CityReportData } from './city-deck.js';
import { COLORS } from './deck-kit.js';
import { levelTint, TINT_INK } from './deck-slides.js';
import { labelsFor, type Labels } from './labels.js';
import type { Cell, Column, Table } from './tables.js';
import { addSheet, HEADER_FILL } from './xlsx.js';

const argb = (hex: string) => `FF${hex}`;
const fillOf = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });

/** A number format that shows the level with its marks ("4* ↑ ◆ ⚠2") while the cell keeps the level as a number. */
function levelFormat(cell: CityCell): string {
  const extra = `${levelText(cell).slice(String(cell.level).length)}${marksText(cell) ? ` ${marksText(cell)}` : ''}`;
  return extra ? `0"${extra.replace(/"/g, '')}"` : '0';
}

function unitColumns(t: Labels): Column[] {
  return [
    { header: t.city.colUnit, width: 44 },
    { header: t.city.colUnitId, width: 16 },
    { header: t.city.colExample, width: 10 },
  ];
}

function unitCells(row: CityRow, t: Labels, locale: Locale): Cell[] {
  return [unitLabel(row.unit, locale), row.unit.id, row.unit.example ? t.yes : t.no];
}

/** The heat map sheet: a header of control point numbers and titles, a row per unit, a fill per level. */
function heatMapSheet(workbook: ExcelJS.Workbook, data: CityReportData, t: Labels, locale: Locale): void {
  const view = data.view;
  const n = view.levels.length;
  const sheet = workbook.addWorksheet(t.city.sheetHeatMap, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const firstCp = unitColumns(t).length + 1;
  sheet.columns = [
    ...unitColumns(t).map((c) => ({ header: c.header, width: c.width })),
    ...view.controlPoints.map((cp) => ({ header: `${cp.number}. ${cp.title}`, width: 14 })),
    { header: t.city.colOverdue, width: 12 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 64;
  for (const row of view.rows) {
    const added = sheet.addRow([...unitCells(row, t, locale), ...row.cells.map((c) => c.level), row.overdue]);
    row.cells.forEach((c, i) => {
      const cell = added.getCell(firstCp + i);
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (c.level === null) {
        cell.value = marksText(c) || null;
        cell.fill = fillOf(c.match ? 'F3F4F6' : 'F9FAFB');
        cell.font = { color: { argb: argb(c.match ? TINT_INK : COLORS.muted) } };
        return;
      }
      cell.numFmt = levelFormat(c);
      cell.fill = fillOf(!c.match ? 'F9FAFB' : c.interpreted ? COLORS.accent : levelTint(c.level, n));
      cell.font = { bold: true, color: { argb: argb(!c.match ? COLORS.muted : c.interpreted ? COLORS.white : TINT_INK) } };
      const label = levelLabel({ levels: view.levels }, c.level, locale);
      cell.note = c.interpreted ? `${label} (${t.interpreted})` : label;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, view.rows.length + 1), column: sheet.columnCount } };
  const legendRow = view.rows.length + 3;
  const legend = [t.city.legendLevels, t.city.legendMarks(t.city.previousYear)];
  if (view.rows.some((r) => r.cells.some((c) => c.interpreted))) legend.push(t.city.legendInterpreted);
  legend.forEach((text, i) => {
    sheet.getCell(legendRow + i, 1).value = text;
  });
  view.levels.forEach((l, i) => {
    const cell = sheet.getCell(legendRow, firstCp + i);
    cell.value = l.level;
    cell.fill = fillOf(levelTint(l.level, n));
    cell.font = { bold: true, color: { argb: argb(TINT_INK) } };
    cell.alignment = { horizontal: 'center' };
    cell.note = l.label[locale];
  });
}

function spreadTable(data: CityReportData, t: Labels): Table {
  const view = data.view;
  const columns: Column[] = [
    { header: t.colNumber, width: 6 },
    { header: t.colTitle, width: 42 },
    ...view.levels.map((l) => ({ header: t.city.colSpreadLevel(l.level), width: 10 })),
    { header: t.city.colNotAssessed, width: 12 },
    { header: t.city.colMin, width: 10 },
    { header: t.city.colMedian, width: 10 },
    { header: t.city.colMax, width: 10 },
  ];
  const rows = view.summary.map((s) => [
    s.controlPoint,
    view.controlPoints.find((c) => c.number === s.controlPoint)?.title ?? null,
    ...view.levels.map((l) => s.counts[l.level] ?? 0),
    s.notAssessed,
    s.min,
    s.median,
    s.max,
  ]);
  return { name: t.city.sheetSpread, columns, rows };
}

function focusTable(data: CityReportData, t: Labels, locale: Locale): Table {
  const view = data.view;
  const columns: Column[] = [...unitColumns(t), { header: t.colNumber, width: 6 }, { header: t.colTitle, width: 44 }];
  const rows = view.rows.flatMap((row): Cell[][] => {
    if (row.year === null) return [[...unitCells(row, t, locale), null, t.city.noYear(view.year)]];
    if (row.focus.length === 0) return [[...unitCells(row, t, locale), null, t.city.noFocus]];
    return row.focus.map((n) => [...unitCells(row, t, locale), n, view.controlPoints.find((c) => c.number === n)?.title ?? null]);
  });
  return { name: t.city.sheetFocus, columns, rows };
}

function overdueTable(data: CityReportData, t: Labels, locale: Locale): Table {
  const view = data.view;
  const columns: Column[] = [
    ...unitColumns(t),
    { header: t.city.colOverdueTotal, width: 12 },
    ...view.controlPoints.map((cp) => ({ header: t.city.cpShort(cp.number), width: 8 })),
  ];
  const rows = [...view.rows]
    .sort((a, b) => b.overdue - a.overdue)
    .map((row) => [
      ...unitCells(row, t, locale),
      row.year === null ? null : row.overdue,
      ...row.cells.map((c) => (row.year === null ? null : c.overdue)),
    ]);
  return { name: t.city.sheetOverdue, columns, rows };
}

/** Every cell as a row: the long form of the heat map, for filters and pivot tables. */
function levelsTable(data: CityReportData, t: Labels, locale: Locale): Table {
  const view = data.view;
  const packages = new Map(view.workPackages.map((w) => [w.key, w.name]));
  const columns: Column[] = [
    ...unitColumns(t),
    { header: t.city.colArchived, width: 10 },
    { header: t.colYear, width: 8 },
    { header: t.colNumber, width: 6 },
    { header: t.colTitle, width: 40 },
    { header: t.colDpoLevel, width: 10 },
    { header: t.colDpoLabel, width: 22 },
    { header: t.colInterpreted, width: 14 },
    { header: t.city.colPreviousLevel, width: 12 },
    { header: t.city.colTrend, width: 12 },
    { header: t.colFocus, width: 12 },
    { header: t.city.colOverdueCount, width: 10 },
    { header: t.colWorkPackages, width: 30 },
  ];
  const rows = view.rows.flatMap((row) =>
    row.cells.map((c) => [
      ...unitCells(row, t, locale),
      row.unit.archived ? t.yes : t.no,
      row.year,
      c.controlPoint,
      view.controlPoints.find((cp) => cp.number === c.controlPoint)?.title ?? null,
      c.level,
      c.level === null ? null : levelLabel({ levels: view.levels }, c.level, locale),
      c.level === null ? null : c.interpreted ? t.yes : t.no,
      c.previousLevel,
      c.trend ? t.city.trend[c.trend] : null,
      c.focus ? t.yes : t.no,
      c.overdue,
      c.workPackages.map((key) => packages.get(key) ?? key).join(', ') || null,
    ]),
  );
  return { name: t.city.sheetLevels, columns, rows };
}

export async function buildCityWorkbook(data: CityReportData, locale: Locale = 'sv'): Promise<Buffer> {
  const t = labelsFor(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DPO Board';
  workbook.title = t.city.deckTitle(data.view.year);
  workbook.company = data.organisation;
  workbook.created = new Date(`${data.today}T00:00:00Z`);
  heatMapSheet(workbook, data, t, locale);
  addSheet(workbook, spreadTable(data, t));
  addSheet(workbook, focusTable(data, t, locale));
  addSheet(workbook, overdueTable(data, t, locale));
  addSheet(workbook, levelsTable(data, t, locale));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

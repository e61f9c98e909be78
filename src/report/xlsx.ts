/**
 * The board and the action plan as an Excel workbook (exceljs): one sheet each, plus the
 * planned activities and the evidence (when the store keeps it), with a frozen, bold header row, an autofilter over the data, wrapped
 * long texts and dates as date cells.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../domain/model.js';
import { unitLabel } from '../domain/units.js';
import { labelsFor } from './labels.js';
import type { ReportData } from './report-data.js';
import { actionPlanTable, activitiesTable, boardTable, evidenceTable, type Table } from './tables.js';

/** The header row's look, shared by every sheet (and the city workbook's). */
export const HEADER_FILL = 'FF00558C';

/** An ISO date (YYYY-MM-DD) as midnight UTC, which exceljs writes as that day's serial number. */
function asDate(iso: string): Date | string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d;
}

export function addSheet(workbook: ExcelJS.Workbook, table: Table): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width }));
  const dates = table.columns.map((c) => c.kind === 'date');
  // Dates as real date cells (a serial number with a date format), so that they sort and filter as dates.
  for (const row of table.rows) sheet.addRow(row.map((cell, i) => (dates[i] && typeof cell === 'string' ? asDate(cell) : cell)));
  dates.forEach((isDate, i) => {
    if (isDate) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.columns.length } };
  table.columns.forEach((c, i) => {
    if (c.width >= 40) sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  return sheet;
}

export async function buildWorkbook(data: ReportData, locale: Locale = 'sv'): Promise<Buffer> {
  const t = labelsFor(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DPO Board';
  workbook.title = `${t.deckTitle(data.year)} – ${unitLabel(data.unit, locale)}`;
  workbook.created = new Date(`${data.today}T00:00:00Z`);
  addSheet(workbook, boardTable(data, locale));
  addSheet(workbook, actionPlanTable(data, locale));
  addSheet(workbook, activitiesTable(data, locale));
  if (data.evidenceKept) addSheet(workbook, evidenceTable(data, locale));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

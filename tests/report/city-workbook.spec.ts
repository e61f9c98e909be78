/**
 * The city's summary workbook (issue 14, item 5), read back with exceljs: the heat map sheet keeps
 * each level as a number, shows it with its marks as text (the cell's number format) and fills it by
 * level (the neutral accent for a mark read from the report's X); the spread, focus areas, overdue
 * work and every cell as a row, with example units marked.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitLabel } from '../../src/domain/units.js';
import { loadCityReportData } from '../../src/report/city-data.js';
import type { CityReportData } from '../../src/report/city-deck.js';
import { buildCityWorkbook } from '../../src/report/city-workbook.js';
import { COLORS } from '../../src/report/deck-kit.js';
import { levelTint } from '../../src/report/deck-slides.js';
import { cityStore, type CityStore } from './city-fixture.js';
import { TODAY } from './fixture.js';

describe('the city workbook', { timeout: 120_000 }, () => {
  let city: CityStore;
  let data: CityReportData;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    city = await cityStore(6);
    data = await loadCityReportData(city.store, { readable: '*', filter: {}, locale: 'sv', today: TODAY });
    book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildCityWorkbook(data, 'sv')) as unknown as ArrayBuffer);
  });
  afterAll(async () => {
    await city?.dispose();
  });

  const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

  it('has the heat map, the spread, focus areas, overdue work and the levels, in Swedish', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['Värmekarta', 'Spridning', 'Fokusområden', 'Försenat', 'Nivåer']);
    expect(book.title).toBe(`Dataskyddsombudets uppföljning ${data.view.year} – alla förvaltningar`);
  });

  it('keeps each level a number, shown with its marks, filled by level; interpreted marks in the neutral accent', () => {
    const sheet = book.getWorksheet('Värmekarta')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('1. Dataskyddsorganisation');
    expect(sheet.getRow(1).getCell(15).value).toBe('12. Hantering av registrerades rättigheter');
    let interpreted = 0;
    data.view.rows.forEach((row, r) => {
      const line = sheet.getRow(r + 2);
      expect(line.getCell(1).value).toBe(unitLabel(row.unit, 'sv'));
      expect(line.getCell(2).value).toBe(row.unit.id);
      expect(line.getCell(3).value).toBe(row.unit.example ? 'Ja' : 'Nej');
      expect(line.getCell(16).value).toBe(row.overdue);
      row.cells.forEach((mark, i) => {
        const cell = line.getCell(4 + i);
        if (mark.level === null) {
          expect(typeof cell.value === 'number').toBe(false);
          return;
        }
        expect(cell.value).toBe(mark.level);
        expect(cell.numFmt.startsWith('0')).toBe(true);
        if (mark.interpreted) expect(cell.numFmt).toContain('*');
        if (mark.focus) expect(cell.numFmt).toContain('◆');
        if (mark.overdue > 0) expect(cell.numFmt).toContain(`⚠${mark.overdue}`);
        if (mark.trend === 'up') expect(cell.numFmt).toContain('↑');
        if (mark.interpreted) interpreted += 1;
        expect(fillOf(cell)).toBe(`FF${mark.interpreted ? COLORS.accent : levelTint(mark.level, data.view.levels.length)}`);
      });
    });
    // The report's unit: its marks were read from the X.
    expect(interpreted).toBeGreaterThan(0);
  });

  it('lists every focus area, the overdue work (most first) and every cell as a row', () => {
    const rowsOf = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .filter(Boolean)
        .map((values) => (values as ExcelJS.CellValue[]).slice(1));
    const focus = rowsOf('Fokusområden');
    const expected = data.view.rows.flatMap((row): (string | number | null)[][] =>
      row.focus.length === 0 ? [[unitLabel(row.unit, 'sv'), null]] : row.focus.map((n) => [unitLabel(row.unit, 'sv'), n]),
    );
    expect(focus.map((r) => [r[0], r[3] ?? null])).toEqual(expected);

    const overdue = rowsOf('Försenat');
    expect(overdue).toHaveLength(data.view.rows.length);
    const totals = overdue.map((r) => r[3] as number);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    for (const row of data.view.rows) {
      const line = overdue.find((r) => r[1] === row.unit.id)!;
      expect(line[3]).toBe(row.overdue);
      expect(line.slice(4, 16)).toEqual(row.cells.map((c) => c.overdue));
    }

    const levels = rowsOf('Nivåer');
    expect(levels).toHaveLength(data.view.rows.length * 12);
    const spread = rowsOf('Spridning');
    expect(spread).toHaveLength(12);
    data.view.summary.forEach((s, i) => expect(spread[i]![0]).toBe(s.controlPoint));
  });

  it('is English on request, with "(example)"', async () => {
    const english = await loadCityReportData(city.store, { readable: ['exempel-02'], filter: {}, locale: 'en', today: TODAY });
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await buildCityWorkbook(english, 'en')) as unknown as ArrayBuffer);
    expect(en.worksheets.map((s) => s.name)).toEqual(['Heat map', 'Spread', 'Focus areas', 'Overdue', 'Levels']);
    expect(en.getWorksheet('Heat map')!.getRow(2).getCell(1).text).toMatch(/^Example 02 – .+ \(example\)$/);
  });
});

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOM, toCsv } from '../../src/report/csv.js';
import { loadReportData } from '../../src/report/report-data.js';
import { levelLabel } from '../../src/domain/scale.js';
import { actionPlanTable, boardTable } from '../../src/report/tables.js';
import { buildWorkbook } from '../../src/report/xlsx.js';
import { as, seededStore, TODAY, UNIT, type SeededStore } from './fixture.js';
import { parseCsv } from './csv-parse.js';

describe('exports', () => {
  let seeded: SeededStore;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await seeded.dispose();
  });

  it('XLSX: the board and the action plan on their own sheets, with frozen headers and filters', async () => {
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(data)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kontrollpunkter', 'Handlingsplan', 'Aktiviteter', 'Underlag']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getRow(1).font?.bold).toBe(true);
    }
    const board = workbook.getWorksheet('Kontrollpunkter')!;
    expect(board.rowCount).toBe(13);
    const header = (board.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['År', 'Nr', 'Kontrollpunkt', 'Ansvarig', 'Fokusområde', 'DPO nivå', 'DPO bedömning']);
    const row4 = (board.getRow(5).values as unknown[]).slice(1);
    expect(row4.slice(0, 7)).toEqual([
      2023,
      4,
      'Register över personuppgiftsbehandlingar',
      'CISO Intraservice',
      'Ja',
      4,
      levelLabel(data.scale, 4, 'sv'),
    ]);
    expect(row4).toContain(
      'Det finns ett personuppgiftsregister idag. Datakvalitet behöver verifieras.\nKartläggning av personuppgiftsbehandlingar i tjänster pågår sedan februari 2023.\nLeveranser från projektet består av anvisningar, processer, styrande dokument och utbildningsmaterial.\nSamverkan mellan Intraservice, dataskyddsombud och representanter inom Stadsledningskontoret har resulterat i förslag om personuppgiftsbehandlingar inom tjänsteleveranserna för vilka Intraservice bör vara personuppgiftsansvarig.\nNytt systemstöd är införskaffat med bl.a. modul för personuppgiftsregister.\nInförande av nytt systemstöd pågår och planerad överlämning till förvaltning är under Q1 2025.',
    );
    const plan = workbook.getWorksheet('Handlingsplan')!;
    const kinds = plan.getColumn(1).values.slice(2);
    expect(kinds.filter((k) => k === 'Anvisning')).toHaveLength(31);
    expect(kinds.filter((k) => k === 'Delprojekt')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'Huvudpaket')).toHaveLength(8);
    const iifs24 = plan.getRows(1, plan.rowCount)!.find((r) => r.getCell(2).value === 'IIFS 24')!;
    expect(iifs24.getCell(3).value).toBe('Anvisning för Incidenthantering, forensisk och insamling av bevis');
    expect(iifs24.getCell(4).value).toBe('Pågående');
    // The report's "Q4 2024 & Q1 2025": a period of two quarters (Instruction.plannedFrom … plannedQuarter).
    expect(iifs24.getCell(5).value).toBe('Q4 2024 – Q1 2025');
  });

  it('XLSX in English labels the columns in English, keeps the data as written', async () => {
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(data, 'en')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Control points', 'Action plan', 'Activities', 'Evidence']);
    expect(workbook.worksheets[0]!.getRow(2).getCell(3).value).toBe('Dataskyddsorganisation');
  });

  it('CSV: UTF-8 with BOM, quoted where needed, read back to the same table', async () => {
    await seeded.store.addStatusUpdate(
      {
        unitId: UNIT,
        year: 2023,
        controlPoint: 3,
        statusDate: '2024-12-02',
        text: 'Avtal; "PUB" med leverantör\nÅterstår: två',
        unitLevel: null,
      },
      as('ciso'),
    );
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    const table = boardTable(data, 'sv');
    const bytes = toCsv(table);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain('"Avtal; ""PUB"" med leverantör\r\nÅterstår: två"'.replace('\r\n', '\n'));
    const rows = parseCsv(text.slice(1), ';');
    expect(rows[0]).toEqual(table.columns.map((c) => c.header));
    expect(rows).toHaveLength(13);
    const back = rows.slice(1).map((r) => r.map((v) => v));
    const expected = table.rows.map((r) => r.map((v) => (v === null ? '' : String(v))));
    expect(back).toEqual(expected);
    expect(rows[3]![table.columns.findIndex((c) => c.header === 'Status')]).toBe('Avtal; "PUB" med leverantör\nÅterstår: två');
    expect(rows[6]![2]).toBe('Utbildning');
  });

  it('CSV with commas, and formula-looking text made inert', async () => {
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    const table = actionPlanTable(data, 'sv');
    table.rows.push(['Anvisning', 'X', '=HYPERLINK("http://evil")', null, null, null, null, 'a, b']);
    const rows = parseCsv(toCsv(table, ',').toString('utf8').slice(1), ',');
    expect(rows.at(-1)).toEqual(['Anvisning', 'X', '\'=HYPERLINK("http://evil")', '', '', '', '', 'a, b']);
    expect(rows.find((r) => r[1] === 'IIFS 10')![2]).toBe('Anvisning för Kontinuitetshantering');
  });
});

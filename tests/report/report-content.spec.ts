/**
 * What the deck and the exports carry beyond the board (issue 12, items 1, 2 and 4 on the report
 * side): interpreted marks marked as such, the action plan's own items and two-quarter periods,
 * and the evidence per control point. Each rule is checked in the PPTX's XML (ECMA-376
 * PresentationML; a:hlinkClick for a link, https://learn.microsoft.com/openspecs/office_standards/ms-pptx)
 * or read back from the workbook and the CSV.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvidence } from '../../src/domain/evidence.js';
import { toCsv } from '../../src/report/csv.js';
import { buildDeck } from '../../src/report/deck.js';
import { labelsFor } from '../../src/report/labels.js';
import { loadReportData, type ReportData } from '../../src/report/report-data.js';
import { actionPlanTable, boardTable, evidenceTable } from '../../src/report/tables.js';
import { buildWorkbook } from '../../src/report/xlsx.js';
import { parseCsv } from './csv-parse.js';
import { as, seededStore, TODAY, UNIT, type SeededStore } from './fixture.js';
import { flat, inspectPptx, overflows, type Inspected } from './pptx-inspect.js';

const EVIDENCE: Omit<NewEvidence, 'unitId'>[] = [
  {
    controlPoint: 1,
    title: 'Nämndbeslut om dataskyddsorganisation',
    kind: 'minutes',
    date: '2024-06-12',
    url: 'https://intranat.example.se/namnd/2024-06-12/protokoll.pdf',
  },
  {
    controlPoint: 1,
    title: 'Dataskyddspolicy',
    kind: 'policy',
    date: '2024-02-01',
    url: 'https://intranat.example.se/styrdokument/policy',
  },
  {
    controlPoint: 4,
    title: 'Utdrag ur PU-registret',
    kind: 'registerExtract',
    date: '2024-10-30',
    url: 'https://intraservice.example.se/pu-register/utdrag-2024-10.xlsx',
  },
];

describe('the report carries the interpretation, the action plan and the evidence', { timeout: 60_000 }, () => {
  let seeded: SeededStore;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await seeded.dispose();
  });

  const load = () => loadReportData(seeded.store, UNIT, undefined, TODAY);
  const deckOf = async (data: ReportData, locale: 'sv' | 'en' = 'sv') => {
    const deck = await buildDeck(data, { locale });
    return { deck, file: await inspectPptx(deck.bytes) };
  };
  const slideText = (file: Inspected, index: number) => flat(file.slides[index]!.text);

  it('notes "tolkad från rapporten" beside a mark that is still interpreted, and drops it once the DPO has assessed', async () => {
    await seeded.store.addAssessment({ unitId: UNIT, year: 2023, controlPoint: 6, level: 2, comment: 'Egen bedömning' }, as('dpo'));
    const data = await load();
    expect(data.controlPoints.filter((cp) => cp.interpreted).map((cp) => cp.number)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]);
    const { deck, file } = await deckOf(data);
    const first = (n: number) => deck.slides.findIndex((s) => s.controlPoint === n);
    // Under the DPO's row label of the scale (never in a scale cell), and in the line under it.
    const labelOf = (n: number) =>
      file.slides[first(n)]!.xml.split('<p:sp>').find(
        (sp) => sp.includes('Dataskyddsombud 2023') && !sp.split('</p:spPr>')[0]!.includes('<a:solidFill>'),
      );
    expect(labelOf(1)).toContain('tolkad från rapporten');
    expect(slideText(file, first(1))).toContain('Dataskyddsombud: Nivå 5 av 5 · tolkad från rapporten');
    expect(labelOf(6)).not.toContain('tolkad från rapporten');
    expect(slideText(file, first(6))).toContain('Dataskyddsombud: Nivå 2 av 5 · Bedömd av Dataskyddsombud');
    // The glance slide: X* for an interpreted mark, X for the DPO's own, and the legend says what * means.
    const glance = file.slides[deck.slides.findIndex((s) => s.kind === 'glance')]!;
    const cells = glance.tableCells.map((c) => flat(c.text));
    const row = (n: number) => cells.slice(cells.findIndex((c) => c.startsWith(`${n}. `)) + 1).slice(0, 5);
    expect(row(1)).toEqual(['', '', '', '', 'X*']);
    expect(row(6)).toEqual(['', 'X', '', '', '']);
    expect(flat(glance.text)).toContain('X* = markering tolkad från rapporten');
    // The report states no direction: an interpreted mark is filled with the neutral accent, the DPO's own with its level's colour.
    /** A table cell's own fill (in a:tcPr), for the first cell that says `mark`. */
    const fillOf = (xml: string, mark: string) => {
      const tc = xml.split(/<a:tc[ >]/).find((c) => c.includes(`<a:t>${mark}</a:t>`))!;
      // The borders' fills come first; the cell's own is the last one in a:tcPr.
      return /<a:solidFill><a:srgbClr val="(\w+)"\/><\/a:solidFill>\s*<\/a:tcPr>/.exec(tc)?.[1];
    };
    expect(fillOf(glance.xml, 'X*')).toBe('00558C');
    expect(fillOf(glance.xml, 'X')).not.toBe('00558C');
    const cell = (n: number) => file.slides[first(n)]!.xml.split('<p:sp>').find((sp) => /<a:t>X<\/a:t>/.test(sp))!;
    expect(cell(1)).toContain('<a:srgbClr val="00558C"/>');
    expect(cell(6)).not.toContain('<a:srgbClr val="00558C"/>');

    const en = await deckOf(data, 'en');
    expect(slideText(en.file, first(1))).toContain('interpreted from the report');
    expect(flat(en.file.slides.map((s) => s.text).join(' '))).not.toContain('tolkad');

    const board = boardTable(data, 'sv');
    const column = board.columns.findIndex((c) => c.header === 'Tolkad från rapporten');
    expect(board.rows.map((r) => r[column])).toEqual(['Ja', 'Ja', 'Ja', 'Ja', 'Ja', 'Nej', 'Ja', 'Ja', 'Ja', 'Ja', 'Ja', 'Ja']);
  });

  it('shows the action plan on one slide as the report does: its own items, two-quarter periods, the instructions with no stated state', async () => {
    const data = await load();
    for (const locale of ['sv', 'en'] as const) {
      const { deck, file } = await deckOf(data, locale);
      const plan = deck.slides.flatMap((s, i) => (s.kind === 'plan' ? [i] : []));
      expect(plan).toHaveLength(1);
      const text = slideText(file, plan[0]!);
      expect(text).toContain('Q4 2024 – Q1 2025');
      expect(text).toContain('Införande av PU-register och informationssäkerhetsdatabas (2024-12-31)');
      expect(text).toContain('6 av 9 anvisningar inom Teknisk Säkerhet');
      // Due 2024-12-31 and not done: overdue as of the report's day, said once.
      expect(text.match(locale === 'sv' ? /Försenat per 2026-11-28/g : /Overdue as of 2026-11-28/g)).toHaveLength(1);
      const notStated = locale === 'sv' ? '24 utan angivet läge' : '24 with no stated state';
      expect(text).toContain(notStated);
      expect(text).not.toMatch(/planerade anvisningar utan fastställt kvartal|planned instructions without a set quarter/);
      expect(overflows(file)).toEqual([]);
      // The instruction table gives IIFS 10 its whole period.
      const table = deck.slides.findIndex((s) => s.kind === 'instructions');
      const cells = file.slides.slice(table).flatMap((s) => s.tableCells.map((c) => flat(c.text)));
      expect(cells[cells.indexOf('IIFS 10') + 4]).toBe('Q4 2024 – Q1 2025');
    }

    const rows = actionPlanTable(data, 'sv');
    const header = rows.columns.map((c) => c.header);
    const item = rows.rows.find((r) => r[2] === 'Införande av PU-register och informationssäkerhetsdatabas')!;
    expect(item[0]).toBe('Åtgärd i handlingsplanen');
    expect(item[header.indexOf('Planerat')]).toBe('Q4 2024 – Q1 2025');
    expect(item[header.indexOf('Klart senast')]).toBe('2024-12-31');
    expect(item[header.indexOf('Försenad')]).toBe('Ja');
    const update = rows.rows.find((r) => r[2] === 'Fortsatt uppdatering av anvisning för informationssäkerhet')!;
    expect(update[1]).toBe('IIFS 01');
    expect(rows.rows.find((r) => r[1] === 'IIFS 20')![header.indexOf('Planerat')]).toBe('Q4 2024 – Q1 2025');
    expect(rows.rows.find((r) => r[2] === 'Utbildningar')![header.indexOf('Planerat')]).toBe('Q4 2024 – Q1 2025');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(data)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Handlingsplan')!;
    const line = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === item[2])!;
    const due = line.getCell(header.indexOf('Klart senast') + 1);
    expect(due.type).toBe(ExcelJS.ValueType.Date);
    expect((due.value as Date).toISOString().slice(0, 10)).toBe('2024-12-31');
  });

  it('adds an appendix of evidence per control point before the closing slide, with working links, and exports it', async () => {
    const none = await load();
    expect(none.evidenceKept).toBe(true);
    const before = await deckOf(none);
    // No evidence yet: no appendix, and the glance slide counts 0 for every control point.
    expect(before.deck.slides.some((s) => s.kind === 'evidence')).toBe(false);
    const glance = before.file.slides[before.deck.slides.findIndex((s) => s.kind === 'glance')]!;
    expect(glance.tableCells.map((c) => flat(c.text))).toContain('Underlag');

    for (const e of EVIDENCE) await seeded.store.evidence.add({ ...e, unitId: UNIT }, as('ciso'));
    const data = await load();
    expect(data.controlPoints[0]!.evidence.map((e) => e.title).sort()).toEqual([
      'Dataskyddspolicy',
      'Nämndbeslut om dataskyddsorganisation',
    ]);
    for (const locale of ['sv', 'en'] as const) {
      const t = labelsFor(locale);
      const { deck, file } = await deckOf(data, locale);
      const index = deck.slides.findIndex((s) => s.kind === 'evidence');
      expect(index).toBeGreaterThan(deck.slides.findIndex((s) => s.kind === 'subProjects'));
      expect(deck.slides.at(-1)!.kind).toBe('contact');
      expect(file.slides[index]!.title).toBe(t.appendixTitle);
      const cells = file.slides[index]!.tableCells.map((c) => flat(c.text));
      for (const e of EVIDENCE) {
        const at = cells.indexOf(e.title);
        expect(cells[at - 1]).toMatch(new RegExp(`^${e.controlPoint}\\. `));
        expect(cells.slice(at + 1, at + 5)).toEqual([t.evidenceKind[e.kind], e.date, 'CISO Intraservice', e.url]);
        expect(file.slides[index]!.xml).toContain('<a:hlinkClick');
      }
      expect(slideText(file, index)).toContain(
        locale === 'sv' ? 'Utan underlag: kontrollpunkt 2, 3, 5,' : 'No evidence: control point 2, 3, 5,',
      );
      expect(overflows(file)).toEqual([]);
    }
    // Each link's target is in the slide's relationships (where PowerPoint looks it up).
    const { deck, file } = await deckOf(data);
    const xml = file.slides[deck.slides.findIndex((s) => s.kind === 'evidence')]!.xml;
    expect([...xml.matchAll(/<a:hlinkClick r:id="(rId\d+)"/g)]).toHaveLength(2 * EVIDENCE.length);

    const table = evidenceTable(data, 'sv');
    expect(table.rows).toHaveLength(EVIDENCE.length);
    const csv = parseCsv(
      toCsv(table)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
      ';',
    );
    expect(csv[0]).toEqual(['Nr', 'Kontrollpunkt', 'Titel', 'Typ', 'Datum', 'Tillagt av', 'Tillagt', 'Källa', 'Länk']);
    expect(csv.slice(1).find((r) => r[2] === 'Utdrag ur PU-registret')).toEqual([
      '4',
      'Register över personuppgiftsbehandlingar',
      'Utdrag ur PU-registret',
      'Registerutdrag',
      '2024-10-30',
      'CISO Intraservice',
      '2026-11-28',
      'Länk',
      'https://intraservice.example.se/pu-register/utdrag-2024-10.xlsx',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(data, 'en')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Evidence')!;
    expect(sheet.rowCount).toBe(1 + EVIDENCE.length);
    expect(sheet.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Date);
    const board = workbook.getWorksheet('Control points')!;
    const header = (board.getRow(1).values as unknown[]).slice(1);
    expect(board.getRow(2).getCell(header.indexOf('Evidence') + 1).value).toBe(2);
  });

  it('leaves evidence out when the store keeps none', async () => {
    const data = { ...(await load()), evidenceKept: false };
    const { deck, file } = await deckOf(data);
    expect(deck.slides.some((s) => s.kind === 'evidence')).toBe(false);
    const glance = file.slides[deck.slides.findIndex((s) => s.kind === 'glance')]!;
    expect(glance.tableCells.map((c) => flat(c.text))).not.toContain('Underlag');
    expect(boardTable(data, 'sv').columns.map((c) => c.header)).not.toContain('Underlag');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(data)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kontrollpunkter', 'Handlingsplan', 'Aktiviteter']);
  });

  it('says no word of the other language: every deck label differs from the data and only its own language shows', async () => {
    for (const e of EVIDENCE) await seeded.store.evidence.add({ ...e, unitId: UNIT }, as('dpo'));
    const data = await load();
    const dataText = JSON.stringify(data);
    /** Each language's own labels of two words or more that the data never says (the data is shown as written). */
    const own = (locale: 'sv' | 'en') => {
      const [mine, other] = [labelsFor(locale), labelsFor(locale === 'sv' ? 'en' : 'sv')];
      return Object.entries(mine)
        .filter(([key, v]) => typeof v === 'string' && v !== (other as Record<string, unknown>)[key])
        .map(([, v]) => v as string)
        .filter((v) => v.includes(' ') && !dataText.includes(v));
    };
    for (const [locale, foreign] of [
      ['sv', own('en')],
      ['en', own('sv')],
    ] as const) {
      expect(foreign.length).toBeGreaterThan(10);
      const text = flat((await deckOf(data, locale)).file.slides.map((s) => s.text).join('\n'));
      for (const words of foreign) expect(text, `${locale} deck says "${words}"`).not.toContain(words);
    }
  });
});

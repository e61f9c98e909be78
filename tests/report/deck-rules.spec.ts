/**
 * The deck the DPO presents without editing (issue 12, item 5), each rule checked in the PPTX's
 * own XML (ECMA-376 PresentationML: p:ph type="title" for slide titles, a:rPr lang for the
 * language of a run). The rendered pages were also read through LibreOffice (README, Reports).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { levelLabel } from '../../src/domain/scale.js';
import { buildDeck } from '../../src/report/deck.js';
import { defaultAsOf, loadReportData } from '../../src/report/report-data.js';
import { buildWorkbook } from '../../src/report/xlsx.js';
import { as, seededStore, TODAY, UNIT, type SeededStore } from './fixture.js';
import { labelsFor } from '../../src/report/labels.js';
import { flat, inspectPptx, overflows } from './pptx-inspect.js';

const contact = {
  name: 'Anna (Anna-Lena) Björk',
  title: 'Chief Information Security Officer (CISO)',
  email: 'anna.bjork@intraservice.goteborg.se',
};

describe('a deck ready to present', { timeout: 60_000 }, () => {
  let seeded: SeededStore;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await seeded.dispose();
  });

  const deckOf = async (options: Parameters<typeof buildDeck>[1] = {}, asOf?: string) => {
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY, asOf);
    const deck = await buildDeck(data, { contact, ...options });
    return { data, deck, file: await inspectPptx(deck.bytes) };
  };
  const slidesOf = (deck: Awaited<ReturnType<typeof deckOf>>, n: number) =>
    deck.deck.slides.flatMap((s, i) => (s.controlPoint === n ? [{ info: s, slide: deck.file.slides[i]! }] : []));

  it('fills slides: a continuation repeats the heading and the scale and never holds the closing lines alone', async () => {
    const built = await deckOf();
    const continued = built.deck.slides.filter((s) => s.continuation);
    // The seed's twelve control points, the plan and the instruction table: far fewer than one extra slide each.
    expect(continued.length).toBeLessThanOrEqual(10);
    for (let n = 1; n <= 12; n += 1) {
      for (const { info, slide } of slidesOf(built, n).filter((s) => s.info.continuation)) {
        expect(slide.title).toBe(info.title);
        expect(info.title).toMatch(/\(forts\.\)$/);
        expect(flat(slide.text)).toContain('Dataskyddsombud 2023');
        // Beyond the title, the scale, the table's header and the closing lines, at least two rows or lines of content.
        const repeated = new Set([info.title, 'Läge', 'Aktivitet', 'Planerat', ...built.data.scale.levels.map((l) => l.label.sv)]);
        const content = [...slide.boxes, ...slide.tableCells]
          .flatMap((b) => b.text.split('\n'))
          .map(flat)
          .filter(
            (line) =>
              line && !repeated.has(line) && !/^(Dataskyddsombud 2023|CISO Intraservice|Ingen egen nivå|Arbetet|Beräknas|⚠)/.test(line),
          )
          .filter((line) => !/^[●◐○] \S+$/.test(line) && !/^Q\d \d{4}/.test(line) && line !== '–' && line !== 'X');
        expect(content.length, `${info.title}: ${content.join(' | ')}`).toBeGreaterThanOrEqual(2);
      }
    }
    expect(overflows(built.file)).toEqual([]);
  });

  it('shows activities as a compact table with state markers and says overdue once per control point', async () => {
    const built = await deckOf({}, '2026-11-30');
    const all = flat(built.file.slides.map((s) => s.text).join(' '));
    expect(all).not.toMatch(/\((Pågår|Pågående|Planerad), [^)]*försenad\)/);
    for (let n = 1; n <= 12; n += 1) {
      const slides = slidesOf(built, n).map((s) => s.slide);
      const cells = slides.flatMap((s) => s.tableCells.map((c) => flat(c.text)));
      expect(cells.slice(0, 3)).toEqual(['Läge', 'Aktivitet', 'Planerat']);
      const states = cells.filter((c) => /^[●◐○] /.test(c));
      expect(states.length).toBe(built.data.controlPoints[n - 1]!.activities.length);
      const text = flat(slides.map((s) => s.text).join(' '));
      expect(text.match(/Försenat per 2026-11-30/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(text).not.toMatch(/försenad/);
    }
    expect(all.match(/Försenat per 2026-11-30/g)!.length).toBeGreaterThanOrEqual(10);
  });

  it('judges overdue as of the chosen day, and a closed year as of its status date', async () => {
    const early = await deckOf({}, '2024-11-06');
    expect(early.data.asOf).toBe('2024-11-06');
    expect(flat(early.file.slides.map((s) => s.text).join(' '))).not.toContain('Försenat per');
    const late = await deckOf({}, '2025-07-01');
    const late4 = flat(
      slidesOf(late, 4)
        .map((s) => s.slide.text)
        .join(' '),
    );
    expect(late4).toContain('Försenat per 2025-07-01');
    expect(late4).toContain('beräknat slut juni 2025 har passerats');

    expect(defaultAsOf(2023, [2023], ['2024-11-06'], TODAY)).toBe(TODAY);
    await seeded.store.startYear({ unitId: UNIT }, as('dpo'));
    const closed = await loadReportData(seeded.store, UNIT, 2023, TODAY);
    expect(closed.asOf).toBe('2024-11-06');
    expect(closed.controlPoints.some((cp) => cp.overdue || cp.activities.some((a) => a.overdue))).toBe(false);
  });

  /** Every slide's title in its title placeholder; every run in one of `langs`; each paragraph's properties once, first. */
  const checkSlides = (built: Awaited<ReturnType<typeof deckOf>>, langs: string[]) => {
    for (const [i, slide] of built.file.slides.entries()) {
      // Runs with text (a:r); the slide-number field (a:fld) carries no words.
      expect(slide.runs.length).toBeGreaterThan(0);
      for (const run of slide.runs) expect(langs).toContain(run.lang);
      expect(slide.xml).toMatch(/<p:ph[^>]* type="title"/);
      expect(slide.title).toBe(built.deck.slides[i]!.title);
      // A paragraph of runs in two languages keeps its properties once, first (what PowerPoint opens without repair).
      expect(slide.misplacedParagraphProperties, `slide ${i + 1}`).toEqual([]);
    }
  };

  it('tags every run of the Swedish deck sv-SE and puts every slide title in a title placeholder', async () => {
    checkSlides(await deckOf({ locale: 'sv' }), ['sv-SE']);
  });

  it('tags the English deck’s own words en-US and the data as written (sv-SE), titles in their placeholder', async () => {
    const en = await deckOf({ locale: 'en' });
    checkSlides(en, ['en-US', 'sv-SE']);
    const t = labelsFor('en');
    const runs = en.file.slides.flatMap((s) => s.runs);
    /**
     * The languages of the runs that hold a text, or the part of it that a slide holds: runs of ten
     * characters or more, other than a period ("Q4 2024 – Q2 2025", the table's own column, which a text may quote).
     */
    const period = /^Q\d \d{4}( – Q\d \d{4})?$/;
    const langsOf = (text: string) =>
      new Set(
        runs.filter((r) => r.text.trim().length >= 10 && !period.test(r.text.trim()) && text.includes(r.text.trim())).map((r) => r.lang),
      );
    const cp = en.data.controlPoints.find((c) => c.number === 1)!;
    const index = en.deck.slides.findIndex((s) => s.controlPoint === 1);
    expect(en.file.slides[index]!.titleRuns).toEqual([
      { lang: 'en-US', text: 'Control point 1: ' },
      { lang: 'sv-SE', text: cp.title },
    ]);
    expect(en.file.slides[index]!.title).toBe(`Control point 1: ${cp.title}`);
    // The data, as written in Swedish: titles, the status answer, activities, focus text, plan and evidence, the contact.
    const data = [
      ...en.data.controlPoints.flatMap((c) => [c.title, ...(c.status?.text.split('\n') ?? []), ...c.activities.map((a) => a.text)]),
      ...Object.values(en.data.actionPlan.instructions)
        .flat()
        .map((i) => i.title),
      ...en.data.actionPlan.workPackages.map((w) => w.name),
      ...en.data.actionPlan.subProjects.map((s) => s.name),
      contact.name,
      contact.title,
    ].map(flat);
    for (const text of data.filter((d) => d.length >= 10)) expect(langsOf(text), text).toEqual(new Set(['sv-SE']));
    // The deck's own words: headings, column heads, states and legends.
    const labels = [
      t.plannedActivities,
      t.colActivity,
      t.colState,
      t.colPlannedWhen,
      t.glanceTitle,
      t.interpreted,
      t.activityState.ongoing,
    ];
    for (const label of labels) {
      const tagged = runs.filter((r) => r.text.includes(label));
      expect(tagged.length, label).toBeGreaterThan(0);
      expect(new Set(tagged.map((r) => r.lang)), label).toEqual(new Set(['en-US']));
    }
  });

  it('shows the overall action plan: every work package against the project period', async () => {
    const built = await deckOf();
    const index = built.deck.slides.findIndex((s) => s.kind === 'timeline');
    expect(index).toBeGreaterThan(built.deck.slides.findIndex((s) => s.kind === 'section' && s.title === 'Handlingsplan'));
    const text = flat(built.file.slides[index]!.text);
    expect(built.deck.slides[index]!.title).toBe('Övergripande handlingsplan – Etablera systematiskt informationssäkerhetsarbete');
    for (const wp of built.data.actionPlan.workPackages) expect(text).toContain(wp.name);
    for (const year of ['2023', '2024', '2025', '2026']) expect(text).toContain(year);
    // One bar per work package and one for the project.
    const bars = built.file.slides[index]!.xml.split('<p:sp>').filter(
      (sp) => /name="Shape \d+"/.test(sp) && sp.includes('prst="rect"'),
    ).length;
    expect(bars).toBeGreaterThanOrEqual(built.data.actionPlan.workPackages.length + 1);
    expect(overflows(built.file)).toEqual([]);
  });

  it('leaves import notes off the slides and flags a focus area with no work package or schedule', async () => {
    const built = await deckOf();
    const all = flat(built.file.slides.map((s) => s.text).join(' '));
    expect(all).not.toContain('rapporten anger inte');
    const focus = flat(built.file.slides[built.deck.slides.findIndex((s) => s.kind === 'focus')]!.text);
    expect(focus).toContain('Kontrollpunkt 7: ⚠ Fokusområde utan huvudpaket och utan tidplan');
    expect(focus).not.toContain('Kontrollpunkt 1: ⚠');
    expect(flat(slidesOf(built, 7)[0]!.slide.text)).toContain('⚠ Fokusområde utan huvudpaket och utan tidplan');
  });

  it('says "Ingen egen nivå angiven" under the row label, never inside a scale cell', async () => {
    const built = await deckOf();
    const slide = slidesOf(built, 1)[0]!.slide;
    const shapes = slide.xml.split('<p:sp>').slice(1);
    // Scale cells are the filled shapes; text boxes have no fill.
    const cells = shapes.filter((sp) => sp.split('</p:spPr>')[0]!.includes('<a:solidFill>'));
    expect(cells.length).toBe(10);
    for (const cell of cells) expect(cell).not.toContain('Ingen egen nivå angiven');
    const label = shapes.find((sp) => sp.includes('Ingen egen nivå angiven'))!;
    expect(label).toContain('CISO Intraservice');
  });

  it('ends with the contact the store keeps (else the configured one), or with a question slide when there is none', async () => {
    const fromStore = await deckOf({ contact: null });
    expect(fromStore.data.contact?.email).toBe('anna.bjork@intraservice.goteborg.se');
    expect(fromStore.deck.slides.at(-1)).toMatchObject({ kind: 'contact', title: 'Kontakt' });
    expect(flat(fromStore.file.slides.at(-1)!.text)).toContain('anna.bjork@intraservice.goteborg.se');
    const data = { ...fromStore.data, contact: null };
    const configured = await inspectPptx((await buildDeck(data, { contact: { name: 'Namn Konfigurerad', title: '', email: '' } })).bytes);
    expect(flat(configured.slides.at(-1)!.text)).toContain('Namn Konfigurerad');
    const none = await buildDeck(data, { contact: null });
    expect(none.slides.at(-1)).toMatchObject({ kind: 'contact', title: 'Frågor?' });
    expect(flat((await inspectPptx(none.bytes)).slides.at(-1)!.text)).toContain('GÖTEBORGS STAD INTRASERVICE');
  });
});

describe('the workbook', { timeout: 60_000 }, () => {
  let seeded: SeededStore;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await seeded.dispose();
  });

  const cellsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.slice(1) : []));

  it('has real date cells, no internal codes, and the unit’s level where it gave one', async () => {
    await seeded.store.addStatusUpdate(
      { unitId: UNIT, year: 2023, controlPoint: 2, statusDate: '2024-12-01', text: 'Egen bedömning', unitLevel: 3 },
      as('ciso'),
    );
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(data)) as unknown as ArrayBuffer);
    const board = workbook.getWorksheet('Kontrollpunkter')!;
    const header = (board.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const row2 = board.getRow(3);
    expect(row2.getCell(column('Förvaltningens nivå')).value).toBe(3);
    expect(row2.getCell(column('Förvaltningens bedömning')).value).toBe(levelLabel(data.scale, 3, 'sv'));
    const statusDate = row2.getCell(column('Statusdatum'));
    expect(statusDate.type).toBe(ExcelJS.ValueType.Date);
    expect((statusDate.value as Date).toISOString().slice(0, 10)).toBe('2024-12-01');
    expect(statusDate.numFmt).toBe('yyyy-mm-dd');
    expect(board.getRow(2).getCell(column('Beräknat slut')).type).toBe(ExcelJS.ValueType.Date);

    const plan = workbook.getWorksheet('Handlingsplan')!;
    const project = plan.getRow(2);
    expect(project.getCell(1).value).toBe('Projekt');
    expect((project.getCell(6).value as Date).toISOString().slice(0, 10)).toBe('2023-06-01');
    expect((project.getCell(7).value as Date).toISOString().slice(0, 10)).toBe('2026-06-30');

    const keys = data.actionPlan.workPackages.map((w) => w.key).filter((k) => !data.actionPlan.workPackages.some((w) => w.name === k));
    expect(keys).toContain('Systemstod');
    for (const sheet of workbook.worksheets) {
      const values = cellsOf(sheet).filter((v): v is string => typeof v === 'string');
      for (const key of keys) expect(values).not.toContain(key);
    }
    const activities = workbook.getWorksheet('Aktiviteter')!;
    expect(cellsOf(activities)).toContain('Systemstöd');
  });
});

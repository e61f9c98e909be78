/**
 * The city's summary deck (issue 14, item 5), read back from the .pptx as a checker would
 * (tests/report/pptx-inspect.ts): the heat map grows over continuation slides as units are added and
 * shows every unit once, each scale cell holds a level and marks only, interpreted marks keep the
 * unit deck's neutral fill, titles sit in title placeholders and every run is tagged with the language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitLabel, unitName } from '../../src/domain/units.js';
import { buildCityDeck, type CityReportData } from '../../src/report/city-deck.js';
import { loadCityReportData, type ReadableUnits } from '../../src/report/city-data.js';
import { COLORS } from '../../src/report/deck-kit.js';
import { levelTint } from '../../src/report/deck-slides.js';
import { cityStore, type CityStore } from './city-fixture.js';
import { TODAY } from './fixture.js';
import { labelsFor } from '../../src/report/labels.js';
import { flat, inspectPptx, overflows, type Inspected } from './pptx-inspect.js';

const EXAMPLES = 30;
/** A heat map cell: the level ("4", "4*") with its trend, then the focus and overdue marks; empty when not assessed. */
const CELL = /^(\d{1,2}\*?( [↑↓=])?)?\s*(◆)?\s*(⚠\d+)?$/u;

describe('the city deck', { timeout: 120_000 }, () => {
  let city: CityStore;
  /** The deck over every unit, built once (the heaviest part) and read by several tests. */
  let all: { data: CityReportData; deck: Awaited<ReturnType<typeof buildCityDeck>>; file: Inspected };
  beforeAll(async () => {
    city = await cityStore(EXAMPLES);
    const data = await dataOf('*');
    all = { data, ...(await deckOf(data)) };
  });
  afterAll(async () => {
    await city?.dispose();
  });

  const dataOf = (readable: ReadableUnits, locale: 'sv' | 'en' = 'sv', filter = {}) =>
    loadCityReportData(city.store, { readable, filter, locale, today: TODAY });
  const deckOf = async (data: CityReportData, locale: 'sv' | 'en' = 'sv') => {
    const deck = await buildCityDeck(data, locale);
    return { deck, file: await inspectPptx(deck.bytes) };
  };
  const heatSlides = (deck: { slides: { kind: string }[] }, file: Inspected) =>
    file.slides.filter((_, i) => deck.slides[i]!.kind === 'heatMap');

  it('puts every unit on exactly one heat map slide, over more slides as units are added, the header and legend on each', async () => {
    const few = await dataOf(['intraservice', 'exempel-01', 'exempel-02']);
    expect(few.view.rows).toHaveLength(3);
    expect(all.data.view.rows).toHaveLength(EXAMPLES + 1);
    const small = await deckOf(few);
    const large = all;
    expect(heatSlides(small.deck, small.file)).toHaveLength(1);
    expect(heatSlides(large.deck, large.file).length).toBeGreaterThanOrEqual(3);
    expect(large.deck.slides.length).toBeGreaterThan(small.deck.slides.length);

    const slides = heatSlides(large.deck, large.file);
    for (const row of all.data.view.rows) {
      const label = unitLabel(row.unit, 'sv');
      const on = slides.filter((s) => s.tableCells.some((c) => flat(c.text).startsWith(label)));
      expect(
        on.map((s) => s.index),
        label,
      ).toHaveLength(1);
    }
    for (const slide of slides) {
      const cells = slide.tableCells.map((c) => flat(c.text));
      expect(cells.slice(0, 14)).toEqual(['Förvaltning', ...Array.from({ length: 12 }, (_, i) => String(i + 1)), 'Försenat']);
      expect(flat(slide.text)).toContain('Kolumner: 1 Dataskyddsorganisation');
      expect(flat(slide.text)).toContain('◆ fokusområde');
    }
    expect(slides.slice(1).every((s) => s.title?.endsWith('(forts.)'))).toBe(true);
    expect(overflows(large.file)).toEqual([]);
  });

  it('holds a level and its marks only in a scale cell, and marks example units', () => {
    const { data, deck, file } = all;
    const labels = new Set(data.view.rows.map((r) => unitLabel(r.unit, 'sv')));
    let scaleCells = 0;
    for (const slide of heatSlides(deck, file)) {
      // After the header row (unit, 1–12, overdue): each row's unit, then its cells and overdue count.
      for (const cell of slide.tableCells.slice(14)) {
        const text = flat(cell.text);
        if (labels.has(text)) continue;
        expect(text, `slide ${slide.index}`).toMatch(CELL);
        scaleCells += 1;
      }
    }
    // 12 scale cells and the overdue count (digits, which the pattern also takes) per unit.
    expect(scaleCells).toBe(data.view.rows.length * 13);
    const examples = data.view.rows.filter((r) => r.unit.example);
    expect(examples).toHaveLength(EXAMPLES);
    for (const row of examples) expect(unitLabel(row.unit, 'sv')).toMatch(/^Exempel \d\d – .+ \(exempel\)$/);
  });

  it("draws a level's cell in its tint and an interpreted mark (the report's X) in the unit deck's neutral accent", () => {
    const { data, deck, file } = all;
    const xml = heatSlides(deck, file)
      .map((s) => s.xml)
      .join('');
    const rowXml = (label: string) => xml.split('<a:tr ').find((r) => r.includes(`>${label}<`))!;
    const cellsOf = (label: string) =>
      rowXml(label)
        .split(/<a:tc[ >]/)
        .slice(2, 14);

    const seeded = data.view.rows.find((r) => r.unit.id === 'intraservice')!;
    expect(seeded.cells.some((c) => c.interpreted)).toBe(true);
    cellsOf('Intraservice').forEach((cell, i) => {
      const mark = seeded.cells[i]!;
      if (mark.level === null) return;
      expect(cell).toContain(`>${mark.level}*`);
      expect(cell).toContain(`srgbClr val="${COLORS.accent}"`);
    });

    const example = data.view.rows.find((r) => r.unit.id === 'exempel-01')!;
    const assessed = example.cells.filter((c) => c.level !== null);
    expect(assessed.length).toBeGreaterThan(0);
    cellsOf(unitLabel(example.unit, 'sv')).forEach((cell, i) => {
      const mark = example.cells[i]!;
      if (mark.level === null) return;
      expect(mark.interpreted).toBe(false);
      expect(cell).toContain(`srgbClr val="${levelTint(mark.level, 5)}"`);
    });
  });

  it('has titles in title placeholders, the spread, focus areas and overdue work per unit, every run in sv-SE', () => {
    const { data, deck, file } = all;
    file.slides.forEach((slide, i) => expect(slide.title).toBe(deck.slides[i]!.title));
    expect([...new Set(deck.slides.map((s) => s.kind))]).toEqual(['title', 'heatMap', 'spread', 'unitFocus', 'unitOverdue']);
    for (const slide of file.slides) {
      // Runs with text (a:r); the slide-number field (a:fld) carries no words.
      const langs = [...slide.xml.matchAll(/<a:r><a:rPr[^>]* lang="([^"]+)"/g)].map((m) => m[1]);
      expect(langs.length).toBeGreaterThan(0);
      expect(new Set(langs)).toEqual(new Set(['sv-SE']));
    }
    const text = (kind: string) =>
      flat(
        file.slides
          .filter((_, i) => deck.slides[i]!.kind === kind)
          .map((s) => s.text)
          .join(' '),
      );
    expect(text('title')).toContain(`${EXAMPLES + 1} förvaltningar, varav ${EXAMPLES} exempel`);
    const spread = text('spread');
    for (const cp of data.view.controlPoints) expect(spread).toContain(`${cp.number}. ${cp.title}`);
    const focus = text('unitFocus');
    const overdue = text('unitOverdue');
    for (const row of data.view.rows) {
      const label = unitLabel(row.unit, 'sv');
      expect(focus).toContain(label);
      for (const n of row.focus) expect(focus).toContain(`${n}. ${data.view.controlPoints[n - 1]!.title}`);
      expect(overdue).toContain(`${label} ${row.overdue}`);
    }
    expect(overflows(file)).toEqual([]);
  });

  it('is English on request: its own words en-US, the data (a unit’s own name, the control points’ titles) sv-SE as written', async () => {
    const data = await dataOf(['intraservice', 'exempel-03'], 'en', { focusOnly: true });
    const { deck, file } = await deckOf(data, 'en');
    expect(deck.slides[1]!.title).toBe(`Heat map ${data.view.year}: the Data Protection Officer's level per control point`);
    expect(flat(file.slides[0]!.text)).toContain('Selection: focus areas only');
    expect(flat(file.slides[1]!.text)).toContain('(example)');
    const runs = file.slides.flatMap((s) => s.runs);
    const langsOf = (match: (text: string) => boolean) => new Set(runs.filter((r) => match(r.text)).map((r) => r.lang));
    expect(langsOf(() => true)).toEqual(new Set(['en-US', 'sv-SE']));
    for (const row of data.view.rows) {
      // Intraservice has no English name: its own is shown, as data; an example unit has an English name of the deck's language.
      const name = unitName(row.unit, 'en');
      expect(
        langsOf((text) => text.startsWith(name)),
        name,
      ).toEqual(new Set([name === row.unit.name ? 'sv-SE' : 'en-US']));
    }
    for (const cp of data.view.controlPoints) expect(langsOf((text) => text === cp.title)).toEqual(new Set(['sv-SE']));
    const t = labelsFor('en');
    for (const label of [t.city.colUnit, t.city.spreadTitle, t.city.focusTitle, t.city.colFocusAreas]) {
      expect(
        langsOf((text) => text.includes(label)),
        label,
      ).toEqual(new Set(['en-US']));
    }
    for (const slide of file.slides) expect(slide.misplacedParagraphProperties).toEqual([]);
  });
});

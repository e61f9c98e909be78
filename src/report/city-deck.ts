/**
 * The city's summary deck (issue 14, item 5): every unit's twelve control points on one heat map
 * (units as rows, continued over as many slides as the units need with the header repeated), the
 * spread per control point, each unit's focus areas and its overdue work. A pure function of the
 * city view (src/domain/city.ts, filtered by its one filter), so it runs in a report worker.
 *
 * A heat map cell says its level as text (the number; "4*" for a mark read from the report's X,
 * drawn in the neutral accent as in the unit deck) beside its colour, its change from the year
 * before as an arrow, and its focus (◆) and overdue (⚠n) marks: colour never carries meaning alone.
 * A cell the DPO has not assessed stays empty (no words in a scale cell, where they would read as a mark).
 */
import type { CityRow, CityView } from '../domain/city.js';
import type { IsoDate, Locale } from '../domain/model.js';
import { neutralLevel } from '../words/index.js';
import {
  BODY_BOTTOM,
  BODY_TOP,
  COLORS,
  CONTENT_W,
  DeckKit,
  defineMaster,
  LANGUAGE_TAG,
  MX,
  type Slide,
  type SlideInfo,
} from './deck-kit.js';
import { levelTint, TINT_INK, WARN } from './deck-slides.js';
import type { Deck } from './deck.js';
import { labelsFor, type Labels } from './labels.js';
import { PptxGenJS, writeDeck } from './pptx.js';
import { unitText, withData, type Text } from './spans.js';
import { lineCount, linePt, textWidthPt, type Para } from './text-fit.js';

/** What a city report is built from: the view as filtered, and the words around it. Structured-cloneable (a worker gets it). */
export interface CityReportData {
  view: CityView;
  /** The organisation the units belong to (the footer and the title slide). */
  organisation: string;
  /** The day the report was compiled. */
  today: IsoDate;
  /** The filter applied (said on the title slide), in the words of the report's language. */
  filterWords: string[];
}

interface CityContext {
  kit: DeckKit;
  data: CityReportData;
  t: Labels;
  locale: Locale;
}

const HEAT = { unitW: 3.05, overdueW: 0.9, headerH: 0.34, cellSize: 11, markSize: 9, unitSize: 10, gap: 0.12 } as const;
const CELL_MARGIN = 0.04;
const TREND_MARK = { up: '↑', down: '↓', same: '=', new: '' } as const;

/** The unit as it is named wherever it shows, its name as data. */
function unitTitle(row: CityRow, ctx: CityContext): Text {
  return unitText(row.unit, ctx.locale);
}

/** A cell's first line: the level as text ("4", "4*") and its trend; empty when not assessed. */
export function levelText(cell: CityView['rows'][number]['cells'][number]): string {
  if (cell.level === null) return '';
  const arrow = cell.trend ? TREND_MARK[cell.trend] : '';
  return `${cell.level}${cell.interpreted ? '*' : ''}${arrow ? ` ${arrow}` : ''}`;
}

/** A cell's second line: focus and overdue marks. */
export function marksText(cell: CityView['rows'][number]['cells'][number]): string {
  return [cell.focus ? '◆' : '', cell.overdue > 0 ? `⚠${cell.overdue}` : ''].filter(Boolean).join(' ');
}

function unitCellLines(row: CityRow, ctx: CityContext, widthIn: number): number {
  const label = lineCount(unitTitle(row, ctx), { widthIn, size: HEAT.unitSize, bold: true });
  return label + (row.year === null ? 1 : 0);
}

function rowHeight(row: CityRow, ctx: CityContext): number {
  const unitLines = unitCellLines(row, ctx, HEAT.unitW - 2 * CELL_MARGIN + 0.15);
  const unitPt = unitLines * linePt(HEAT.unitSize);
  const cellPt = linePt(HEAT.cellSize) + linePt(HEAT.markSize);
  return Math.max(unitPt, cellPt) / 72 + 2 * CELL_MARGIN + 0.06;
}

/** The legend under every heat map slide: the levels' colours, the marks, and the columns' titles. */
function legendParas(ctx: CityContext): Para[] {
  const { data, t, locale } = ctx;
  const view = data.view;
  const n = view.levels.length;
  const named = view.levels.some((l) => l.label[locale] !== neutralLevel(l.level, n, locale));
  const paras: Para[] = [];
  if (named) paras.push({ text: view.levels.map((l) => `${l.level} ${l.label[locale]}`).join('  ·  '), size: 9, color: COLORS.ink });
  const marks = [t.city.legendMarks(t.city.previousYear)];
  if (view.rows.some((r) => r.cells.some((c) => c.interpreted))) marks.push(t.city.legendInterpreted);
  if (view.rows.some((r) => r.cells.some((c) => !c.match))) marks.push(t.city.legendOutside);
  paras.push({ text: marks.join(' · '), size: 9, color: COLORS.ink, spaceBefore: 2 });
  const columns = withData((d) => `${t.city.columnsNote}: ${view.controlPoints.map((cp) => `${cp.number} ${d(cp.title)}`).join(' · ')}`);
  paras.push({ text: columns, size: 8, color: COLORS.muted, spaceBefore: 2 });
  return paras;
}

const SWATCH = { w: 0.42, h: 0.26 } as const;

/** One swatch per level (its colour with its number) and the interpreted fill, after "Nivå (siffra och färg)". */
function drawSwatches(slide: Slide, ctx: CityContext, y: number): void {
  const { kit, data, t } = ctx;
  const n = data.view.levels.length;
  const labelW = textWidthPt(`${t.city.legendLevels}:`, 9) / 72 + 0.15;
  slide.addText(
    `${t.city.legendLevels}:`,
    kit.text({ x: MX, y, w: labelW, h: SWATCH.h, fontSize: 9, color: COLORS.ink, margin: 0, valign: 'middle' as const }),
  );
  const swatches = [
    ...data.view.levels.map((l) => ({ text: String(l.level), fill: levelTint(l.level, n), color: TINT_INK })),
    ...(data.view.rows.some((r) => r.cells.some((c) => c.interpreted)) ? [{ text: '4*', fill: COLORS.accent, color: COLORS.white }] : []),
  ];
  swatches.forEach((s, i) => {
    slide.addText(
      s.text,
      kit.text({
        shape: 'rect' as const,
        x: MX + labelW + i * (SWATCH.w + 0.06),
        y,
        w: SWATCH.w,
        h: SWATCH.h,
        fill: { color: s.fill },
        line: { color: 'D1D5DB', width: 0.5 },
        fontSize: 9,
        bold: true,
        color: s.color,
        align: 'center' as const,
        valign: 'middle' as const,
        margin: 0,
      }),
    );
  });
}

type TableRow = Parameters<DeckKit['addTable']>[1][number];

function headerRow(ctx: CityContext): TableRow {
  const { data, t } = ctx;
  const head = (text: string, align: 'left' | 'center') => ({
    text,
    options: { bold: true, color: COLORS.white, fill: { color: COLORS.accent }, align, fontSize: 10 },
  });
  return [
    head(t.city.colUnit, 'left'),
    ...data.view.controlPoints.map((cp) => head(String(cp.number), 'center')),
    head(t.city.colOverdue, 'center'),
  ];
}

function bodyRow(row: CityRow, ctx: CityContext): TableRow {
  const { kit, data, t } = ctx;
  const n = data.view.levels.length;
  const unitRuns = [
    ...kit.runs(unitTitle(row, ctx), { bold: true, fontSize: HEAT.unitSize, color: COLORS.ink, breakLine: row.year === null }),
    ...(row.year === null ? kit.runs(t.city.noYear(data.view.year), { italic: true, fontSize: 9, color: COLORS.muted }) : []),
  ];
  const cells = row.cells.map((cell) => {
    const level = levelText(cell);
    const marks = marksText(cell);
    const fill = !cell.match ? 'F9FAFB' : cell.level === null ? 'F3F4F6' : cell.interpreted ? COLORS.accent : levelTint(cell.level, n);
    const ink = !cell.match ? COLORS.muted : cell.interpreted ? COLORS.white : TINT_INK;
    const runs = [
      ...kit.runs(level || ' ', { bold: true, fontSize: HEAT.cellSize, color: ink, breakLine: true }),
      ...kit.runs(marks || ' ', { bold: true, fontSize: HEAT.markSize, color: ink }),
    ];
    return { text: runs, options: { align: 'center' as const, fill: { color: fill } } };
  });
  const overdue = {
    text: String(row.overdue),
    options: { align: 'center' as const, bold: row.overdue > 0, color: row.overdue > 0 ? WARN : COLORS.ink, fill: { color: COLORS.white } },
  };
  return [{ text: unitRuns, options: { fill: { color: COLORS.white } } }, ...cells, overdue];
}

/** Rows per slide: packed by measured height, then spread evenly over the same number of slides. */
export function heatMapPages(heights: number[], capacity: number): number[][] {
  const pack = (maxRows: number) => {
    const pages: number[][] = [[]];
    let used = 0;
    heights.forEach((h, i) => {
      const page = pages.at(-1)!;
      if (page.length > 0 && (used + h > capacity + 1e-9 || page.length >= maxRows)) {
        pages.push([]);
        used = 0;
      }
      pages.at(-1)!.push(i);
      used += h;
    });
    return pages;
  };
  const greedy = pack(Infinity);
  const even = pack(Math.ceil(heights.length / greedy.length));
  return even.length === greedy.length ? even : greedy;
}

/** The heat map over as many slides as the units need, the header and legend on each. */
function heatMapSlides(ctx: CityContext): void {
  const { kit, data, t } = ctx;
  const legend = legendParas(ctx);
  const legendH = DeckKit.heightIn(legend) + SWATCH.h + 0.06;
  const legendTop = BODY_BOTTOM - legendH;
  const capacity = legendTop - HEAT.gap - BODY_TOP - HEAT.headerH;
  const rows = data.view.rows;
  const heights = rows.map((r) => rowHeight(r, ctx));
  const pages = rows.length === 0 ? [[]] : heatMapPages(heights, capacity);
  const cpW = (CONTENT_W - HEAT.unitW - HEAT.overdueW) / Math.max(1, data.view.controlPoints.length);
  const title = t.city.heatMapTitle(data.view.year);
  pages.forEach((page, i) => {
    const info: SlideInfo = { kind: 'heatMap', title: i === 0 ? title : `${title} (${t.continued})`, continuation: i > 0 };
    const slide = kit.newSlide(info);
    kit.addTitle(slide, info.title);
    const body = page.map((index) => bodyRow(rows[index]!, ctx));
    kit.addTable(slide, [headerRow(ctx), ...body], {
      y: BODY_TOP,
      colW: [HEAT.unitW, ...data.view.controlPoints.map(() => cpW), HEAT.overdueW],
      rowH: [HEAT.headerH, ...page.map((index) => heights[index]!)],
      fontSize: 10,
      margin: CELL_MARGIN,
      // White lines between the tinted cells, so that each reads as a tile.
      border: { type: 'solid' as const, pt: 0.75, color: COLORS.white },
    });
    drawSwatches(slide, ctx, legendTop);
    kit.addParas(slide, legend, { x: MX, y: legendTop + SWATCH.h + 0.06, w: CONTENT_W, h: DeckKit.heightIn(legend) });
  });
}

function titleSlide(ctx: CityContext): void {
  const { kit, data, t } = ctx;
  const view = data.view;
  const examples = view.rows.filter((r) => r.unit.example).length;
  const missing = view.rows.filter((r) => r.year === null).length;
  const paras: Para[] = [{ text: t.city.units(view.rows.length, examples), size: 16, bold: true }];
  if (missing > 0) paras.push({ text: t.city.withoutYear(missing, view.year), size: 14, spaceBefore: 4 });
  paras.push({ text: t.city.compared, size: 14, spaceBefore: 6 });
  paras.push({ text: t.city.overdueNote(view.asOf), size: 14, spaceBefore: 6 });
  if (data.filterWords.length > 0) {
    paras.push({ text: t.city.filtered(data.filterWords.join(', ')), size: 14, bold: true, color: WARN, spaceBefore: 6 });
  }
  paras.push({ text: t.city.contents, size: 16, bold: true, color: COLORS.accent, spaceBefore: 14, keepWithNext: true });
  for (const line of t.city.contentsLines) paras.push({ text: line, size: 14, bullet: 0, spaceBefore: 3 });
  const subtitle: Para[] = [
    { text: withData((d) => t.city.subtitle(d(data.organisation))), size: 20, bold: true, color: COLORS.ink },
    { text: t.generated(data.today), size: 12, color: COLORS.muted, spaceBefore: 4 },
  ];
  kit.flow({ kind: 'title', title: t.city.deckTitle(view.year), continuation: false }, paras, {
    firstTop: BODY_TOP + DeckKit.heightIn(subtitle) + 0.25,
    decorate: (slide) => kit.addParas(slide, subtitle, { x: MX, y: BODY_TOP, w: CONTENT_W, h: DeckKit.heightIn(subtitle) }),
  });
}

/** A level as a number in the report's language ("3,5" in Swedish). */
function levelNumber(value: number | null, locale: Locale): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 }).format(value);
}

/** The spread of the DPO's levels per control point over the units: counts per level, not assessed, lowest, median, highest. */
function spreadSlide(ctx: CityContext): void {
  const { kit, data, t, locale } = ctx;
  const view = data.view;
  const n = view.levels.length;
  const titleW = 3.8;
  const numbers = n + 4;
  const w = (CONTENT_W - titleW) / numbers;
  const size = 11;
  const head = (text: string, fill: string = COLORS.accent, color: string = COLORS.white) => ({
    text,
    options: { bold: true, color, fill: { color: fill }, align: 'center' as const },
  });
  const header = [
    { text: t.colTitle, options: { bold: true, color: COLORS.white, fill: { color: COLORS.accent } } },
    ...view.levels.map((l) => head(t.city.colSpreadLevel(l.level), levelTint(l.level, n), TINT_INK)),
    head(t.city.colNotAssessed),
    head(t.city.colMin),
    head(t.city.colMedian),
    head(t.city.colMax),
  ];
  const rowH: number[] = [Math.max(0.34, (lineCount(t.city.colNotAssessed, { widthIn: w, size, bold: true }) * linePt(size)) / 72 + 0.12)];
  const body = view.summary.map((s, r) => {
    const cp = view.controlPoints.find((c) => c.number === s.controlPoint);
    const title = withData((d) => `${s.controlPoint}. ${d(cp?.title ?? '')}`);
    rowH.push(Math.max(0.3, (lineCount(title, { widthIn: titleW, size }) * linePt(size)) / 72 + 0.1));
    const fill = { color: r % 2 === 0 ? COLORS.white : COLORS.accentLight };
    const num = (text: string) => ({ text, options: { align: 'center' as const, fill } });
    return [
      kit.cell(title, { fill }),
      ...view.levels.map((l) => num(String(s.counts[l.level] ?? 0))),
      num(String(s.notAssessed)),
      num(levelNumber(s.min, locale)),
      num(levelNumber(s.median, locale)),
      num(levelNumber(s.max, locale)),
    ];
  });
  const slide = kit.newSlide({ kind: 'spread', title: t.city.spreadTitle, continuation: false });
  kit.addTitle(slide, t.city.spreadTitle);
  kit.addTable(slide, [header, ...body], { y: BODY_TOP, colW: [titleW, ...Array<number>(numbers).fill(w)], rowH, fontSize: size });
  const note = [{ text: t.city.spreadNote(view.rows.length), size: 10, color: COLORS.muted }];
  const top = Math.min(BODY_TOP + rowH.reduce((a, b) => a + b, 0) + 0.08, BODY_BOTTOM - DeckKit.heightIn(note));
  kit.addParas(slide, note, { x: MX, y: top, w: CONTENT_W, h: DeckKit.heightIn(note) });
}

/** Every unit's focus areas of the year, by number and title. */
function focusSlides(ctx: CityContext): void {
  const { kit, data, t } = ctx;
  const view = data.view;
  const titleOf = (n: number) => view.controlPoints.find((c) => c.number === n)?.title ?? '';
  const rows = view.rows.map((row): Text[] => [
    unitTitle(row, ctx),
    row.year === null
      ? t.city.noYear(view.year)
      : row.focus.length === 0
        ? t.city.noFocus
        : withData((d) => row.focus.map((n) => `${n}. ${d(titleOf(n))}`).join(' · ')),
  ]);
  const unitW = 4.0;
  kit.table(
    { kind: 'unitFocus', title: t.city.focusTitle, continuation: false },
    [
      { header: t.city.colUnit, w: unitW },
      { header: t.city.colFocusAreas, w: CONTENT_W - unitW },
    ],
    rows,
  );
}

/** Overdue work per unit, most first: the count, and per control point (a dash where none). */
function overdueSlides(ctx: CityContext): void {
  const { kit, data, t } = ctx;
  const view = data.view;
  const ordered = [...view.rows].sort((a, b) => b.overdue - a.overdue);
  const rows = ordered.map((row): Text[] =>
    row.year === null
      ? [unitTitle(row, ctx), t.city.noYear(view.year), ...row.cells.map(() => '')]
      : [unitTitle(row, ctx), String(row.overdue), ...row.cells.map((c) => (c.overdue > 0 ? String(c.overdue) : t.none))],
  );
  const unitW = 3.8;
  const totalW = 1.2;
  const cpW = (CONTENT_W - unitW - totalW) / Math.max(1, view.controlPoints.length);
  kit.table(
    { kind: 'unitOverdue', title: t.city.overdueTitle(view.asOf), continuation: false },
    [
      { header: t.city.colUnit, w: unitW },
      { header: t.city.colOverdueTotal, w: totalW },
      ...view.controlPoints.map((cp) => ({ header: t.city.cpShort(cp.number), w: cpW })),
    ],
    rows,
  );
}

export async function buildCityDeck(data: CityReportData, locale: Locale = 'sv'): Promise<Deck> {
  const t = labelsFor(locale);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'DPO Board';
  pptx.company = data.organisation;
  pptx.title = t.city.deckTitle(data.view.year);
  pptx.subject = t.city.subtitle(data.organisation);
  defineMaster(pptx, `${data.organisation} · ${t.city.deckTitle(data.view.year)}`, LANGUAGE_TAG[locale]);
  const kit = new DeckKit(pptx, t.continued, locale);
  const ctx: CityContext = { kit, data, t, locale };
  titleSlide(ctx);
  heatMapSlides(ctx);
  spreadSlide(ctx);
  focusSlides(ctx);
  overdueSlides(ctx);
  return { bytes: await writeDeck(pptx), slides: kit.slides };
}

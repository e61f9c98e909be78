/**
 * The deck's page geometry and the few building blocks every slide uses: a title that fits,
 * flowed text over continuation slides, and tables paginated by measured row heights.
 */
import type { Locale } from '../domain/model.js';
import type { Pptx } from './pptx.js';
import { joinText, normalizeText, plainText, type Span, type Text } from './spans.js';
import {
  BOX_MARGIN_PT,
  BULLET_INDENT_PT,
  blockHeightPt,
  lineCount,
  linePt,
  paginate,
  paraHeightPt,
  splitPara,
  type Para,
} from './text-fit.js';

export type Slide = ReturnType<Pptx['addSlide']>;
type TableRows = Parameters<Slide['addTable']>[0];
type TableOptions = NonNullable<Parameters<Slide['addTable']>[1]>;
/** One run of text as pptxgenjs takes it, and its options. */
type Run = Exclude<Parameters<Slide['addText']>[0], string>[number];
export type RunOptions = NonNullable<Run['options']>;

/** The language tag a locale's text is tagged with. */
export const LANGUAGE_TAG: Record<Locale, string> = { sv: 'sv-SE', en: 'en-US' };
/**
 * The data's language: the store holds the city's own texts (the control points, the unit's status
 * answers and activities, the plan, the contact), written in Swedish as the DPO's report is; they
 * are shown as written in either deck.
 */
export const DATA_LOCALE: Locale = 'sv';

/** LAYOUT_WIDE: 13.333 x 7.5 inches. */
export const PAGE = { w: 13.333, h: 7.5 } as const;
export const MX = 0.6;
export const CONTENT_W = PAGE.w - 2 * MX;
export const TITLE = { y: 0.35, h: 1.0 } as const;
export const BODY_TOP = 1.45;
export const BODY_BOTTOM = 6.9;
export const FOOTER_Y = 7.02;
export const FONT = 'Arial';
export const MASTER = 'DPO_REPORT';
/** Section slides: the title placeholder sits mid-slide, white on the accent colour. */
export const SECTION_MASTER = 'DPO_SECTION';
export const SECTION_TITLE = { y: 2.2, h: 1.6 } as const;

export const COLORS = {
  ink: '1F2937',
  accent: '00558C',
  accentLight: 'E6EFF6',
  muted: '6B7280',
  track: 'E5E7EB',
  white: 'FFFFFF',
  previous: '9CA3AF',
} as const;

const MARGIN: [number, number, number, number] = [BOX_MARGIN_PT, BOX_MARGIN_PT, BOX_MARGIN_PT, BOX_MARGIN_PT];

/** What the deck built, slide by slide (tests and the CLI read this beside the file). */
export interface SlideInfo {
  kind:
    | 'title'
    | 'focus'
    | 'glance'
    | 'section'
    | 'controlPoint'
    | 'plan'
    | 'timeline'
    | 'instructions'
    | 'subProjects'
    | 'evidence'
    | 'contact'
    | 'heatMap'
    | 'spread'
    | 'unitFocus'
    | 'unitOverdue';
  title: string;
  continuation: boolean;
  controlPoint?: number;
}

/** A row of a table that flows with text (see DeckKit.compose). */
export interface FlowRow {
  /** `url`: the cell's text links there (an https address, e.g. a piece of evidence). */
  cells: { text: Text; color?: string; bold?: boolean; url?: string }[];
}

/** What DeckKit.compose lays out: paragraphs and the rows of one table, in order. */
export type FlowItem = { para: Para } | { row: FlowRow };

export interface FlowTable {
  columns: { header: string; w: number }[];
  size: number;
}

/** A slide as a builder names it: its title may hold data ("Control point 1: Dataskyddsorganisation"). */
export type SlideHead = Omit<SlideInfo, 'title'> & { title: Text };

type PageSegment = { paras: Para[] } | { rows: FlowRow[]; heights: number[] };

/** Where a table sits and how its rows and columns are sized; DeckKit.addTable adds what every table of the decks shares. */
export interface TableLayout {
  x?: number;
  y: number;
  colW: number[];
  rowH: number[];
  fontSize: number;
  margin?: number;
  border?: TableOptions['border'];
}

const CELL_MARGIN_IN = 0.05;
const SEGMENT_GAP_IN = 0.08;
/** The thin grey grid of the decks' tables. */
const GRID_BORDER = { type: 'solid' as const, pt: 0.5, color: 'D1D5DB' };

export class DeckKit {
  readonly slides: SlideInfo[] = [];

  /** The language of the deck's own words (labels, headings, legends): sv-SE or en-US. */
  readonly labelLang: string;
  /** The language of the data it shows (DATA_LOCALE). */
  readonly dataLang: string;

  constructor(
    readonly pptx: Pptx,
    private readonly continued: string,
    locale: Locale,
  ) {
    this.labelLang = LANGUAGE_TAG[locale];
    this.dataLang = LANGUAGE_TAG[DATA_LOCALE];
  }

  newSlide(info: SlideInfo, masterName: string = MASTER): Slide {
    this.slides.push(info);
    return this.pptx.addSlide({ masterName });
  }

  /**
   * A text's runs, each tagged with its language (the data's for data spans, the deck's for its own
   * words), so that spelling and screen readers read each part in its language. `bullet` goes on the
   * first run only and `breakLine` on the last: pptxgenjs starts a new paragraph at a run with a bullet.
   */
  runs(text: Text, options: RunOptions = {}): Run[] {
    const { bullet, breakLine, ...shared } = options;
    const tagged = typeof text === 'string' ? [{ text, lang: this.labelLang }] : text.map((s) => ({ text: s.text, lang: this.langOf(s) }));
    const parts = byLanguage(tagged, this.labelLang);
    return parts.map((part, i) => ({
      text: part.text,
      options: {
        ...shared,
        ...(i === 0 && bullet !== undefined ? { bullet } : {}),
        ...(i === parts.length - 1 && breakLine !== undefined ? { breakLine } : {}),
        lang: part.lang,
      },
    }));
  }

  private langOf(span: Span): string {
    return span.data ? this.dataLang : this.labelLang;
  }

  /** A table cell of a text: the deck's own words as they are, a text with data as runs in their languages. */
  cell(text: Text, options: NonNullable<TableRows[number][number]['options']> = {}): TableRows[number][number] {
    return typeof text === 'string' ? { text, options } : { text: this.runs(text), options };
  }

  /** The title of a slide, "(forts.)" after it on the slides it continues on. */
  private pageTitle(title: Text, page: number): Text {
    return page === 0 ? title : joinText(title, ` (${this.continued})`);
  }

  /** A new slide of a builder's head, on page `page` of it. */
  private headSlide(info: SlideHead, page: number): { slide: Slide; title: Text } {
    const title = this.pageTitle(info.title, page);
    const slide = this.newSlide({ ...info, title: plainText(title), continuation: page > 0 });
    this.addTitle(slide, title);
    return { slide, title };
  }

  /**
   * The title, in the slide's title placeholder (so that accessibility checkers and the outline
   * find it), in the largest of 24/20/16 pt at which it takes at most two lines.
   */
  addTitle(slide: Slide, text: Text): void {
    const size = [24, 20, 16].find((s) => lineCount(text, { widthIn: CONTENT_W, size: s, bold: true }) <= 2) ?? 14;
    slide.addText(this.runs(text), {
      placeholder: 'title',
      fontFace: FONT,
      fontSize: size,
      bold: true,
      color: COLORS.accent,
      align: 'left',
      valign: 'bottom',
      margin: MARGIN,
      fit: 'none',
      lineSpacing: linePt(size),
      lang: this.labelLang,
    });
  }

  /** The heading of a section slide, in its title placeholder. */
  addSectionTitle(slide: Slide, text: Text): void {
    slide.addText(this.runs(text), {
      placeholder: 'title',
      fontFace: FONT,
      fontSize: 32,
      bold: true,
      color: COLORS.white,
      align: 'left',
      valign: 'bottom',
      margin: MARGIN,
      fit: 'none',
      lineSpacing: linePt(32),
      lang: this.labelLang,
    });
  }

  /**
   * A table as every table of the decks is drawn: ink text, cells centred vertically, the thin grey
   * grid unless told otherwise. A cell of plain text is in the deck's language (pptxgenjs takes its
   * run's language from the cell); a cell of runs (DeckKit.cell) keeps each run's own.
   */
  addTable(slide: Slide, rows: TableRows, layout: TableLayout): void {
    const tagged = rows.map((row) => row.map((cell) => ({ ...cell, options: { ...cell.options, lang: this.labelLang } })));
    slide.addTable(
      tagged,
      this.text({
        x: layout.x ?? MX,
        y: layout.y,
        w: layout.colW.reduce((sum, w) => sum + w, 0),
        colW: layout.colW,
        rowH: layout.rowH,
        fontSize: layout.fontSize,
        color: COLORS.ink,
        margin: layout.margin ?? CELL_MARGIN_IN,
        valign: 'middle' as const,
        border: layout.border ?? GRID_BORDER,
      }),
    );
  }

  /** Text options every free text box and table of the deck shares (its own words' language; runs carry their own). */
  text<T extends object>(options: T): T & { fontFace: string; lang: string } {
    return { fontFace: FONT, lang: this.labelLang, ...options };
  }

  /** A text box of one text (a label, a name) in its languages. */
  addText(slide: Slide, text: Text, options: Parameters<Slide['addText']>[1]): void {
    slide.addText(this.runs(text), this.text(options ?? {}));
  }

  /** One text box of paragraphs; the caller has measured that they fit. */
  addParas(slide: Slide, paras: Para[], box: { x: number; y: number; w: number; h: number }): void {
    if (paras.length === 0) return;
    const runs = paras.flatMap((p, i) =>
      this.runs(p.text, {
        fontSize: p.size,
        bold: p.bold ?? false,
        italic: p.italic ?? false,
        color: p.color ?? COLORS.ink,
        lineSpacing: linePt(p.size),
        paraSpaceBefore: i === 0 ? 0 : (p.spaceBefore ?? 0),
        ...(p.bullet === null || p.bullet === undefined
          ? {}
          : { bullet: { indent: BULLET_INDENT_PT, ...(p.bullet % 2 === 1 ? { code: '2013' } : {}) }, indentLevel: p.bullet }),
        breakLine: i < paras.length - 1,
      }),
    );
    slide.addText(runs, this.text({ ...box, valign: 'top' as const, margin: MARGIN, fit: 'none' as const }));
  }

  /**
   * A titled slide whose paragraphs continue on as many "(forts.)" slides as they need, at the
   * largest of three text sizes (100 %, 93 %, 86 %) that needs the fewest slides, so that a
   * few lines over do not make a nearly empty slide. `firstTop` leaves room for a graphic that
   * `decorate` draws on the first slide only.
   */
  flow(info: SlideHead, paras: Para[], options: { firstTop?: number; decorate?: (slide: Slide) => void } = {}): void {
    const firstTop = options.firstTop ?? BODY_TOP;
    const layouts = [1, 13 / 14, 12 / 14].map((factor) =>
      paginate(
        paras.map((p) => ({ ...p, size: Math.round(p.size * factor * 2) / 2 })),
        CONTENT_W,
        (page) => BODY_BOTTOM - (page === 0 ? firstTop : BODY_TOP),
      ),
    );
    const fewest = Math.min(...layouts.map((pages) => pages.length));
    const pages = layouts.find((l) => l.length === fewest)!;
    pages.forEach((page, i) => {
      const { slide } = this.headSlide(info, i);
      if (i === 0) options.decorate?.(slide);
      const top = i === 0 ? firstTop : BODY_TOP;
      this.addParas(slide, page, { x: MX, y: top, w: CONTENT_W, h: BODY_BOTTOM - top });
    });
  }

  /**
   * Two columns of paragraphs side by side on one slide, at the largest of the three text sizes
   * at which both fit; when neither size fits, the paragraphs flow on as one column (flow).
   */
  columns(info: SlideHead, left: Para[], right: Para[]): void {
    const gap = 0.4;
    const w = (CONTENT_W - gap) / 2;
    const room = () => BODY_BOTTOM - BODY_TOP;
    for (const factor of [1, 13 / 14, 12 / 14]) {
      const sized = (paras: Para[]) => paras.map((p) => ({ ...p, size: Math.round(p.size * factor * 2) / 2 }));
      const [l, r] = [paginate(sized(left), w, room), paginate(sized(right), w, room)];
      if (l.length > 1 || r.length > 1) continue;
      const { slide } = this.headSlide(info, 0);
      this.addParas(slide, l[0] ?? [], { x: MX, y: BODY_TOP, w, h: room() });
      this.addParas(slide, r[0] ?? [], { x: MX + w + gap, y: BODY_TOP, w, h: room() });
      return;
    }
    this.flow(info, [...left, ...right]);
  }

  /**
   * A table over as many slides as its rows need, the header repeated on each, at the larger of
   * two text sizes that needs the fewest slides. Row heights come from the measured line count of
   * their tallest cell.
   */
  table(info: SlideHead, columns: { header: string; w: number }[], rows: Text[][], size = 11): void {
    const items: FlowItem[] = rows.map((row) => ({ row: { cells: row.map((text) => ({ text })) } }));
    const top = () => BODY_TOP;
    const layouts = [size, size - 1].map((s) => {
      const table: FlowTable = { columns, size: s };
      return { table, pages: this.paginateFlow(items, table, top) };
    });
    const fewest = Math.min(...layouts.map((l) => l.pages.length));
    const chosen = layouts.find((l) => l.pages.length === fewest)!;
    this.drawFlow(info, chosen.pages, chosen.table, top, () => {});
  }

  /** Height in inches of a table row: its tallest cell's measured lines. */
  static rowHeight(texts: Text[], table: FlowTable, bold: boolean): number {
    return Math.max(
      0.28,
      ...texts.map((text, c) => {
        const w = table.columns[c]!.w - 2 * CELL_MARGIN_IN + (2 * BOX_MARGIN_PT) / 72;
        const lines = lineCount(plainText(text) || ' ', { widthIn: w, size: table.size, bold });
        return (lines * linePt(table.size)) / 72 + 2 * CELL_MARGIN_IN + 0.04;
      }),
    );
  }

  /**
   * Lays paragraphs and table rows out over as many slides as they need, filling each slide
   * before starting the next: a paragraph that does not fit is split at a line break (keeping
   * at least two lines on each side), a table continues with its header repeated, a heading
   * never ends a slide. `top(page)` says where the body starts on each slide. Returns what
   * each slide holds, for drawFlow.
   */
  paginateFlow(items: FlowItem[], table: FlowTable, top: (page: number) => number): PageSegment[][] {
    const headerH = DeckKit.rowHeight(
      table.columns.map((c) => c.header),
      table,
      true,
    );
    const boxPt = 2 * BOX_MARGIN_PT;
    const pages: PageSegment[][] = [[]];
    /** What each page holds, item by item, so that closing lines can take items along. */
    const placed: FlowItem[][] = [[]];
    let used = 0;
    const capacity = () => BODY_BOTTOM - top(pages.length - 1);
    const current = () => pages.at(-1)!;
    const newPage = () => {
      pages.push([]);
      placed.push([]);
      used = 0;
    };
    const queue = items
      .map((item) => ('para' in item ? { para: { ...item.para, text: normalizeText(item.para.text) } } : item))
      .filter((item) => !('para' in item) || plainText(item.para.text).length > 0);
    /** Height the item adds to the page as it stands, in inches. */
    const cost = (item: FlowItem): number => {
      const last = current().at(-1);
      if ('para' in item) {
        const opening = !last || !('paras' in last);
        return (opening ? boxPt / 72 + (last ? SEGMENT_GAP_IN : 0) : 0) + paraHeightPt(item.para, CONTENT_W, opening) / 72;
      }
      const opening = !last || !('rows' in last);
      const h = DeckKit.rowHeight(
        item.row.cells.map((c) => c.text),
        table,
        false,
      );
      return (opening ? headerH + (last ? SEGMENT_GAP_IN : 0) : 0) + h;
    };
    const place = (item: FlowItem) => {
      used += cost(item);
      placed.at(-1)!.push(item);
      const last = current().at(-1);
      if ('para' in item) {
        if (last && 'paras' in last) last.paras.push(item.para);
        else current().push({ paras: [item.para] });
      } else {
        const h = DeckKit.rowHeight(
          item.row.cells.map((c) => c.text),
          table,
          false,
        );
        if (last && 'rows' in last) {
          last.rows.push(item.row);
          last.heights.push(h);
        } else current().push({ rows: [item.row], heights: [h] });
      }
    };
    for (let i = 0; i < queue.length; i += 1) {
      const item = queue[i]!;
      const next = queue[i + 1];
      const keep = 'para' in item && item.para.keepWithNext && next ? Math.min(cost(next), 0.6) : 0;
      if (used + cost(item) + keep <= capacity() + 1e-9) {
        place(item);
        continue;
      }
      const empty = current().length === 0;
      if ('para' in item && item.para.keepWithPrevious && !empty && placed.at(-1)!.length > 2) {
        // Closing lines start no slide alone: the last two items before them come along.
        const page = placed.at(-1)!;
        const carried = page.splice(-2, 2);
        const kept = page.splice(0);
        pages[pages.length - 1] = [];
        used = 0;
        kept.forEach(place);
        queue.splice(i, 0, ...carried);
        newPage();
        i -= 1;
        continue;
      }
      if ('para' in item && !item.para.keepWithNext) {
        const last = current().at(-1);
        const opening = !last || !('paras' in last);
        const overhead = opening ? boxPt / 72 + (last ? SEGMENT_GAP_IN : 0) : 0;
        const split = splitPara(item.para, CONTENT_W, (capacity() - used - overhead) * 72, opening, empty ? 1 : 2);
        if (split) {
          place({ para: split[0] });
          queue.splice(i + 1, 0, { para: split[1] });
          newPage();
          continue;
        }
      }
      if (empty) {
        // Taller than a whole slide and not splittable (a table row): placed alone.
        place(item);
        newPage();
        continue;
      }
      newPage();
      i -= 1;
    }
    if (pages.length > 1 && current().length === 0) pages.pop();
    return pages;
  }

  /**
   * Draws laid-out pages: one text box per run of paragraphs, one table per run of rows;
   * `decorate` draws what every slide repeats (the scale of a control point).
   */
  drawFlow(
    info: SlideHead,
    pages: PageSegment[][],
    table: FlowTable,
    top: (page: number) => number,
    decorate: (slide: Slide, page: number) => void,
  ): void {
    const headerH = DeckKit.rowHeight(
      table.columns.map((c) => c.header),
      table,
      true,
    );
    pages.forEach((segments, i) => {
      const { slide } = this.headSlide(info, i);
      decorate(slide, i);
      let y = top(i);
      segments.forEach((segment, s) => {
        if (s > 0) y += SEGMENT_GAP_IN;
        if ('paras' in segment) {
          const h = DeckKit.heightIn(segment.paras);
          this.addParas(slide, segment.paras, { x: MX, y, w: CONTENT_W, h });
          y += h;
          return;
        }
        const header = table.columns.map((c) => ({
          text: c.header,
          options: { bold: true, color: COLORS.white, fill: { color: COLORS.accent } },
        }));
        const body = segment.rows.map((row, r) =>
          row.cells.map((cell) => {
            const options = {
              bold: cell.bold ?? false,
              color: cell.color ?? COLORS.ink,
              fill: { color: r % 2 === 0 ? COLORS.white : COLORS.accentLight },
            };
            // A link is a run of its own (pptxgenjs writes a cell's hyperlink from its runs' options).
            return cell.url ? { text: this.runs(cell.text, { hyperlink: { url: cell.url } }), options } : this.cell(cell.text, options);
          }),
        );
        this.addTable(slide, [header, ...body], {
          y,
          colW: table.columns.map((c) => c.w),
          rowH: [headerH, ...segment.heights],
          fontSize: table.size,
        });
        y += headerH + segment.heights.reduce((a, b) => a + b, 0);
      });
    });
  }

  /** Height in inches that paragraphs take in a box as wide as the content. */
  static heightIn(paras: Para[], w = CONTENT_W): number {
    return blockHeightPt(paras, w) / 72;
  }
}

/** Neighbouring parts in the same language as one run (the Swedish deck's paragraphs stay one run each); at least one part. */
function byLanguage(parts: { text: string; lang: string }[], lang: string): { text: string; lang: string }[] {
  const merged: { text: string; lang: string }[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && last.lang === part.lang) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged.length > 0 ? merged : [{ text: '', lang }];
}

/** The two masters: content slides (title placeholder at the top) and section slides. */
export function defineMaster(pptx: Pptx, footer: string, lang: string): void {
  const titlePlaceholder = (y: number, h: number) => ({
    placeholder: {
      options: { name: 'title', type: 'title' as const, x: MX, y, w: CONTENT_W, h, fontFace: FONT, lang },
      text: '',
    },
  });
  pptx.defineSlideMaster({
    title: SECTION_MASTER,
    background: { color: COLORS.accent },
    objects: [titlePlaceholder(SECTION_TITLE.y, SECTION_TITLE.h)],
  });
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: COLORS.white },
    objects: [
      titlePlaceholder(TITLE.y, TITLE.h),
      { rect: { x: 0, y: 0, w: PAGE.w, h: 0.12, fill: { color: COLORS.accent } } },
      { line: { x: MX, y: FOOTER_Y - 0.05, w: CONTENT_W, h: 0, line: { color: COLORS.track, width: 0.75 } } },
      {
        text: {
          text: footer,
          options: {
            x: MX,
            y: FOOTER_Y,
            w: CONTENT_W - 1,
            h: 0.3,
            fontFace: FONT,
            fontSize: 9,
            color: COLORS.muted,
            margin: 0,
            valign: 'middle',
            lang,
          },
        },
      },
    ],
    slideNumber: { x: PAGE.w - MX - 0.8, y: FOOTER_Y, w: 0.8, h: 0.3, fontFace: FONT, fontSize: 9, color: COLORS.muted, align: 'right' },
  });
}

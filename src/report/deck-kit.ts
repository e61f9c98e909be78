/**
 * The deck's page geometry and the few building blocks every slide uses: a title that fits,
 * flowed text over continuation slides, and tables paginated by measured row heights.
 */
import type { Pptx } from './pptx.js';
import {
  BOX_MARGIN_PT,
  BULLET_INDENT_PT,
  blockHeightPt,
  lineCount,
  linePt,
  normalize,
  paginate,
  paraHeightPt,
  splitPara,
  type Para,
} from './text-fit.js';

export type Slide = ReturnType<Pptx['addSlide']>;
type TableRows = Parameters<Slide['addTable']>[0];
type TableOptions = NonNullable<Parameters<Slide['addTable']>[1]>;

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
  cells: { text: string; color?: string; bold?: boolean; url?: string }[];
}

/** What DeckKit.compose lays out: paragraphs and the rows of one table, in order. */
export type FlowItem = { para: Para } | { row: FlowRow };

export interface FlowTable {
  columns: { header: string; w: number }[];
  size: number;
}

type PageSegment = { paras: Para[] } | { rows: FlowRow[]; heights: number[] };

const CELL_MARGIN_IN = 0.05;
const SEGMENT_GAP_IN = 0.08;

export class DeckKit {
  readonly slides: SlideInfo[] = [];

  /**
   * `lang` tags every text run (sv-SE or en-US) so that spelling and screen readers use the
   * deck's language.
   */
  constructor(
    readonly pptx: Pptx,
    private readonly continued: string,
    readonly lang: string,
  ) {}

  newSlide(info: SlideInfo, masterName: string = MASTER): Slide {
    this.slides.push(info);
    return this.pptx.addSlide({ masterName });
  }

  /**
   * The title, in the slide's title placeholder (so that accessibility checkers and the outline
   * find it), in the largest of 24/20/16 pt at which it takes at most two lines.
   */
  addTitle(slide: Slide, text: string): void {
    const size = [24, 20, 16].find((s) => lineCount(text, { widthIn: CONTENT_W, size: s, bold: true }) <= 2) ?? 14;
    slide.addText(text, {
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
      lang: this.lang,
    });
  }

  /** The heading of a section slide, in its title placeholder. */
  addSectionTitle(slide: Slide, text: string): void {
    slide.addText(text, {
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
      lang: this.lang,
    });
  }

  /** A table whose every cell is tagged with the deck's language (pptxgenjs takes a run's language from its cell). */
  addTable(slide: Slide, rows: TableRows, options: TableOptions): void {
    const tagged = rows.map((row) => row.map((cell) => ({ ...cell, options: { ...cell.options, lang: this.lang } })));
    slide.addTable(tagged, this.text(options));
  }

  /** Text options every free text box and table of the deck shares. */
  text<T extends object>(options: T): T & { fontFace: string; lang: string } {
    return { fontFace: FONT, lang: this.lang, ...options };
  }

  /** One text box of paragraphs; the caller has measured that they fit. */
  addParas(slide: Slide, paras: Para[], box: { x: number; y: number; w: number; h: number }): void {
    if (paras.length === 0) return;
    const runs = paras.map((p, i) => ({
      text: p.text,
      options: {
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
        lang: this.lang,
      },
    }));
    slide.addText(runs, this.text({ ...box, valign: 'top' as const, margin: MARGIN, fit: 'none' as const }));
  }

  /**
   * A titled slide whose paragraphs continue on as many "(forts.)" slides as they need, at the
   * largest of three text sizes (100 %, 93 %, 86 %) that needs the fewest slides, so that a
   * few lines over do not make a nearly empty slide. `firstTop` leaves room for a graphic that
   * `decorate` draws on the first slide only.
   */
  flow(info: SlideInfo, paras: Para[], options: { firstTop?: number; decorate?: (slide: Slide) => void } = {}): void {
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
      const title = i === 0 ? info.title : `${info.title} (${this.continued})`;
      const slide = this.newSlide({ ...info, title, continuation: i > 0 });
      this.addTitle(slide, title);
      if (i === 0) options.decorate?.(slide);
      const top = i === 0 ? firstTop : BODY_TOP;
      this.addParas(slide, page, { x: MX, y: top, w: CONTENT_W, h: BODY_BOTTOM - top });
    });
  }

  /**
   * Two columns of paragraphs side by side on one slide, at the largest of the three text sizes
   * at which both fit; when neither size fits, the paragraphs flow on as one column (flow).
   */
  columns(info: SlideInfo, left: Para[], right: Para[]): void {
    const gap = 0.4;
    const w = (CONTENT_W - gap) / 2;
    const room = () => BODY_BOTTOM - BODY_TOP;
    for (const factor of [1, 13 / 14, 12 / 14]) {
      const sized = (paras: Para[]) => paras.map((p) => ({ ...p, size: Math.round(p.size * factor * 2) / 2 }));
      const [l, r] = [paginate(sized(left), w, room), paginate(sized(right), w, room)];
      if (l.length > 1 || r.length > 1) continue;
      const slide = this.newSlide({ ...info, continuation: false });
      this.addTitle(slide, info.title);
      this.addParas(slide, l[0] ?? [], { x: MX, y: BODY_TOP, w, h: room() });
      this.addParas(slide, r[0] ?? [], { x: MX + w + gap, y: BODY_TOP, w, h: room() });
      return;
    }
    this.flow(info, [...left, ...right]);
  }

  /**
   * A table over as many slides as its rows need, the header repeated on each. Row heights
   * come from the measured line count of their tallest cell.
   */
  table(info: SlideInfo, columns: { header: string; w: number }[], rows: string[][], size = 11): void {
    const layouts = [size, size - 1].map((s) => this.tablePages(columns, rows, s));
    const fewest = Math.min(...layouts.map((l) => l.pages.length));
    const { pages, headerH, size: chosen } = layouts.find((l) => l.pages.length === fewest)!;
    this.drawTable(info, columns, pages, headerH, chosen);
  }

  private tablePages(columns: { header: string; w: number }[], rows: string[][], size: number) {
    const table: FlowTable = { columns, size };
    const headerH = DeckKit.rowHeight(
      columns.map((c) => c.header),
      table,
      true,
    );
    const capacity = BODY_BOTTOM - BODY_TOP - headerH;
    const pages: { rows: string[][]; heights: number[] }[] = [{ rows: [], heights: [] }];
    let used = 0;
    for (const row of rows) {
      const h = DeckKit.rowHeight(row, table, false);
      if (used + h > capacity && pages.at(-1)!.rows.length > 0) {
        pages.push({ rows: [], heights: [] });
        used = 0;
      }
      pages.at(-1)!.rows.push(row);
      pages.at(-1)!.heights.push(h);
      used += h;
    }
    return { pages, headerH, size };
  }

  private drawTable(
    info: SlideInfo,
    columns: { header: string; w: number }[],
    pages: { rows: string[][]; heights: number[] }[],
    headerH: number,
    size: number,
  ): void {
    pages.forEach((page, i) => {
      const title = i === 0 ? info.title : `${info.title} (${this.continued})`;
      const slide = this.newSlide({ ...info, title, continuation: i > 0 });
      this.addTitle(slide, title);
      const header = columns.map((c) => ({
        text: c.header,
        options: { bold: true, color: COLORS.white, fill: { color: COLORS.accent } },
      }));
      const body = page.rows.map((row, r) =>
        row.map((text) => ({ text, options: { fill: { color: r % 2 === 0 ? COLORS.white : COLORS.accentLight } } })),
      );
      this.addTable(slide, [header, ...body], {
        x: MX,
        y: BODY_TOP,
        w: columns.reduce((s, c) => s + c.w, 0),
        colW: columns.map((c) => c.w),
        rowH: [headerH, ...page.heights],
        fontSize: size,
        color: COLORS.ink,
        margin: CELL_MARGIN_IN,
        valign: 'middle' as const,
        border: { type: 'solid' as const, pt: 0.5, color: 'D1D5DB' },
      });
    });
  }

  /** Height in inches of a table row: its tallest cell's measured lines. */
  static rowHeight(texts: string[], table: FlowTable, bold: boolean): number {
    return Math.max(
      0.28,
      ...texts.map((text, c) => {
        const w = table.columns[c]!.w - 2 * CELL_MARGIN_IN + (2 * BOX_MARGIN_PT) / 72;
        const lines = lineCount(text || ' ', { widthIn: w, size: table.size, bold });
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
      .map((item) => ('para' in item ? { para: { ...item.para, text: normalize(item.para.text) } } : item))
      .filter((item) => !('para' in item) || item.para.text.length > 0);
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
    info: SlideInfo,
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
      const title = i === 0 ? info.title : `${info.title} (${this.continued})`;
      const slide = this.newSlide({ ...info, title, continuation: i > 0 });
      this.addTitle(slide, title);
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
          row.cells.map((cell) => ({
            // A link is a run of its own (pptxgenjs writes a cell's hyperlink from its runs' options).
            text: cell.url ? [{ text: cell.text, options: { hyperlink: { url: cell.url }, lang: this.lang } }] : cell.text,
            options: {
              bold: cell.bold ?? false,
              color: cell.color ?? COLORS.ink,
              fill: { color: r % 2 === 0 ? COLORS.white : COLORS.accentLight },
            },
          })),
        );
        this.addTable(slide, [header, ...body], {
          x: MX,
          y,
          w: table.columns.reduce((sum, c) => sum + c.w, 0),
          colW: table.columns.map((c) => c.w),
          rowH: [headerH, ...segment.heights],
          fontSize: table.size,
          color: COLORS.ink,
          margin: CELL_MARGIN_IN,
          valign: 'middle' as const,
          border: { type: 'solid' as const, pt: 0.5, color: 'D1D5DB' },
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

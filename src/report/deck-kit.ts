/**
 * The deck's page geometry and the few building blocks every slide uses: a title that fits,
 * flowed text over continuation slides, and tables paginated by measured row heights.
 */
import type { Pptx } from './pptx.js';
import { BOX_MARGIN_PT, BULLET_INDENT_PT, blockHeightPt, charsPerLine, lineCount, linePt, paginate, type Para } from './text-fit.js';

export type Slide = ReturnType<Pptx['addSlide']>;

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
  kind: 'title' | 'focus' | 'glance' | 'section' | 'controlPoint' | 'plan' | 'instructions' | 'subProjects' | 'contact';
  title: string;
  continuation: boolean;
  controlPoint?: number;
}

export class DeckKit {
  readonly slides: SlideInfo[] = [];

  constructor(
    readonly pptx: Pptx,
    private readonly continued: string,
  ) {}

  newSlide(info: SlideInfo): Slide {
    this.slides.push(info);
    return this.pptx.addSlide({ masterName: MASTER });
  }

  /** The title in the largest of 24/20/16 pt at which it takes at most two lines. */
  addTitle(slide: Slide, text: string): void {
    const size = [24, 20, 16].find((s) => lineCount(text, charsPerLine(CONTENT_W, s, true)) <= 2) ?? 14;
    slide.addText(text, {
      x: MX,
      y: TITLE.y,
      w: CONTENT_W,
      h: TITLE.h,
      fontFace: FONT,
      fontSize: size,
      bold: true,
      color: COLORS.accent,
      valign: 'bottom',
      margin: MARGIN,
      fit: 'none',
      lineSpacing: linePt(size),
    });
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
      },
    }));
    slide.addText(runs, { ...box, fontFace: FONT, valign: 'top', margin: MARGIN, fit: 'none' });
  }

  /**
   * A titled slide whose paragraphs continue on as many "(forts.)" slides as they need.
   * `firstTop` leaves room for a graphic that `decorate` draws on the first slide only.
   */
  flow(info: SlideInfo, paras: Para[], options: { firstTop?: number; decorate?: (slide: Slide) => void } = {}): void {
    const firstTop = options.firstTop ?? BODY_TOP;
    const pages = paginate(paras, CONTENT_W, (page) => BODY_BOTTOM - (page === 0 ? firstTop : BODY_TOP));
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
   * A table over as many slides as its rows need, the header repeated on each. Row heights
   * come from the measured line count of their tallest cell.
   */
  table(info: SlideInfo, columns: { header: string; w: number }[], rows: string[][], size = 11): void {
    const cellMarginIn = 0.05;
    const rowHeight = (cells: string[], bold: boolean) =>
      Math.max(
        0.32,
        ...cells.map((text, c) => {
          const lines = lineCount(text || ' ', charsPerLine(columns[c]!.w - 2 * cellMarginIn + (2 * BOX_MARGIN_PT) / 72, size, bold));
          return (lines * linePt(size)) / 72 + 2 * cellMarginIn + 0.04;
        }),
      );
    const headerH = rowHeight(
      columns.map((c) => c.header),
      true,
    );
    const capacity = BODY_BOTTOM - BODY_TOP - headerH;
    const pages: { rows: string[][]; heights: number[] }[] = [{ rows: [], heights: [] }];
    let used = 0;
    for (const row of rows) {
      const h = rowHeight(row, false);
      if (used + h > capacity && pages.at(-1)!.rows.length > 0) {
        pages.push({ rows: [], heights: [] });
        used = 0;
      }
      pages.at(-1)!.rows.push(row);
      pages.at(-1)!.heights.push(h);
      used += h;
    }
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
      slide.addTable([header, ...body], {
        x: MX,
        y: BODY_TOP,
        w: columns.reduce((s, c) => s + c.w, 0),
        colW: columns.map((c) => c.w),
        rowH: [headerH, ...page.heights],
        fontFace: FONT,
        fontSize: size,
        color: COLORS.ink,
        margin: cellMarginIn,
        valign: 'middle',
        border: { type: 'solid', pt: 0.5, color: 'D1D5DB' },
      });
    });
  }

  /** Height in inches that paragraphs take in a box as wide as the content. */
  static heightIn(paras: Para[], w = CONTENT_W): number {
    return blockHeightPt(paras, w) / 72;
  }
}

export function defineMaster(pptx: Pptx, footer: string): void {
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: COLORS.white },
    objects: [
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
          },
        },
      },
    ],
    slideNumber: { x: PAGE.w - MX - 0.8, y: FOOTER_Y, w: 0.8, h: 0.3, fontFace: FONT, fontSize: 9, color: COLORS.muted, align: 'right' },
  });
}

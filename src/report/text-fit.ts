/**
 * Honest text measurement for the deck: how many lines a paragraph takes in a box, from the
 * characters that fit on a line at the font size and the box width, and pagination of
 * paragraphs over as many boxes (slides) as they need. No text is shrunk or cut.
 *
 * The estimate is deliberately conservative: an average advance of 0.55 em per character
 * (0.6 em bold) over-estimates Arial/Liberation Sans for Swedish prose (about 0.5 em), and
 * every line is laid out at a fixed line pitch of 1.2 x the font size, which the deck also
 * writes into the slide as exact line spacing.
 */

export const CHAR_EM = 0.55;
export const CHAR_EM_BOLD = 0.6;
export const LINE_PITCH = 1.2;
/** Inner margin of every text box, in points, on each side. */
export const BOX_MARGIN_PT = 5.4;
/** Left indent per bullet level, in points (marL = indent x (level + 1)). */
export const BULLET_INDENT_PT = 18;

export interface Para {
  text: string;
  /** Font size in points. */
  size: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  /** Bullet level (0, 1, 2) or none. */
  bullet?: number | null;
  /** Space before the paragraph, in points (not applied at the top of a box). */
  spaceBefore?: number;
  /** Keep this paragraph on the same slide as the first line of the next (headings). */
  keepWithNext?: boolean;
}

export function indentPt(p: Pick<Para, 'bullet'>): number {
  return p.bullet === null || p.bullet === undefined ? 0 : BULLET_INDENT_PT * (p.bullet + 1);
}

/** How many characters fit on one line of a box `widthIn` inches wide. */
export function charsPerLine(widthIn: number, size: number, bold = false, indent = 0): number {
  const usable = widthIn * 72 - 2 * BOX_MARGIN_PT - indent;
  return Math.max(1, Math.floor(usable / (size * (bold ? CHAR_EM_BOLD : CHAR_EM))));
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Greedy word wrap; returns the offset in `text` where each line starts. Over-long words are broken. */
export function wrapOffsets(text: string, perLine: number): number[] {
  const starts: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    starts.push(pos);
    if (text.length - pos <= perLine) break;
    const window = text.slice(pos, pos + perLine + 1);
    const space = window.lastIndexOf(' ');
    const end = space > 0 ? pos + space : pos + perLine;
    pos = end;
    while (text[pos] === ' ') pos += 1;
  }
  return starts.length > 0 ? starts : [0];
}

export function lineCount(text: string, perLine: number): number {
  return wrapOffsets(normalize(text), perLine).length;
}

export function linePt(size: number): number {
  return size * LINE_PITCH;
}

/** Height of a paragraph in points, in a box `widthIn` wide; `first` drops the space before. */
export function paraHeightPt(p: Para, widthIn: number, first: boolean): number {
  const lines = lineCount(p.text, charsPerLine(widthIn, p.size, p.bold, indentPt(p)));
  return (first ? 0 : (p.spaceBefore ?? 0)) + lines * linePt(p.size);
}

export function blockHeightPt(paras: Para[], widthIn: number): number {
  return paras.reduce((sum, p, i) => sum + paraHeightPt(p, widthIn, i === 0), 0) + 2 * BOX_MARGIN_PT;
}

/** Splits a paragraph after the lines that fit in `availablePt`; null when not even one line fits. */
function splitPara(p: Para, widthIn: number, availablePt: number, first: boolean): [Para, Para] | null {
  const text = normalize(p.text);
  const starts = wrapOffsets(text, charsPerLine(widthIn, p.size, p.bold, indentPt(p)));
  const room = availablePt - (first ? 0 : (p.spaceBefore ?? 0));
  const fit = Math.floor(room / linePt(p.size) + 1e-9);
  if (fit < 1 || fit >= starts.length) return null;
  const cut = starts[fit]!;
  return [
    { ...p, text: text.slice(0, cut).trimEnd(), keepWithNext: false },
    { ...p, text: text.slice(cut), spaceBefore: 0 },
  ];
}

/**
 * Lays paragraphs into boxes of `widthIn` x `heightIn(page)` inches, starting a new box when
 * the next paragraph does not fit. A paragraph taller than a whole box is split between boxes
 * at a line break. Headings (keepWithNext) never end a box.
 */
export function paginate(paras: Para[], widthIn: number, heightIn: (page: number) => number): Para[][] {
  const pages: Para[][] = [[]];
  let used = 0;
  const capacity = () => heightIn(pages.length - 1) * 72 - 2 * BOX_MARGIN_PT;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  const queue = paras.map((p) => ({ ...p, text: normalize(p.text) })).filter((p) => p.text.length > 0);
  for (let i = 0; i < queue.length; i += 1) {
    const p = queue[i]!;
    const page = pages.at(-1)!;
    const first = page.length === 0;
    const h = paraHeightPt(p, widthIn, first);
    const next = queue[i + 1];
    const keep = p.keepWithNext && next ? (next.spaceBefore ?? 0) + linePt(next.size) : 0;
    if (used + h + keep <= capacity()) {
      page.push(p);
      used += h;
      continue;
    }
    // A paragraph moves whole to the next box; only one taller than an empty box is split.
    const split = p.keepWithNext || !first ? null : splitPara(p, widthIn, capacity() - used, first);
    if (split) {
      page.push(split[0]);
      queue.splice(i + 1, 0, split[1]);
      newPage();
      continue;
    }
    if (first) {
      // Not even one line fits an empty box: place it alone (boxes are never that small in the deck).
      page.push(p);
      newPage();
      continue;
    }
    newPage();
    i -= 1;
  }
  if (pages.length > 1 && pages.at(-1)!.length === 0) pages.pop();
  return pages;
}

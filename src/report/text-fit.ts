/**
 * Honest text measurement for the deck: how many lines a paragraph takes in a box, from the
 * advance widths of the deck's font, and pagination of paragraphs over as many boxes
 * (slides) as they need. No text is shrunk or cut.
 *
 * The deck is set in Arial, whose advance widths are those of Helvetica (Arial was drawn
 * metric-compatible with it, as is Liberation Sans, which LibreOffice substitutes). The widths
 * below are Adobe's Helvetica and Helvetica-Bold AFM widths in 1/1000 em; letters with
 * diacritics take their base letter's width, and characters not listed take the widest
 * common letter's (0.75 em). Every width is then widened by 6 % (WIDTH_MARGIN) so that a line
 * measured to fit still fits after a renderer's kerning and rounding. Lines are laid out at a
 * fixed pitch of 1.2 x the font size, which the deck also writes into the slide.
 */

import { normalizeText, plainText, sliceText, trimEndText, type Text } from './spans.js';

export const LINE_PITCH = 1.2;
/** Inner margin of every text box, in points, on each side. */
export const BOX_MARGIN_PT = 5.4;
/** Left indent per bullet level, in points (marL = indent x (level + 1)). */
export const BULLET_INDENT_PT = 18;
export const WIDTH_MARGIN = 1.06;
const UNKNOWN = 750;

function widthTable(spec: string): Map<string, number> {
  const table = new Map<string, number>();
  for (const entry of spec.trim().split(/\s+/)) {
    const [chars, width] = entry.split('=') as [string, string];
    for (const c of chars === 'SPACE' ? ' ' : chars) table.set(c, Number(width));
  }
  return table;
}

/** Helvetica (Arial) regular, 1/1000 em. */
const REGULAR = widthTable(`
  SPACE=278 ijl'=191 ijl=222 ftI!.,:;/[]\\=278 r()-=333 "=355 •=350 *=389 ^=469
  ckszyvxJ_=500 abdeghnopqu0123456789$#?–=556 +<>=|~=584 FTZ=611 ABEKPSVXY&=667
  CDHNRUw=722 GOQ=778 mM=833 %=889 W=944 —@=1015
`);
/** Helvetica (Arial) bold, 1/1000 em. */
const BOLD = widthTable(`
  SPACE=278 ijl.,/=278 ftrI!:;()[]-'=333 "=474 *=389 z=500 •=350 ^=584
  ckszvxyJ_=556 abdeghnopqu0123456789$#?–=611 FTZL=611 EPSVXY&=667 ABCDHKNRUw=722 GOQ=778
  mM=889 %=889 W=944 —=1000 @=975
`);

function advance(c: string, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  const direct = table.get(c);
  if (direct !== undefined) return direct;
  const base = c.normalize('NFD')[0] ?? c;
  const width = table.get(base) ?? UNKNOWN;
  table.set(c, width); // remembered: å, ä and ö come on every line, and normalize() is not cheap
  return width;
}

/** Width of a text in points at a font size, with the safety margin. */
export function textWidthPt(text: string, size: number, bold = false): number {
  let units = 0;
  for (const c of text) units += advance(c, bold);
  return (units / 1000) * size * WIDTH_MARGIN;
}

/** How a text is set: the box's width in inches, the font size in points, bold, and a left indent in points. */
export interface Measure {
  widthIn: number;
  size: number;
  bold?: boolean | undefined;
  indentPt?: number | undefined;
}

function usablePt(m: Measure): number {
  return Math.max(1, m.widthIn * 72 - 2 * BOX_MARGIN_PT - (m.indentPt ?? 0));
}

export interface Para {
  /** The paragraph's words: the report's own, or spans of which some are data (src/report/spans.ts). */
  text: Text;
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
  /** Never start a slide with this paragraph alone: it takes the last two rows or lines before it along (closing lines). */
  keepWithPrevious?: boolean;
}

export function indentPt(p: Pick<Para, 'bullet'>): number {
  return p.bullet === null || p.bullet === undefined ? 0 : BULLET_INDENT_PT * (p.bullet + 1);
}

function measureOf(p: Para, widthIn: number): Measure {
  return { widthIn, size: p.size, bold: p.bold, indentPt: indentPt(p) };
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Greedy word wrap by measured width; returns the offset in `text` where each line starts. Over-long words are broken. */
export function wrapOffsets(text: string, m: Measure): number[] {
  const room = (usablePt(m) / (m.size * WIDTH_MARGIN)) * 1000;
  const starts: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    starts.push(pos);
    let units = 0;
    let end = pos;
    let space = -1;
    while (end < text.length && units + advance(text[end]!, m.bold ?? false) <= room) {
      units += advance(text[end]!, m.bold ?? false);
      if (text[end] === ' ') space = end;
      end += 1;
    }
    if (end >= text.length) break;
    if (text[end] === ' ') space = end;
    pos = space > pos ? space : Math.max(end, pos + 1);
    while (text[pos] === ' ') pos += 1;
  }
  return starts.length > 0 ? starts : [0];
}

export function lineCount(text: Text, m: Measure): number {
  return wrapOffsets(normalize(plainText(text)), m).length;
}

export function linePt(size: number): number {
  return size * LINE_PITCH;
}

/** Height of a paragraph in points, in a box `widthIn` wide; `first` drops the space before. */
export function paraHeightPt(p: Para, widthIn: number, first: boolean): number {
  const lines = lineCount(p.text, measureOf(p, widthIn));
  return (first ? 0 : (p.spaceBefore ?? 0)) + lines * linePt(p.size);
}

export function blockHeightPt(paras: Para[], widthIn: number): number {
  return paras.reduce((sum, p, i) => sum + paraHeightPt(p, widthIn, i === 0), 0) + 2 * BOX_MARGIN_PT;
}

/**
 * Splits a paragraph after the lines that fit in `availablePt`; null when fewer than
 * `minLines` fit or when fewer than `minLines` would be left over (no orphan or widow line).
 */
export function splitPara(p: Para, widthIn: number, availablePt: number, first: boolean, minLines = 1): [Para, Para] | null {
  const text = normalizeText(p.text);
  const starts = wrapOffsets(plainText(text), measureOf(p, widthIn));
  const room = availablePt - (first ? 0 : (p.spaceBefore ?? 0));
  const fit = Math.min(Math.floor(room / linePt(p.size) + 1e-9), starts.length - minLines);
  if (fit < minLines || fit >= starts.length) return null;
  const cut = starts[fit]!;
  return [
    { ...p, text: trimEndText(sliceText(text, 0, cut)), keepWithNext: false },
    { ...p, text: sliceText(text, cut), spaceBefore: 0 },
  ];
}

/**
 * Lays paragraphs into boxes of `widthIn` x `heightIn(page)` inches, filling each box before
 * starting the next: a paragraph that does not fit whole is split at a line break (two lines
 * at least on each side). Headings (keepWithNext) never end a box.
 */
export function paginate(paras: Para[], widthIn: number, heightIn: (page: number) => number): Para[][] {
  const pages: Para[][] = [[]];
  let used = 0;
  const capacity = () => heightIn(pages.length - 1) * 72 - 2 * BOX_MARGIN_PT;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  const queue = paras.map((p) => ({ ...p, text: normalizeText(p.text) })).filter((p) => plainText(p.text).length > 0);
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
    // A box is filled before the next starts: a paragraph is split at a line break when at
    // least two lines fit and two are left (one line when the box is empty); headings move whole.
    const split = p.keepWithNext ? null : splitPara(p, widthIn, capacity() - used, first, first ? 1 : 2);
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

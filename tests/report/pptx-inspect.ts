/**
 * Reads a .pptx the way a checker would: unzips it (jszip), parses each slide's XML (jsdom's
 * DOMParser) and measures every text box and table cell on its own terms, from the sizes,
 * margins and line spacing written in the file (ECMA-376 PresentationML/DrawingML units:
 * 914400 EMU per inch, font sizes in 1/100 pt). It shares no code with the deck builder.
 */
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { textWidthPt } from '../../src/report/text-fit.js';

/** jsdom ships no typings of its own; this is the one part of it used here. */
interface JsdomModule {
  JSDOM: new (html: string) => { window: { DOMParser: new () => DOMParser } };
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;

const EMU_PER_PT = 12700;
/**
 * Glyph widths are Arial's (Helvetica's AFM widths, src/report/text-fit.ts: the one table of
 * them); everything else here (line breaking, box sizes, margins, line pitch, spacing) is read
 * from the file on its own terms.
 */
const widthPt = (text: string, size: number, bold: boolean) => textWidthPt(text, size, bold);

export interface TextBox {
  slide: number;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Estimated height of the text in points, and the height available inside the box. */
  neededPt: number;
  availablePt: number;
}

export interface SlideText {
  index: number;
  text: string;
  /** The slide's XML as written. */
  xml: string;
  /** The text of the shape in the slide's title placeholder (p:ph type="title"), or null. */
  title: string | null;
  boxes: TextBox[];
  tableCells: TextBox[];
  /** Every run of text (a:r), in order, with its language; those of the title placeholder. */
  runs: TaggedRun[];
  titleRuns: TaggedRun[];
  /**
   * The text of paragraphs whose properties are out of place: a paragraph (DrawingML
   * CT_TextParagraph, ECMA-376 Part 1, 21.1.2.2.6) holds at most one a:pPr, and as its first child.
   */
  misplacedParagraphProperties: string[];
}

/** A run of text (a:r) and the language its properties name (a:rPr lang). */
export interface TaggedRun {
  lang: string | null;
  text: string;
}

export interface Inspected {
  width: number;
  height: number;
  slides: SlideText[];
}

const parser = new new JSDOM('').window.DOMParser();

function num(el: Element | null | undefined, attr: string, fallback: number): number {
  const v = el?.getAttribute(attr);
  return v === null || v === undefined ? fallback : Number(v);
}

function first(el: Element, tag: string): Element | null {
  return el.getElementsByTagName(tag)[0] ?? null;
}

/** Lines a paragraph takes when broken at spaces to fit `widthPt`; a word wider than a line is broken where it must. */
function lines(text: string, room: number, size: number, bold: boolean): number {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const space = widthPt(' ', size, bold);
  let count = 1;
  let current = 0;
  for (const word of words) {
    let w = widthPt(word, size, bold);
    if (w > room) {
      if (current > 0) count += 1;
      count += Math.ceil(w / room) - 1;
      w = w % room || room;
      current = w;
      continue;
    }
    if (current === 0) current = w;
    else if (current + space + w <= room) current += space + w;
    else {
      count += 1;
      current = w;
    }
  }
  return count;
}

/** Height in points the paragraphs of a txBody need in a box `innerWidthPt` wide. */
function paragraphsHeight(body: Element, innerWidthPt: number): { pt: number; text: string } {
  let total = 0;
  const texts: string[] = [];
  const paras = Array.from(body.getElementsByTagName('a:p'));
  paras.forEach((p, i) => {
    const runs = Array.from(p.getElementsByTagName('a:r'));
    const text = runs.map((r) => first(r, 'a:t')?.textContent ?? '').join('');
    texts.push(text);
    if (text.trim() === '') return;
    const rPr = first(runs[0]!, 'a:rPr');
    const size = num(rPr, 'sz', 1800) / 100;
    const bold = rPr?.getAttribute('b') === '1';
    const pPr = first(p, 'a:pPr');
    const marL = num(pPr, 'marL', 0) / EMU_PER_PT;
    const lnSpc = pPr ? first(pPr, 'a:lnSpc') : null;
    const pitch = lnSpc ? num(first(lnSpc, 'a:spcPts'), 'val', size * 120) / 100 : size * 1.2;
    const spcBef = pPr ? first(pPr, 'a:spcBef') : null;
    const before = i > 0 && spcBef ? num(first(spcBef, 'a:spcPts'), 'val', 0) / 100 : 0;
    total += before + lines(text, Math.max(1, innerWidthPt - marL), size, bold) * pitch;
  });
  return { pt: total, text: texts.join('\n') };
}

function shapeBoxes(doc: Document, slide: number): TextBox[] {
  return Array.from(doc.getElementsByTagName('p:sp')).flatMap((sp) => {
    const body = first(sp, 'p:txBody');
    const off = first(sp, 'a:off');
    const ext = first(sp, 'a:ext');
    if (!body || !off || !ext) return [];
    const bodyPr = first(body, 'a:bodyPr');
    const [w, h] = [num(ext, 'cx', 0), num(ext, 'cy', 0)];
    const inner = {
      w: (w - num(bodyPr, 'lIns', 91440) - num(bodyPr, 'rIns', 91440)) / EMU_PER_PT,
      h: (h - num(bodyPr, 'tIns', 45720) - num(bodyPr, 'bIns', 45720)) / EMU_PER_PT,
    };
    const measured = paragraphsHeight(body, inner.w);
    return [{ slide, text: measured.text, x: num(off, 'x', 0), y: num(off, 'y', 0), w, h, neededPt: measured.pt, availablePt: inner.h }];
  });
}

function tableCells(doc: Document, slide: number): { frames: TextBox[]; cells: TextBox[] } {
  const frames: TextBox[] = [];
  const cells: TextBox[] = [];
  for (const frame of Array.from(doc.getElementsByTagName('p:graphicFrame'))) {
    const off = first(frame, 'a:off');
    const ext = first(frame, 'a:ext');
    const cols = Array.from(frame.getElementsByTagName('a:gridCol')).map((c) => num(c, 'w', 0));
    const rows = Array.from(frame.getElementsByTagName('a:tr'));
    const heights = rows.map((r) => num(r, 'h', 0));
    const x = num(off, 'x', 0);
    const y = num(off, 'y', 0);
    frames.push({
      slide,
      text: '',
      x,
      y,
      w: Math.max(
        num(ext, 'cx', 0),
        cols.reduce((a, b) => a + b, 0),
      ),
      h: Math.max(
        num(ext, 'cy', 0),
        heights.reduce((a, b) => a + b, 0),
      ),
      neededPt: 0,
      availablePt: 0,
    });
    rows.forEach((row, r) => {
      let col = 0;
      for (const tc of Array.from(row.getElementsByTagName('a:tc'))) {
        const span = num(tc, 'gridSpan', 1);
        const rowSpan = num(tc, 'rowSpan', 1);
        const merged = tc.hasAttribute('hMerge') || tc.hasAttribute('vMerge');
        const width = cols.slice(col, col + span).reduce((a, b) => a + b, 0);
        const height = heights.slice(r, r + rowSpan).reduce((a, b) => a + b, 0);
        // Every a:tc takes one grid column; a gridSpan cell is followed by its hMerge cells.
        col += 1;
        if (merged) continue;
        const pr = first(tc, 'a:tcPr');
        const inner = {
          w: (width - num(pr, 'marL', 91440) - num(pr, 'marR', 91440)) / EMU_PER_PT,
          h: (height - num(pr, 'marT', 45720) - num(pr, 'marB', 45720)) / EMU_PER_PT,
        };
        const measured = paragraphsHeight(first(tc, 'a:txBody')!, inner.w);
        cells.push({ slide, text: measured.text, x, y, w: width, h: height, neededPt: measured.pt, availablePt: inner.h });
      }
    });
  }
  return { frames, cells };
}

function titleShape(doc: Document): Element | null {
  return (
    Array.from(doc.getElementsByTagName('p:sp')).find((shape) =>
      Array.from(shape.getElementsByTagName('p:ph')).some((ph) => ph.getAttribute('type') === 'title'),
    ) ?? null
  );
}

function titleOf(doc: Document): string | null {
  const sp = titleShape(doc);
  if (!sp) return null;
  return Array.from(sp.getElementsByTagName('a:t'))
    .map((t) => t.textContent ?? '')
    .join('');
}

function runsIn(root: Element | Document): TaggedRun[] {
  return Array.from(root.getElementsByTagName('a:r')).map((r) => ({
    lang: first(r, 'a:rPr')?.getAttribute('lang') ?? null,
    text: first(r, 'a:t')?.textContent ?? '',
  }));
}

function misplacedProperties(doc: Document): string[] {
  return Array.from(doc.getElementsByTagName('a:p')).flatMap((p) => {
    const at = Array.from(p.children).flatMap((c, i) => (c.tagName === 'a:pPr' ? [i] : []));
    return at.length > 1 || (at.length === 1 && at[0] !== 0) ? [p.textContent ?? ''] : [];
  });
}

export async function inspectPptx(bytes: Buffer | Uint8Array): Promise<Inspected> {
  const zip = await JSZip.loadAsync(bytes);
  const presentation = parser.parseFromString(await zip.file('ppt/presentation.xml')!.async('string'), 'application/xml');
  const size = presentation.getElementsByTagName('p:sldSz')[0]!;
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  const slides: SlideText[] = [];
  for (const [i, name] of names.entries()) {
    const xml = await zip.file(name)!.async('string');
    const doc = parser.parseFromString(xml, 'application/xml');
    const boxes = shapeBoxes(doc, i + 1);
    const { frames, cells } = tableCells(doc, i + 1);
    const text = [...boxes, ...cells].map((b) => b.text).join('\n');
    const title = titleShape(doc);
    slides.push({
      index: i + 1,
      text,
      xml,
      title: titleOf(doc),
      boxes: [...boxes, ...frames],
      tableCells: cells,
      runs: runsIn(doc),
      titleRuns: title ? runsIn(title) : [],
      misplacedParagraphProperties: misplacedProperties(doc),
    });
  }
  return { width: num(size, 'cx', 0), height: num(size, 'cy', 0), slides };
}

/** Every box or cell whose text needs more height than it has, or that reaches past the slide. */
export function overflows(deck: Inspected): string[] {
  const problems: string[] = [];
  for (const slide of deck.slides) {
    for (const b of [...slide.boxes, ...slide.tableCells]) {
      const where = `slide ${slide.index} "${b.text.slice(0, 50)}"`;
      if (b.x < 0 || b.y < 0 || b.x + b.w > deck.width || b.y + b.h > deck.height) problems.push(`${where} reaches past the slide`);
      if (b.neededPt > b.availablePt + 0.5) problems.push(`${where} needs ${b.neededPt.toFixed(1)}pt, has ${b.availablePt.toFixed(1)}pt`);
    }
  }
  return problems;
}

export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

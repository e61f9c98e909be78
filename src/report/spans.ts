/**
 * Text with its language. A report says its own words (labels, headings, legends) in the report's
 * language and shows the data as written (what comes from the store: titles, statuses, activities,
 * focus text, names), in the data's language. A Text is a plain string, all of it the report's own
 * words, or spans of which some are data; the deck tags each span's run with its language
 * (DeckKit.runs), so that spelling and screen readers read "Dataskyddsorganisation" as Swedish in
 * the English deck.
 */
import type { Locale, Unit } from '../domain/model.js';
import { unitLabel, unitName } from '../domain/units.js';

export interface Span {
  text: string;
  /** Text from the store, in the data's language; else the report's own words. */
  data?: boolean;
}

export type Text = string | readonly Span[];

/** Text from the store, shown as written. */
export const dataText = (text: string): Span[] => [{ text, data: true }];

/** The text without its languages (for measuring, and for what a test or the outline reads). */
export function plainText(text: Text): string {
  return typeof text === 'string' ? text : text.map((s) => s.text).join('');
}

/** A stand-in for the i-th data text inside a label: a private-use character no text of the store holds. */
const MARK_BASE = 0xe000;
const MARKS = /([\uE000-\uE0FF])/;

/**
 * A label with data in it, as spans: `withData((d) => t.introProject(d(unit), d(project)))` gives the
 * label's words as the report's own and each `d(...)` as data, in the order the label puts them.
 * Any label function works as it is: `d` hands it a stand-in that the result is split at.
 */
export function withData(render: (d: (text: string) => string) => string): Span[] {
  const values: string[] = [];
  const rendered = render((text) => {
    values.push(text);
    return String.fromCharCode(MARK_BASE + values.length - 1);
  });
  return rendered
    .split(MARKS)
    .map((part, i) => (i % 2 === 1 ? { text: values[part.charCodeAt(0) - MARK_BASE] ?? '', data: true } : { text: part }))
    .filter((s) => s.text.length > 0);
}

/** Texts one after the other. */
export function joinText(...parts: Text[]): Span[] {
  return parts.flatMap((p) => (typeof p === 'string' ? (p ? [{ text: p }] : []) : p));
}

/** The same change to every span's text (for instance upper case), languages kept. */
export function mapText(text: Text, change: (s: string) => string): Text {
  return typeof text === 'string' ? change(text) : text.map((s) => ({ ...s, text: change(s.text) }));
}

/** Whitespace runs become one space and the ends are trimmed, across span borders; empty spans go. */
export function normalizeText(text: Text): Text {
  if (typeof text === 'string') return text.replace(/\s+/g, ' ').trim();
  const out: Span[] = [];
  let spaceBefore = true;
  for (const span of text) {
    let part = span.text.replace(/\s+/g, ' ');
    if (spaceBefore) part = part.replace(/^ /, '');
    if (part.length === 0) continue;
    spaceBefore = part.endsWith(' ');
    out.push({ ...span, text: part });
  }
  const last = out.at(-1);
  if (last?.text.endsWith(' ')) {
    last.text = last.text.slice(0, -1);
    if (last.text.length === 0) out.pop();
  }
  return out;
}

/** The part of a text from `start` to `end` (offsets in its plain text), languages kept. */
export function sliceText(text: Text, start: number, end?: number): Text {
  if (typeof text === 'string') return text.slice(start, end);
  const stop = end ?? Infinity;
  const out: Span[] = [];
  let at = 0;
  for (const span of text) {
    const [from, to] = [Math.max(start, at), Math.min(stop, at + span.text.length)];
    if (to > from) out.push({ ...span, text: span.text.slice(from - at, to - at) });
    at += span.text.length;
  }
  return out;
}

/** Trailing whitespace removed (the end of a split paragraph). */
export function trimEndText(text: Text): Text {
  if (typeof text === 'string') return text.trimEnd();
  return normalizeTail([...text]);
}

function normalizeTail(spans: Span[]): Span[] {
  while (spans.length > 0) {
    const last = spans.at(-1)!;
    const trimmed = last.text.trimEnd();
    if (trimmed.length > 0) {
      spans[spans.length - 1] = { ...last, text: trimmed };
      break;
    }
    spans.pop();
  }
  return spans;
}

type NamedUnit = Pick<Unit, 'name' | 'nameEn' | 'example' | 'archived'>;

/**
 * The unit as it is named wherever it shows (unitLabel: "Intraservice (example)"), its name as data
 * when the name shown is the store's own (the Swedish one) and as the report's words when it is the
 * English name the unit was given. For use inside withData.
 */
export function unitLabelIn(unit: NamedUnit, locale: Locale, d: (text: string) => string): string {
  if (unitName(unit, locale) !== unit.name) return unitLabel(unit, locale);
  const own = d(unit.name);
  return unitLabel({ ...unit, name: own, nameEn: own }, locale);
}

/** unitLabelIn as text of its own. */
export const unitText = (unit: NamedUnit, locale: Locale): Span[] => withData((d) => unitLabelIn(unit, locale, d));

/** The unit's name alone (unitName), as data when it is the store's own name. */
export function unitNameIn(unit: Pick<Unit, 'name' | 'nameEn'>, locale: Locale, d: (text: string) => string): string {
  const name = unitName(unit, locale);
  return name === unit.name ? d(name) : name;
}

/**
 * Text with its language (src/report/spans.ts): a label's words and the data in it stay apart
 * through every step the deck takes (composing, normalising, splitting a paragraph over slides),
 * and the plain text is always what the same steps give on a plain string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../src/report/labels.js';
import {
  dataText,
  joinText,
  mapText,
  normalizeText,
  plainText,
  sliceText,
  trimEndText,
  unitText,
  withData,
  type Span,
} from '../../src/report/spans.js';
import { normalize } from '../../src/report/text-fit.js';

const span = fc.record({ text: fc.string({ unit: fc.constantFrom('a', 'ö', ' ', '\n', '\t', '.', 'X') }), data: fc.boolean() });
const spans = fc.array(span, { maxLength: 8 });
/** The data characters of spans, in order, as a string of 'd' and 'l' (data, label) per character. */
const kinds = (text: readonly Span[]) => text.map((s) => (s.data ? 'd' : 'l').repeat(s.text.length)).join('');

describe('text with its language', () => {
  it('splits a label at its data: the label’s words are the report’s own, each d(...) is data, in the order the label puts them', () => {
    const t = labelsFor('en');
    expect(withData((d) => t.introProject(d('Intraservice'), d('Etablera systematiskt informationssäkerhetsarbete')))).toEqual([
      { text: 'The action plan of ' },
      { text: 'Intraservice', data: true },
      { text: ' is part of the project plan of the project ' },
      { text: 'Etablera systematiskt informationssäkerhetsarbete', data: true },
    ]);
    expect(withData((d) => t.controlPointTitle(4, d('Register över personuppgiftsbehandlingar')))).toEqual([
      { text: 'Control point 4: ' },
      { text: 'Register över personuppgiftsbehandlingar', data: true },
    ]);
    // Upper case (the closing slide's unit line) keeps the languages.
    expect(mapText(joinText('a ', dataText('b')), (s) => s.toUpperCase())).toEqual([{ text: 'A ' }, { text: 'B', data: true }]);
  });

  it('names a unit by its own name as data, its English name and its marks in the deck’s words', () => {
    const own = { name: 'Intraservice', nameEn: '', example: false, archived: false };
    const example = { name: 'Exempel 03 – Förskola', nameEn: 'Example 03 – Preschool', example: true, archived: false };
    expect(unitText(own, 'en')).toEqual([{ text: 'Intraservice', data: true }]);
    // The seed gives a unit without an English name its own as the English one: still the store's own name.
    expect(unitText({ ...own, nameEn: 'Intraservice', archived: true }, 'en')).toEqual([
      { text: 'Intraservice', data: true },
      { text: ' (archived)' },
    ]);
    expect(unitText(example, 'en')).toEqual([{ text: 'Example 03 – Preschool (example)' }]);
    expect(unitText(example, 'sv')).toEqual([{ text: 'Exempel 03 – Förskola', data: true }, { text: ' (exempel)' }]);
  });

  it('normalises and slices spans as their plain text is, keeping every character’s language', () => {
    fc.assert(
      fc.property(spans, (text) => {
        const normal = normalizeText(text) as Span[];
        expect(plainText(normal)).toBe(normalize(plainText(text)));
        expect(normal.every((s) => s.text.length > 0)).toBe(true);
        // A character that is data stays data: compare the languages of the non-space characters.
        const bare = (t: readonly Span[]) => kinds(t.map((s) => ({ ...s, text: s.text.replace(/\s/g, '') })));
        expect(bare(normal)).toBe(bare(text));
      }),
    );
    fc.assert(
      fc.property(spans, fc.nat(40), fc.nat(40), (text, a, b) => {
        const [start, end] = [Math.min(a, b), Math.max(a, b)];
        const part = sliceText(text, start, end) as Span[];
        expect(plainText(part)).toBe(plainText(text).slice(start, end));
        expect(kinds(part)).toBe(kinds(text).slice(start, end));
        expect(plainText(trimEndText(part))).toBe(plainText(part).trimEnd());
      }),
    );
  });
});

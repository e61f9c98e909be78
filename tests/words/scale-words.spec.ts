/** The scale's words (src/words/scale.ts): both languages, the same placeholders, and scale.changed said in each. */
import { describe, expect, it } from 'vitest';
import { LOCALES, placeholdersOf, SCALE_WORDS } from '../../src/words/index.js';
import { scaleChangeText, scaleSummary } from '../../src/words/scale.js';

describe('the scale words', () => {
  it('has every word in Swedish and English, none empty, with the same placeholders', () => {
    expect(Object.keys(SCALE_WORDS.en).sort()).toEqual(Object.keys(SCALE_WORDS.sv).sort());
    for (const locale of LOCALES) for (const [key, text] of Object.entries(SCALE_WORDS[locale])) expect(text.trim(), key).not.toBe('');
    for (const key of Object.keys(SCALE_WORDS.sv) as (keyof typeof SCALE_WORDS.sv)[]) {
      expect(placeholdersOf(SCALE_WORDS.en[key]), key).toEqual(placeholdersOf(SCALE_WORDS.sv[key]));
    }
  });

  it('sums a setup up in a few words', () => {
    expect(scaleSummary({ count: 5, direction: 'lowRight', labelled: false }, 'sv')).toBe(
      '5 nivåer, lägst till höger, neutrala benämningar',
    );
    expect(scaleSummary({ count: 4, direction: 'lowLeft', labelled: true }, 'en')).toBe(
      '4 levels, lowest on the left, labels of their own',
    );
  });

  it('says a change of the scale with who, from what, to what and the marks read again', () => {
    const before = { count: 5, direction: 'lowLeft' as const, labels: null };
    const labels = [
      { sv: 'Låg', en: 'Low' },
      { sv: 'Hög', en: 'High' },
    ];
    const sv = scaleChangeText(before, { count: 2, direction: 'lowRight', labels, remapped: 3 }, 'Dana', 'sv');
    expect(sv).toEqual({
      headline: 'Skalan ändrades',
      short: '5 nivåer, lägst till vänster, neutrala benämningar → 2 nivåer, lägst till höger, egna benämningar (Låg, Hög)',
      text:
        'Dana ändrade skalan: 5 nivåer, lägst till vänster, neutrala benämningar → 2 nivåer, lägst till höger, egna benämningar (Låg, Hög). ' +
        '3 tolkade markeringar lästes om.',
    });
    const en = scaleChangeText(before, { ...before, direction: 'lowRight', remapped: 0 }, 'Dana', 'en');
    expect(en.text).toBe(
      'Dana changed the scale: 5 levels, lowest on the left, neutral labels → 5 levels, lowest on the right, neutral labels.',
    );
  });
});

/** The catalog itself: every term and message in both languages, the same placeholders in each, one filler. */
import { describe, expect, it } from 'vitest';
import { NOT_ASSESSED } from '../../src/domain/scale.js';
import {
  fill,
  LOCALES,
  MESSAGES,
  neutralLevel,
  periodLabel,
  placeholdersOf,
  quarterLabel,
  say,
  STATE_KEYS,
  TERMS,
} from '../../src/words/index.js';

/** Every leaf of a nested catalog as [dotted path, text]. */
function leaves(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('the catalog has every term in both languages', () => {
  const sv = leaves(TERMS.sv);
  const en = leaves(TERMS.en);

  it('has the same terms in Swedish and English, none empty', () => {
    expect(en.map(([k]) => k).sort()).toEqual(sv.map(([k]) => k).sort());
    for (const [key, text] of [...sv, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('has the same messages in Swedish and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.sv).sort());
    for (const locale of LOCALES) for (const [key, text] of Object.entries(MESSAGES[locale])) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages, in terms and in messages', () => {
    for (const [key, text] of sv) expect(placeholdersOf(leaves(TERMS.en).find(([k]) => k === key)![1]), key).toEqual(placeholdersOf(text));
    for (const key of Object.keys(MESSAGES.sv) as (keyof typeof MESSAGES.sv)[]) {
      expect(placeholdersOf(MESSAGES.en[key]), key).toEqual(placeholdersOf(MESSAGES.sv[key]));
    }
  });

  it('names every state in every form', () => {
    for (const locale of LOCALES) {
      for (const form of ['state', 'stateGroup', 'stateMany'] as const)
        expect(Object.keys(TERMS[locale][form]).sort()).toEqual([...STATE_KEYS].sort());
    }
  });

  it('agrees with the words the domain keeps for itself (the domain imports nothing of ours)', () => {
    expect(NOT_ASSESSED).toEqual({ sv: TERMS.sv.level.notAssessed, en: TERMS.en.level.notAssessed });
  });

  it('spells the states as the report does (Klar, Pågående, Planerad)', () => {
    expect(TERMS.sv.state).toMatchObject({ done: 'Klar', ongoing: 'Pågående', planned: 'Planerad' });
    expect(TERMS.sv.stateGroup).toMatchObject({ done: 'Klara', ongoing: 'Pågående', planned: 'Planerade' });
  });
});

describe('the one filler', () => {
  it('fills plain values and words in the asked language, and leaves a missing placeholder visible', () => {
    expect(fill('{a} och {b}', { a: 1, b: { sv: 'två', en: 'two' } }, 'sv')).toBe('1 och två');
    expect(fill('{a} and {b}', { a: 1, b: { sv: 'två', en: 'two' } }, 'en')).toBe('1 and two');
    expect(fill('{a} och {saknas}', { a: 'x' })).toBe('x och {saknas}');
  });

  it('fills messages by key', () => {
    expect(say('sv', 'level.neutral', { n: 2, count: 5 })).toBe('Nivå 2 av 5');
    expect(neutralLevel(2, 5, 'en')).toBe('Level 2 of 5');
    expect(say('sv', 'count.activities', { done: 3, ongoing: 2, planned: 1 })).toBe('3 klara, 2 pågående, 1 planerade');
  });

  it('writes quarters as the report does, in both languages', () => {
    expect(quarterLabel('2024-Q4', 'sv')).toBe('Q4 2024');
    expect(quarterLabel('2024-Q4', 'en')).toBe('Q4 2024');
    expect(periodLabel('2024-Q4', '2025-Q1', 'sv')).toBe('Q4 2024 – Q1 2025');
    expect(periodLabel('2025-Q1', '2025-Q1', 'en')).toBe('Q1 2025');
    expect(periodLabel(null, null, 'en')).toBe('');
  });
});

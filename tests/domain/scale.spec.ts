import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, isOnScale, levelLabel, neutralScale, validateScale } from '../../src/domain/scale.js';
import { neutralLevel } from '../../src/words/index.js';

describe('the assessment scale', () => {
  it('has five ordered levels with neutral Swedish and English labels by default (the report names none)', () => {
    expect(DEFAULT_SCALE.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    expect(DEFAULT_SCALE.levels.map((l) => l.label.sv)).toEqual([
      'Nivå 1 av 5',
      'Nivå 2 av 5',
      'Nivå 3 av 5',
      'Nivå 4 av 5',
      'Nivå 5 av 5',
    ]);
    expect(DEFAULT_SCALE.levels[0]!.label.en).toBe('Level 1 of 5');
    expect(validateScale(DEFAULT_SCALE)).toBeNull();
  });

  it('words neutral labels as the catalog does (src/words level.neutral), in both languages', () => {
    for (const count of [2, 3, 5, 7, 10]) {
      for (const l of neutralScale(count).levels) {
        expect(l.label).toEqual({ sv: neutralLevel(l.level, count, 'sv'), en: neutralLevel(l.level, count, 'en') });
      }
    }
  });

  it('accepts only whole levels on the scale', () => {
    expect([1, 3, 5].every((l) => isOnScale(DEFAULT_SCALE, l))).toBe(true);
    expect([0, 6, 2.5, Number.NaN].some((l) => isOnScale(DEFAULT_SCALE, l))).toBe(false);
  });

  it('names levels in the reader language, and an unassessed point as such', () => {
    expect(levelLabel(DEFAULT_SCALE, 3, 'sv')).toBe('Nivå 3 av 5');
    expect(levelLabel(DEFAULT_SCALE, 3, 'en')).toBe('Level 3 of 5');
    expect(levelLabel(DEFAULT_SCALE, null, 'sv')).toBe('Ej bedömd');
  });

  it('rejects a configured scale with gaps or too few levels', () => {
    const label = { sv: 'a', en: 'a' };
    expect(validateScale({ levels: [{ level: 1, label }] })).toMatch(/two levels/);
    expect(
      validateScale({
        levels: [
          { level: 1, label },
          { level: 3, label },
        ],
      }),
    ).toMatch(/1..n/);
    expect(validateScale({ levels: [1, 2, 3].map((level) => ({ level, label })) })).toBeNull();
  });
});

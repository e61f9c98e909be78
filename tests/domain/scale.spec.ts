import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, isOnScale, levelLabel, validateScale } from '../../src/domain/scale.js';

describe('the assessment scale', () => {
  it('has five ordered levels with Swedish and English labels by default', () => {
    expect(DEFAULT_SCALE.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    expect(DEFAULT_SCALE.levels.every((l) => l.label.sv && l.label.en)).toBe(true);
    expect(validateScale(DEFAULT_SCALE)).toBeNull();
  });

  it('accepts only whole levels on the scale', () => {
    expect([1, 3, 5].every((l) => isOnScale(DEFAULT_SCALE, l))).toBe(true);
    expect([0, 6, 2.5, Number.NaN].some((l) => isOnScale(DEFAULT_SCALE, l))).toBe(false);
  });

  it('names levels in the reader language, and an unassessed point as such', () => {
    expect(levelLabel(DEFAULT_SCALE, 3, 'sv')).toBe('Delvis uppfylld');
    expect(levelLabel(DEFAULT_SCALE, 3, 'en')).toBe('Partly in place');
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

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkScaleSetup,
  initialSetup,
  INTERPRETER_ID,
  isInterpreted,
  latestByControlPoint,
  levelFromColumn,
  remapsFor,
  scaleFromSetup,
  type ReportReading,
} from '../../src/domain/interpretation.js';
import fs from 'node:fs';
import type { Assessment } from '../../src/domain/model.js';
import { DEFAULT_SCALE, neutralScale, type Scale } from '../../src/domain/scale.js';

const reading: ReportReading = {
  unitId: 'u',
  year: 2023,
  reportFile: 'dpo-annual-report-2023.txt',
  method: 'X-läge räknat i blanksteg',
  columns: { left: 4, right: 10 },
  marks: [
    { controlPoint: 1, title: 'Dataskyddsorganisation', column: 10, line: 175 },
    { controlPoint: 6, title: 'Kunskap', column: 4, line: 300 },
    { controlPoint: 7, title: 'Mitten', column: 7, line: 410 },
  ],
  interpretedBy: 'dataskyddsombud',
  notes: [],
};

let nextId = 1;
function mark(controlPoint: number, level: number, assessedBy: string, assessedAt = '2023-12-31T12:00:00.000Z'): Assessment {
  return { id: nextId++, unitId: 'u', year: 2023, controlPoint, level, comment: '', assessedBy, assessedByName: assessedBy, assessedAt };
}

describe('reading the X of the report', () => {
  it('maps the seed file columns as its own table does when low is on the left (4 -> 1 … 10 -> 5)', () => {
    const table = { 4: 1, 5: 2, 6: 2, 7: 3, 8: 4, 9: 4, 10: 5 };
    for (const [column, level] of Object.entries(table)) expect(levelFromColumn(Number(column), reading.columns, 5, 'lowLeft')).toBe(level);
  });

  it('reads the rightmost X as the lowest level when the DPO says low is on the right', () => {
    expect(levelFromColumn(10, reading.columns, 5, 'lowRight')).toBe(1);
    expect(levelFromColumn(4, reading.columns, 5, 'lowRight')).toBe(5);
  });

  it('always lands on the scale, and turning the direction mirrors the level', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 2, max: 10 }), (column, count) => {
        const left = levelFromColumn(column, reading.columns, count, 'lowLeft');
        const right = levelFromColumn(column, reading.columns, count, 'lowRight');
        expect(left).toBeGreaterThanOrEqual(1);
        expect(left).toBeLessThanOrEqual(count);
        expect(right).toBe(count + 1 - left);
      }),
    );
  });
});

describe('interpreted and own marks', () => {
  it('knows an interpreted mark by who it is recorded as, never a person', () => {
    expect(isInterpreted(mark(1, 5, 'dataskyddsombud'))).toBe(true);
    expect(isInterpreted(mark(1, 5, 'dpo'))).toBe(false);
  });

  it('is the identity the seed file records its marks as', () => {
    const seed = JSON.parse(fs.readFileSync('seed/intraservice-2023.json', 'utf8')) as { dpoMarks: { assessedBy: string } };
    expect(seed.dpoMarks.assessedBy).toBe(INTERPRETER_ID);
  });

  it('remaps the interpreted marks when the direction turns, never the DPO own', () => {
    const marks = [
      mark(1, 5, 'dataskyddsombud'),
      mark(6, 1, 'dataskyddsombud'),
      mark(7, 3, 'dataskyddsombud'),
      mark(6, 2, 'dpo', '2024-02-01T00:00:00.000Z'),
    ];
    const remaps = remapsFor(reading, latestByControlPoint(marks, 2023), { count: 5, direction: 'lowRight' });
    expect(remaps).toEqual([{ controlPoint: 1, from: 5, to: 1, column: 10 }]);
  });

  it('reads the marks again on a scale with another number of levels', () => {
    const marks = [mark(1, 5, 'dataskyddsombud'), mark(6, 1, 'dataskyddsombud'), mark(7, 3, 'dataskyddsombud')];
    const remaps = remapsFor(reading, latestByControlPoint(marks, 2023), { count: 3, direction: 'lowLeft' });
    expect(remaps).toEqual([
      { controlPoint: 1, from: 5, to: 3, column: 10 },
      { controlPoint: 7, from: 3, to: 2, column: 7 },
    ]);
  });
});

describe('the DPO scale setup', () => {
  const named: Scale = { levels: [1, 2, 3, 4, 5].map((level) => ({ level, label: { sv: `S${level}`, en: `E${level}` } })) };

  it('starts from the configured scale, low on the left, with no labels of its own', () => {
    expect(initialSetup(DEFAULT_SCALE)).toMatchObject({ count: 5, direction: 'lowLeft', labels: null, version: 0 });
    expect(scaleFromSetup(initialSetup(DEFAULT_SCALE), DEFAULT_SCALE)).toEqual(neutralScale(5));
  });

  it('keeps an organisation SCALE_FILE labels while the count matches, and neutral labels otherwise', () => {
    expect(scaleFromSetup(initialSetup(named), named)).toBe(named);
    expect(scaleFromSetup({ ...initialSetup(named), count: 4 }, named)).toEqual(neutralScale(4));
  });

  it('uses the DPO labels once set', () => {
    const labels = [
      { sv: 'Låg', en: 'Low' },
      { sv: 'Hög', en: 'High' },
    ];
    const scale = scaleFromSetup({ ...initialSetup(named), count: 2, labels }, named);
    expect(scale.levels).toEqual([
      { level: 1, label: labels[0] },
      { level: 2, label: labels[1] },
    ]);
  });

  it('refuses a count off the allowed range, below a level in use, or labels missing a language', () => {
    expect(checkScaleSetup({ count: 1, direction: 'lowLeft', labels: null }, 1)?.sv).toMatch(/2–10/);
    expect(checkScaleSetup({ count: 3, direction: 'lowLeft', labels: null }, 4)?.en).toMatch(/at least 4/);
    expect(checkScaleSetup({ count: 2, direction: 'lowLeft', labels: [{ sv: 'a', en: 'a' }] }, 1)).not.toBeNull();
    expect(
      checkScaleSetup(
        {
          count: 2,
          direction: 'lowLeft',
          labels: [
            { sv: 'a', en: 'a' },
            { sv: 'b', en: ' ' },
          ],
        },
        1,
      ),
    ).not.toBeNull();
    expect(checkScaleSetup({ count: 2, direction: 'lowRight', labels: null }, 2)).toBeNull();
  });
});

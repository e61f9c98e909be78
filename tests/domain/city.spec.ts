/**
 * The city-wide view (src/domain/city.ts): what a cell says is what the unit's board says, the summary adds
 * up to the rows, the filter never invents rows, and the trend compares with the unit's previous year.
 * Properties with fast-check (https://fast-check.dev/docs/core-blocks/properties/).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCityView, filterCityView, trendOf, type CityFilter, type CityUnitData } from '../../src/domain/city.js';
import { INTERPRETER_ID } from '../../src/domain/interpretation.js';
import type { Activity, Assessment, BoardData, ControlPoint } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { buildBoard } from '../../src/domain/views.js';
import { RUNS, SEED } from '../fuzz/arbitraries.js';

const TODAY = '2025-03-01';
const PACKAGES = ['Incident', 'Kund', 'Projekt'];
const unitOf = (id: string, archived = false) => ({ id, name: `Enhet ${id}`, nameEn: `Unit ${id}`, example: false, archived });

const controlPoint = (unitId: string, number: number, workPackages: string[] = []): ControlPoint => ({
  unitId,
  number,
  title: `Kontrollpunkt ${number}`,
  owner: 'CISO',
  workPackages,
  expectedEnd: null,
  version: 1,
});

const assessment = (id: number, unitId: string, year: number, cp: number, level: number, assessedBy = 'dpo'): Assessment => ({
  id,
  unitId,
  year,
  controlPoint: cp,
  level,
  comment: '',
  assessedBy,
  assessedByName: 'DSO',
  assessedAt: `${year}-06-01T00:00:00.000Z`,
});

const activity = (id: number, unitId: string, cp: number, state: Activity['state'], dueTo: string | null): Activity => ({
  id,
  unitId,
  controlPoint: cp,
  text: `aktivitet ${id}`,
  state,
  dueFrom: null,
  dueTo,
  workPackage: null,
  position: id,
  version: 1,
  updatedAt: '',
  updatedBy: '',
});

function board(unitId: string, year: number, parts: Partial<BoardData> = {}): BoardData {
  return {
    unit: { ...unitOf(unitId), organisation: 'Göteborgs Stad', responsible: [], version: 1 },
    year,
    years: [year - 1, year],
    controlPoints: Array.from({ length: 12 }, (_, i) => controlPoint(unitId, i + 1)),
    assessments: [],
    statusUpdates: [],
    activities: [],
    workPackages: [],
    focusAreas: [],
    changeSeq: 1,
    ...parts,
  };
}

/** One unit's year: a mark (or none) per control point, focus areas, activities, work packages; and maybe a year before. */
const unitArb = (id: string): fc.Arbitrary<CityUnitData> =>
  fc
    .record({
      hasYear: fc.boolean(),
      archived: fc.boolean(),
      marks: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: 12, maxLength: 12 }),
      previous: fc.option(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: 12, maxLength: 12 }), {
        nil: null,
      }),
      focus: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
      activities: fc.array(
        fc.record({
          cp: fc.integer({ min: 1, max: 12 }),
          state: fc.constantFrom<Activity['state']>('planned', 'ongoing', 'done'),
          dueTo: fc.constantFrom(null, '2024-Q2', '2025-Q1', '2026-Q4'),
        }),
        { maxLength: 8 },
      ),
      packages: fc.array(fc.subarray(PACKAGES), { minLength: 12, maxLength: 12 }),
    })
    .map(({ hasYear, archived, marks, previous, focus, activities, packages }) => {
      const year = 2024;
      const controlPoints = packages.map((wps, i) => controlPoint(id, i + 1, wps));
      const workPackages = PACKAGES.map((key) => ({ unitId: id, key, name: key, expectedEnd: null, state: 'ongoing' as const }));
      const assess = (ys: (number | null)[], y: number) =>
        ys.flatMap((level, i) => (level === null ? [] : [assessment(y * 100 + i, id, y, i + 1, level)]));
      return {
        unit: unitOf(id, archived),
        years: hasYear ? [year - 1, year] : [year - 1],
        board: hasYear
          ? board(id, year, {
              controlPoints,
              workPackages,
              assessments: assess(marks, year),
              focusAreas: focus.map((cp) => ({ unitId: id, year, focusYear: year + 1, controlPoint: cp, text: null })),
              activities: activities.map((a, i) => activity(i + 1, id, a.cp, a.state, a.dueTo)),
            })
          : null,
        previous: previous ? board(id, year - 1, { controlPoints, assessments: assess(previous, year - 1) }) : null,
      };
    });

const unitsArb = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => unitArb(`enhet-${i}`))));
const cityOf = (units: CityUnitData[]) => buildCityView({ year: 2024, today: TODAY, scale: DEFAULT_SCALE, units });
const cityArb = unitsArb.map(cityOf);

const filterArb: fc.Arbitrary<CityFilter> = fc.record(
  { focusOnly: fc.boolean(), overdueOnly: fc.boolean(), workPackage: fc.constantFrom(...PACKAGES, 'Saknas') },
  { requiredKeys: [] },
);

describe('the city view', () => {
  it('has a row per unit and a cell per control point; units without the year are stated, with empty cells', () => {
    const units: CityUnitData[] = [
      { unit: unitOf('b'), years: [2024], board: board('b', 2024, { assessments: [assessment(1, 'b', 2024, 3, 4)] }), previous: null },
      { unit: unitOf('a'), years: [2023], board: null, previous: null },
    ];
    const view = buildCityView({ year: 2024, today: TODAY, scale: DEFAULT_SCALE, units });
    expect(view.controlPoints.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(view.rows.map((r) => [r.unit.id, r.year])).toEqual([
      ['a', null],
      ['b', 2024],
    ]);
    expect(view.rows[0]!.cells).toHaveLength(12);
    expect(view.rows[0]!.cells.every((c) => c.level === null && c.trend === null && c.overdue === 0)).toBe(true);
    expect(view.rows[1]!.cells[2]).toMatchObject({ controlPoint: 3, level: 4, trend: 'new', interpreted: false });
    expect(view.years).toEqual([2023, 2024]);
    expect(view.levels).toEqual(DEFAULT_SCALE.levels);
  });

  it('shows the latest mark of the year as the board does, and whether it is read from the report', () => {
    const data = board('u', 2024, {
      assessments: [
        assessment(1, 'u', 2024, 1, 2, INTERPRETER_ID),
        assessment(7, 'u', 2024, 1, 3),
        assessment(3, 'u', 2024, 2, 5, INTERPRETER_ID),
      ],
    });
    const view = buildCityView({
      year: 2024,
      today: TODAY,
      scale: DEFAULT_SCALE,
      units: [{ unit: unitOf('u'), years: [2024], board: data, previous: null }],
    });
    const [one, two] = view.rows[0]!.cells;
    const onBoard = buildBoard(data, DEFAULT_SCALE, TODAY).controlPoints;
    expect(one).toMatchObject({ level: onBoard[0]!.dpo!.level, interpreted: false });
    expect(two).toMatchObject({ level: 5, interpreted: true });
  });

  it('counts overdue activities of the control point, and the control point itself once past its expected end', () => {
    const data = board('u', 2024, {
      controlPoints: [{ ...controlPoint('u', 1), expectedEnd: '2024-12-31' }, controlPoint('u', 2)],
      activities: [
        activity(1, 'u', 1, 'ongoing', '2024-Q3'),
        activity(2, 'u', 1, 'done', '2024-Q3'),
        activity(3, 'u', 2, 'planned', '2024-Q4'),
        activity(4, 'u', 2, 'planned', '2025-Q2'),
      ],
    });
    const view = buildCityView({
      year: 2024,
      today: TODAY,
      scale: DEFAULT_SCALE,
      units: [{ unit: unitOf('u'), years: [2024], board: data, previous: null }],
    });
    const row = view.rows[0]!;
    expect(row.cells.map((c) => c.overdue)).toEqual([2, 1]);
    expect(row.overdue).toBe(3);
  });

  it('marks focus areas and names the work packages of each control point; archived units come last, marked', () => {
    const data = board('u', 2024, {
      controlPoints: [controlPoint('u', 1, ['Incident']), controlPoint('u', 4)],
      workPackages: [{ unitId: 'u', key: 'Incident', name: 'Incidenthantering', expectedEnd: null, state: 'ongoing' }],
      focusAreas: [{ unitId: 'u', year: 2024, focusYear: 2025, controlPoint: 4, text: null }],
    });
    const view = buildCityView({
      year: 2024,
      today: TODAY,
      scale: DEFAULT_SCALE,
      units: [
        { unit: unitOf('z-old', true), years: [2024], board: board('z-old', 2024), previous: null },
        { unit: unitOf('u'), years: [2024], board: data, previous: null },
      ],
      controlPoints: [
        { number: 4, title: 'Fyra' },
        { number: 1, title: 'Ett' },
      ],
    });
    expect(view.controlPoints).toEqual([
      { number: 1, title: 'Ett' },
      { number: 4, title: 'Fyra' },
    ]);
    expect(view.workPackages).toEqual([{ key: 'Incident', name: 'Incidenthantering' }]);
    expect(view.rows.map((r) => [r.unit.id, r.unit.archived])).toEqual([
      ['u', false],
      ['z-old', true],
    ]);
    expect(view.rows[0]!.focus).toEqual([4]);
    expect(view.rows[0]!.cells.map((c) => [c.focus, c.workPackages])).toEqual([
      [false, ['Incident']],
      [true, []],
    ]);
  });

  it('compares each mark with the unit’s previous year: up is a higher level on every scale direction', () => {
    expect(trendOf(4, 2)).toBe('up');
    expect(trendOf(2, 4)).toBe('down');
    expect(trendOf(3, 3)).toBe('same');
    expect(trendOf(3, null)).toBe('new');
    expect(trendOf(null, 3)).toBe(null);
    fc.assert(
      fc.property(unitsArb, (units) => {
        const view = cityOf(units);
        for (const data of units) {
          const row = view.rows.find((r) => r.unit.id === data.unit.id)!;
          const lastMark = (b: BoardData | null, cp: number) => b?.assessments.filter((a) => a.controlPoint === cp).at(-1)?.level ?? null;
          for (const cell of row.cells) {
            expect(cell.level).toBe(lastMark(data.board, cell.controlPoint));
            expect(cell.previousLevel).toBe(data.board ? lastMark(data.previous, cell.controlPoint) : null);
            expect(cell.trend).toBe(trendOf(cell.level, cell.previousLevel));
          }
        }
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  it('sums the summary up to the rows: per control point, the levels and the not assessed count every row once', () => {
    fc.assert(
      fc.property(cityArb, (view) => {
        expect(view.summary.map((s) => s.controlPoint)).toEqual(view.controlPoints.map((c) => c.number));
        view.summary.forEach((s, i) => {
          const levels = view.rows.map((r) => r.cells[i]!.level).filter((l): l is number => l !== null);
          const counted = Object.values(s.counts).reduce((a, b) => a + b, 0);
          expect(counted + s.notAssessed).toBe(view.rows.length);
          for (const l of view.levels) expect(s.counts[l.level]).toBe(levels.filter((x) => x === l.level).length);
          expect(s.min).toBe(levels.length ? Math.min(...levels) : null);
          expect(s.max).toBe(levels.length ? Math.max(...levels) : null);
          if (s.median !== null) {
            expect(levels.filter((l) => l < s.median!).length).toBeLessThanOrEqual(levels.length / 2);
            expect(levels.filter((l) => l > s.median!).length).toBeLessThanOrEqual(levels.length / 2);
          }
        });
        for (const row of view.rows) expect(row.overdue).toBe(row.cells.reduce((a, c) => a + c.overdue, 0));
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  it('filters without inventing rows: every kept row was there, unchanged but for the match, and has a matching cell', () => {
    fc.assert(
      fc.property(cityArb, filterArb, (view, filter) => {
        const filtered = filterCityView(view, filter);
        const active = filter.focusOnly === true || filter.overdueOnly === true || filter.workPackage !== undefined;
        const byId = new Map(view.rows.map((r) => [r.unit.id, r]));
        for (const row of filtered.rows) {
          const original = byId.get(row.unit.id);
          expect(original).toBeDefined();
          expect(row.cells.map(({ match: _, ...c }) => c)).toEqual(original!.cells.map(({ match: _, ...c }) => c));
          // With no filter given the view is returned as it is (a row with no columns stays).
          if (active) expect(row.cells.some((c) => c.match)).toBe(true);
          for (const c of row.cells.filter((x) => x.match)) {
            if (filter.focusOnly) expect(c.focus).toBe(true);
            if (filter.overdueOnly) expect(c.overdue).toBeGreaterThan(0);
            if (filter.workPackage !== undefined) expect(c.workPackages).toContain(filter.workPackage);
          }
        }
        // A row left out has no cell that passes.
        const kept = new Set(filtered.rows.map((r) => r.unit.id));
        const left = view.rows.filter((r) => !kept.has(r.unit.id));
        for (const row of left) {
          const passes = row.cells.some(
            (c) =>
              (!filter.focusOnly || c.focus) &&
              (!filter.overdueOnly || c.overdue > 0) &&
              (filter.workPackage === undefined || c.workPackages.includes(filter.workPackage)),
          );
          expect(passes).toBe(false);
        }
        const counted = filtered.summary.map((s) => Object.values(s.counts).reduce((a, b) => a + b, 0) + s.notAssessed);
        expect(counted.every((n) => n === filtered.rows.length)).toBe(true);
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  it('with no filter given is the view as it is', () => {
    fc.assert(
      fc.property(cityArb, (view) => {
        expect(filterCityView(view, {})).toEqual(view);
        expect(view.rows.every((r) => r.cells.every((c) => c.match))).toBe(true);
      }),
      { numRuns: RUNS, ...SEED },
    );
  });
});

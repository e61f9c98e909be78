/**
 * The report-year contract: how every BoardStore turns the year (startYear), as the server
 * opens it: behind the open-year guard (src/store/guarded.ts), which refuses writes to a
 * closed year. Call describeYearContract from a spec with a factory that gives a fresh, empty
 * store; each test seeds it with the 2023 report first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { buildBoard, buildControlPointDetail } from '../../src/domain/views.js';
import { seedContext } from '../../src/store/open.js';
import { guardOpenYear } from '../../src/store/guarded.js';
import type { BoardStore } from '../../src/store/port.js';
import { readSeedFile } from '../../src/store/seed.js';
import { at, ctx, UNIT } from './actors.js';
import { useSeededStore, type StoreUnderTest } from './contract.js';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return null;
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

export function describeYearContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`BoardStore report years: ${name}`, () => {
    const seeded = useSeededStore(make);
    let store: BoardStore;
    beforeEach(() => {
      store = guardOpenYear(seeded.store);
    });

    it('the DPO starts the year after the newest; it starts not yet assessed', async () => {
      const started = await store.startYear({ unitId: UNIT }, ctx('dpo'));
      expect(started).toEqual({ unitId: UNIT, year: 2024, startedAt: at.toISOString() });
      expect(await store.listYears(UNIT)).toEqual([2023, 2024]);
      const board = await store.getBoardData(UNIT);
      expect(board.year).toBe(2024);
      expect(board.assessments).toEqual([]);
      expect(board.statusUpdates).toEqual([]);
      const view = buildBoard(board, store.scale, '2026-11-28');
      expect(view.controlPoints.every((cp) => cp.dpo === null && cp.unitStatus === null)).toBe(true);
    });

    it('carries over control points, activities and work packages unchanged', async () => {
      const before = await store.getBoardData(UNIT, 2023);
      await store.startYear({ unitId: UNIT }, ctx('ciso'));
      const after = await store.getBoardData(UNIT, 2024);
      expect(after.controlPoints).toEqual(before.controlPoints);
      expect(after.activities).toEqual(before.activities);
      expect(after.workPackages).toEqual(before.workPackages);
    });

    it("keeps last year's assessments and statuses as history", async () => {
      await store.startYear({ unitId: UNIT }, ctx('dpo'));
      const last = await store.getBoardData(UNIT, 2023);
      expect(last.assessments).toHaveLength(12);
      expect(last.statusUpdates).toHaveLength(12);
      await store.addAssessment({ unitId: UNIT, year: 2024, controlPoint: 6, level: 2, comment: 'Bättre' }, ctx('dpo'));
      const detail = buildControlPointDetail(await store.getControlPointData(UNIT, 6), store.scale, '2026-11-28');
      expect(detail.assessmentsByYear.map((y) => [y.year, y.latest?.level])).toEqual([
        [2023, 1],
        [2024, 2],
      ]);
      expect((await store.getBoardData(UNIT, 2023)).assessments.find((a) => a.controlPoint === 6)?.level).toBe(1);
    });

    it('appends exactly one year.started change', async () => {
      const seq = await store.latestChangeSeq();
      await store.startYear({ unitId: UNIT }, ctx('dpo'));
      const changes = await store.changesSince(seq);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        kind: 'year.started',
        unitId: UNIT,
        year: 2024,
        actorId: 'dpo',
        controlPoint: null,
        before: { year: 2023 },
        after: { year: 2024 },
      });
    });

    it('only the DPO and the CISO may start a year; others change nothing', async () => {
      const seq = await store.latestChangeSeq();
      expect(await codeOf(store.startYear({ unitId: UNIT }, ctx('editor')))).toBe('forbidden');
      expect(await codeOf(store.startYear({ unitId: UNIT }, ctx('reader')))).toBe('forbidden');
      expect(await store.listYears(UNIT)).toEqual([2023]);
      expect(await store.latestChangeSeq()).toBe(seq);
    });

    it('starts only the year right after the newest; refuses others and an unknown unit', async () => {
      for (const year of [2023, 2022, 2025, 2100])
        expect(await codeOf(store.startYear({ unitId: UNIT, year }, ctx('dpo')))).toBe('year_not_next');
      expect(await codeOf(store.startYear({ unitId: UNIT, year: 1.5 }, ctx('dpo')))).toBe('invalid_input');
      expect(await codeOf(store.startYear({ unitId: 'nowhere' }, ctx('dpo')))).toBe('not_found');
      expect(await store.listYears(UNIT)).toEqual([2023]);
      await store.startYear({ unitId: UNIT, year: 2024 }, ctx('dpo'));
      expect(await codeOf(store.startYear({ unitId: UNIT, year: 2024 }, ctx('ciso')))).toBe('year_not_next');
      expect(await store.listYears(UNIT)).toEqual([2023, 2024]);
    });

    it('once the next year is started, the closed year takes no assessment or status; nothing is stored', async () => {
      await store.startYear({ unitId: UNIT }, ctx('dpo'));
      const seq = await store.latestChangeSeq();
      const closed = { unitId: UNIT, year: 2023, controlPoint: 6 };
      expect(await codeOf(store.addAssessment({ ...closed, level: 2, comment: '' }, ctx('dpo')))).toBe('year_closed');
      const status = { ...closed, statusDate: '2025-01-10', text: 'Sent svar', unitLevel: null };
      expect(await codeOf(store.addStatusUpdate(status, ctx('ciso')))).toBe('year_closed');
      expect(await store.latestChangeSeq()).toBe(seq);
      expect((await store.getBoardData(UNIT, 2023)).assessments).toHaveLength(12);
      expect(await codeOf(store.addStatusUpdate({ ...status, year: 2024 }, ctx('ciso')))).toBeNull();
      expect(await codeOf(store.addAssessment({ ...closed, year: 2031, level: 2, comment: '' }, ctx('dpo')))).toBe('not_found');
    });

    it('a new year can be assessed and answered, and a re-import of the old report leaves it alone', async () => {
      await store.startYear({ unitId: UNIT }, ctx('dpo'));
      await store.addStatusUpdate(
        { unitId: UNIT, year: 2024, controlPoint: 1, statusDate: '2025-10-01', text: 'Ny status', unitLevel: 4 },
        ctx('ciso'),
      );
      await store.importSeed(readSeedFile(), seedContext(at));
      const board = await store.getBoardData(UNIT);
      expect(board.year).toBe(2024);
      expect(board.statusUpdates.map((s) => s.text)).toEqual(['Ny status']);
      expect(board.assessments).toEqual([]);
    });
  });
}

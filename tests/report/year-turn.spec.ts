/** Turning the report year on a copy of the seeded database: the copy moves on, the original stays. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { buildBoard } from '../../src/domain/views.js';
import { loadReportData } from '../../src/report/report-data.js';
import { boardTable } from '../../src/report/tables.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';
import { as, seededStore, TODAY, UNIT } from './fixture.js';

describe('the turn of the report year on a copy of the seed', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const done of cleanup.splice(0)) await done();
  });

  it('carries the plan over, keeps 2023 as history, starts 2024 unassessed; the original file is untouched', async () => {
    const seeded = await seededStore();
    cleanup.push(() => seeded.dispose());
    await seeded.store.close();
    const dir = tempDataDir();
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(seeded.file, copy);
    const store = openSqliteStore({ file: copy, scale: DEFAULT_SCALE });
    cleanup.push(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const before2023 = await store.getBoardData(UNIT, 2023);
    await store.startYear({ unitId: UNIT }, as('ciso'));
    const board2024 = buildBoard(await store.getBoardData(UNIT), store.scale, TODAY);
    expect(board2024.year).toBe(2024);
    expect(board2024.years).toEqual([2023, 2024]);
    expect(board2024.controlPoints.map((cp) => [cp.dpo, cp.unitStatus])).toEqual(Array(12).fill([null, null]));
    expect(board2024.controlPoints.map((cp) => cp.title)).toEqual(before2023.controlPoints.map((cp) => cp.title));
    expect(board2024.controlPoints.find((cp) => cp.number === 1)!.workPackages.map((w) => w.key)).toEqual([
      'AnsvarRollerMandat',
      'Ledningsprocess',
    ]);
    expect(await store.getBoardData(UNIT, 2023)).toMatchObject({
      assessments: before2023.assessments,
      statusUpdates: before2023.statusUpdates,
    });

    // The exports of the new year say so: no level, last year's level beside it.
    const data = await loadReportData(store, UNIT, undefined, TODAY);
    const table = boardTable(data, 'sv');
    const col = (header: string) => table.columns.findIndex((c) => c.header === header);
    expect(table.rows.map((r) => r[col('DPO bedömning')])).toEqual(Array(12).fill('Ej bedömd'));
    expect(table.rows.map((r) => r[col('DPO nivå 2023')])).toEqual(
      before2023.controlPoints.map((cp) => before2023.assessments.find((a) => a.controlPoint === cp.number)!.level),
    );

    const original = openSqliteStore({ file: seeded.file, scale: DEFAULT_SCALE });
    expect(await original.listYears(UNIT)).toEqual([2023]);
    await original.close();
  });
});

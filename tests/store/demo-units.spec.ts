/**
 * The example units (src/store/demo-units.ts, issue 14 item 1): deterministic, marked as examples everywhere,
 * imported once (a second import adds nothing), and never part of the default seed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInterpreted } from '../../src/domain/interpretation.js';
import type { Activity } from '../../src/domain/model.js';
import { neutralScale } from '../../src/domain/scale.js';
import { checkResponsible, checkUnitId, FIXED_CONTROL_POINTS, UNIT_LIMITS, unitLabel } from '../../src/domain/units.js';
import { isActivityOverdue } from '../../src/domain/views.js';
import {
  DEMO_ASSESSOR,
  DEMO_UNIT_LIMITS,
  demoUnitsPlan,
  EXAMPLE_MARK,
  importDemoUnits,
  type DemoUnitPlan,
} from '../../src/store/demo-units.js';
import { importSeedFile, seedContext } from '../../src/store/open.js';
import type { BoardStore } from '../../src/store/port.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

/** Every text the plan generates that a reader could take for a real unit's. */
function generatedTexts(unit: DemoUnitPlan): string[] {
  return unit.plans.flatMap((p) => [
    p.project.name,
    ...p.assessments.map((a) => a.comment),
    ...p.statusUpdates.map((s) => s.text),
    ...p.activities.map((a) => a.text),
    ...p.trainings.map((t) => t.title),
    ...p.actionPlanItems.map((a) => a.text),
    ...p.subProjects.map((s) => s.name),
    ...(p.contact ? [p.contact.name, p.contact.role] : []),
  ]);
}

describe('demoUnitsPlan', () => {
  it('is the same plan twice, byte for byte; another seed gives another plan; fewer units are the first of more', () => {
    const twelve = JSON.stringify(demoUnitsPlan(12));
    expect(JSON.stringify(demoUnitsPlan(12))).toBe(twelve);
    expect(JSON.stringify(demoUnitsPlan(12, { seed: 7 }))).not.toBe(twelve);
    expect(JSON.stringify(demoUnitsPlan(5))).toBe(JSON.stringify(demoUnitsPlan(12).slice(0, 5)));
  });

  it('gives a year the same marks, statuses and focus, and a unit the same work, however many years are asked for', () => {
    const two = demoUnitsPlan(3, { years: 2 });
    const five = demoUnitsPlan(3, { years: 5 });
    two.forEach((unit, i) => {
      const yearly = (plans: DemoUnitPlan['plans']) => plans.map((p) => [p.assessments, p.statusUpdates, p.focusAreas]);
      expect(yearly(unit.plans)).toEqual(yearly(five[i]!.plans.slice(3)));
      expect(unit.plans[0]!.activities).toEqual(five[i]!.plans[0]!.activities);
      expect(unit.plans[0]!.instructions).toEqual(five[i]!.plans[0]!.instructions);
    });
  });

  it('names every unit as an example, in Swedish and English, with ids the units rule accepts', () => {
    const plan = demoUnitsPlan(DEMO_UNIT_LIMITS.units.max);
    expect(new Set(plan.map((u) => u.unit.id)).size).toBe(plan.length);
    expect(new Set(plan.map((u) => u.unit.name)).size).toBe(plan.length);
    plan.forEach(({ unit }, i) => {
      const n = String(i + 1).padStart(2, '0');
      expect(unit.id).toBe(`exempel-${n}`);
      expect(unit.name).toMatch(new RegExp(`^Exempel ${n} – \\S`));
      expect(unit.nameEn).toMatch(new RegExp(`^Example ${n} – \\S`));
      expect(unit.name.length).toBeLessThanOrEqual(UNIT_LIMITS.name);
      expect(unit).toMatchObject({ example: true, archived: false, version: 1 });
      expect(() => checkUnitId(unit.id)).not.toThrow();
      expect(checkResponsible(unit.responsible)).toEqual(unit.responsible);
      expect(unitLabel(unit, 'sv')).toBe(`${unit.name} (exempel)`);
      expect(unitLabel(unit, 'en')).toBe(`${unit.nameEn} (example)`);
    });
  });

  it('marks every generated text "(exempel)"; the marks are the example assessor’s, never read from a report', () => {
    for (const unit of demoUnitsPlan(12)) {
      for (const text of generatedTexts(unit)) expect(text.endsWith(` ${EXAMPLE_MARK}`), text).toBe(true);
      for (const a of unit.plans.flatMap((p) => p.assessments)) {
        expect(a).toMatchObject({ assessedBy: DEMO_ASSESSOR.id, assessedByName: DEMO_ASSESSOR.name });
        expect(isInterpreted(a)).toBe(false);
      }
    }
  });

  it('gives each unit its years, oldest first and ending with the report’s, on the twelve fixed control points', () => {
    const threeYears = demoUnitsPlan(2);
    expect(threeYears[0]!.plans.map((p) => p.year)).toEqual([2021, 2022, 2023]);
    const fiveYears = demoUnitsPlan(2, { years: 5 });
    expect(fiveYears[1]!.plans.map((p) => p.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    for (const p of fiveYears[1]!.plans) {
      expect(p.controlPoints.map((c) => ({ number: c.number, title: c.title }))).toEqual(FIXED_CONTROL_POINTS);
      expect(p.statusUpdates).toHaveLength(12);
      expect(p.focusAreas.map((f) => f.focusYear)).toEqual([p.year + 1, p.year + 1, p.year + 1]);
      for (const s of p.statusUpdates) expect(s.statusDate.startsWith(`${p.year + 1}-`)).toBe(true);
    }
  });

  it('places the marks on the scale it is given, and some control points go unassessed', () => {
    const plan = demoUnitsPlan(40, { years: 5, levels: 3 });
    const assessments = plan.flatMap((u) => u.plans.flatMap((p) => p.assessments));
    expect(new Set(assessments.map((a) => a.level))).toEqual(new Set([1, 2, 3]));
    expect(assessments.length).toBeLessThan(40 * 5 * 12);
    expect(assessments.length).toBeGreaterThan(40 * 5 * 12 * 0.8);
  });

  it('has work done, work ahead and work overdue against its fixed date', () => {
    const plan = demoUnitsPlan(12);
    const asOf = plan[0]!.asOf;
    expect(asOf).toBe('2024-11-30');
    const activities = plan.flatMap((u) => u.plans.flatMap((p) => p.activities)) as unknown as Activity[];
    const overdue = activities.filter((a) => isActivityOverdue(a, asOf));
    expect(overdue.length).toBeGreaterThan(0);
    expect(activities.filter((a) => a.state === 'done').length).toBeGreaterThan(0);
    expect(activities.filter((a) => a.state !== 'done' && !isActivityOverdue(a, asOf)).length).toBeGreaterThan(0);
    expect(
      plan.filter((u) => u.plans[0]!.activities.some((a) => isActivityOverdue(a as unknown as Activity, asOf))).length,
    ).toBeGreaterThan(plan.length / 2);
  });

  it('refuses a number of units or years outside its bounds', () => {
    expect(() => demoUnitsPlan(0)).toThrow(/--demo-units takes a whole number from 1 to 60/);
    expect(() => demoUnitsPlan(61)).toThrow(RangeError);
    expect(() => demoUnitsPlan(1.5)).toThrow(RangeError);
    expect(() => demoUnitsPlan(3, { years: 0 })).toThrow(/--years takes a whole number from 1 to 10/);
  });
});

describe('importing the example units (SQLite)', () => {
  let store: BoardStore;
  let dir: string;
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'board.sqlite'), scale: neutralScale(5) });
  };

  it('leaves the default seed as it was: the report alone is one unit with its counts', async () => {
    open();
    const added = await importSeedFile(store);
    expect(added).toMatchObject({ units: 1, years: 1, controlPoints: 12, assessments: 12, statusUpdates: 12, instructions: 31 });
    const units = await store.listUnits();
    expect(units.map((u) => ({ id: u.id, example: u.example }))).toEqual([{ id: 'intraservice', example: false }]);
    expect(await store.listYears('intraservice')).toEqual([2023]);
  });

  it('adds the units beside the report’s with their years; a second import adds nothing', async () => {
    open();
    await importSeedFile(store);
    const plan = demoUnitsPlan(3);
    const added = await importDemoUnits(store, plan, seedContext());
    expect(added).toMatchObject({ units: 3, years: 9, controlPoints: 36, instructions: 93, contacts: 3 });
    expect(added.assessments).toBe(plan.flatMap((u) => u.plans.flatMap((p) => p.assessments)).length);
    const again = await importDemoUnits(store, plan, seedContext());
    expect(Object.values(again).every((n) => n === 0)).toBe(true);

    const units = await store.listUnits();
    expect(units).toHaveLength(4);
    const example = units.find((u) => u.id === 'exempel-02')!;
    expect(example).toMatchObject({ name: plan[1]!.unit.name, nameEn: plan[1]!.unit.nameEn, example: true, archived: false });
    expect(example.responsible.map((p) => p.role).sort()).toEqual(['ciso', 'dpo']);
    expect(await store.listYears('exempel-02')).toEqual([2021, 2022, 2023]);
    const board = await store.getBoardData('exempel-02');
    expect(board.year).toBe(2023);
    expect(board.assessments.map((a) => a.level)).toEqual(plan[1]!.plans[2]!.assessments.map((a) => a.level));
    expect(board.focusAreas.filter((f) => f.year === 2023)).toHaveLength(3);
    // The report's unit is untouched.
    expect((await store.getBoardData('intraservice')).assessments).toHaveLength(12);
  });

  it('adds only the years a unit lacks when run again with more years', async () => {
    open();
    await importDemoUnits(store, demoUnitsPlan(2, { years: 2 }), seedContext());
    const more = await importDemoUnits(store, demoUnitsPlan(2, { years: 4 }), seedContext());
    expect(more).toMatchObject({ units: 0, years: 4, controlPoints: 0, activities: 0 });
    expect(await store.listYears('exempel-01')).toEqual([2020, 2021, 2022, 2023]);
  });
});

describe('npm run seed -- --demo-units: usage errors', () => {
  it.each([
    [['--demo-units', '0'], /--demo-units takes a whole number from 1 to 60/],
    [['--demo-units', '61'], /--demo-units takes a whole number from 1 to 60/],
    [['--demo-units', '12abc'], /--demo-units takes a whole number/],
    [['--demo-units', '3', '--years', '11'], /--years takes a whole number from 1 to 10/],
    [['--years', '3'], /--years goes with --demo-units/],
  ])('%j is refused with the usage, exit code 2, nothing done', { timeout: 60_000 }, (args, message) => {
    const dataDir = tempDataDir();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/store/seed-cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('usage: npm run seed');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

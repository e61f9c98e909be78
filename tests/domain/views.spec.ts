import { describe, expect, it } from 'vitest';
import type { Activity, BoardData, WorkPackage } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { INTERPRETER_ID } from '../../src/domain/interpretation.js';
import { buildActionPlan, buildBoard, buildControlPointDetail, isActivityOverdue, isPastDue } from '../../src/domain/views.js';

const activity = (state: Activity['state'], dueTo: string | null = null): Activity => ({
  id: 1,
  unitId: 'u',
  controlPoint: 1,
  text: 'a',
  state,
  dueFrom: null,
  dueTo,
  workPackage: null,
  position: 0,
  version: 1,
  updatedAt: '',
  updatedBy: '',
});

describe('overdue', () => {
  it('is an expected end that has passed on work not done', () => {
    expect(isPastDue('2025-06-30', false, '2025-07-01')).toBe(true);
    expect(isPastDue('2025-06-30', false, '2025-06-30')).toBe(false);
    expect(isPastDue('2025-06-30', true, '2026-01-01')).toBe(false);
    expect(isPastDue(null, false, '2099-01-01')).toBe(false);
  });

  it('counts an activity due by the end of its last quarter', () => {
    expect(isActivityOverdue(activity('ongoing', '2025-Q1'), '2025-03-31')).toBe(false);
    expect(isActivityOverdue(activity('ongoing', '2025-Q1'), '2025-04-01')).toBe(true);
    expect(isActivityOverdue(activity('done', '2025-Q1'), '2025-04-01')).toBe(false);
  });
});

describe('the board view', () => {
  const wp: WorkPackage = { unitId: 'u', key: 'Incident', name: 'Incident', expectedEnd: '2025-06-30', state: 'ongoing' };
  const data: BoardData = {
    unit: { id: 'u', name: 'U', nameEn: 'U', organisation: 'O', archived: false, example: false, responsible: [], version: 1 },
    year: 2023,
    years: [2023],
    controlPoints: [
      { unitId: 'u', number: 2, title: 'Två', owner: 'CISO', workPackages: ['Incident'], expectedEnd: '2025-06-30', version: 1 },
      { unitId: 'u', number: 1, title: 'Ett', owner: 'CISO', workPackages: [], expectedEnd: '2025-06-30', version: 1 },
    ],
    assessments: [
      { id: 1, unitId: 'u', year: 2023, controlPoint: 1, level: 2, comment: '', assessedBy: 'd', assessedByName: 'D', assessedAt: '' },
      {
        id: 5,
        unitId: 'u',
        year: 2023,
        controlPoint: 1,
        level: 4,
        comment: 'bättre',
        assessedBy: 'd',
        assessedByName: 'D',
        assessedAt: '',
      },
    ],
    statusUpdates: [
      {
        id: 1,
        unitId: 'u',
        year: 2023,
        controlPoint: 2,
        statusDate: '2024-11-06',
        text: 'a',
        unitLevel: 3,
        author: 'c',
        authorName: 'C',
        createdAt: '',
      },
      {
        id: 2,
        unitId: 'u',
        year: 2023,
        controlPoint: 2,
        statusDate: '2025-01-06',
        text: 'b',
        unitLevel: null,
        author: 'c',
        authorName: 'C',
        createdAt: '',
      },
    ],
    activities: [
      { ...activity('done'), controlPoint: 1 },
      { ...activity('ongoing'), id: 2, controlPoint: 2 },
    ],
    workPackages: [wp],
    focusAreas: [{ unitId: 'u', year: 2023, focusYear: 2024, controlPoint: 2, text: null }],
    changeSeq: 9,
  };
  const board = buildBoard(data, DEFAULT_SCALE, '2025-09-01');

  it('orders control points and shows the latest DPO mark, the latest status and the unit’s latest own level', () => {
    expect(board.controlPoints.map((c) => c.number)).toEqual([1, 2]);
    expect(board.controlPoints[0]?.dpo?.level).toBe(4);
    expect(board.controlPoints[1]?.unitStatus?.text).toBe('b');
    expect(board.controlPoints[1]?.unitLevel).toBe(3);
    expect(board.controlPoints[0]?.dpo).not.toBeNull();
    expect(board.controlPoints[1]?.dpo).toBeNull();
  });

  it('marks focus and overdue: a passed end with work left is overdue, all activities done is not', () => {
    expect(board.controlPoints.map((c) => [c.focus, c.overdue])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(board.controlPoints[1]?.workPackages.map((w) => w.key)).toEqual(['Incident']);
    expect(board.workPackages[0]?.overdue).toBe(true);
    expect(board.focusYear).toBe(2024);
  });

  it('says of each latest mark whether it is the reading of the report or the DPO own', () => {
    expect(board.controlPoints[0]?.dpo?.interpreted).toBe(false);
    const read = { ...data.assessments[1]!, id: 6, assessedBy: INTERPRETER_ID, assessedByName: 'Dataskyddsombudet' };
    const interpreted = buildBoard({ ...data, assessments: [...data.assessments, read] }, DEFAULT_SCALE, '2025-09-01');
    expect(interpreted.controlPoints[0]?.dpo).toMatchObject({ id: 6, interpreted: true });
  });

  it('says it of every entry of the detail history: confirming appends an own mark after the interpreted one', () => {
    const read = { ...data.assessments[0]!, assessedBy: INTERPRETER_ID };
    const confirmed = { ...read, id: 2, assessedBy: 'dpo-1' };
    const detail = buildControlPointDetail(
      {
        unit: data.unit,
        controlPoint: data.controlPoints[1]!,
        assessments: [confirmed, read],
        statusUpdates: [],
        activities: [],
        workPackages: [],
        focusAreas: [],
        changes: [],
        changeSeq: 9,
      },
      DEFAULT_SCALE,
      '2025-09-01',
    );
    expect(detail.assessmentsByYear[0]?.assessments.map((a) => [a.id, a.interpreted])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(detail.assessmentsByYear[0]?.latest?.interpreted).toBe(false);
  });
});

describe('the action plan view of the seed', () => {
  it('groups the 31 instructions by state as the report states them, scheduled ones by quarter, with progress', async () => {
    const { readSeedFile } = await import('../../src/store/seed.js');
    const plan = readSeedFile();
    const view = buildActionPlan(
      {
        unit: { ...plan.unit, archived: false, version: 1 },
        project: { unitId: 'intraservice', ...plan.project },
        instructions: plan.instructions.map((i) => ({ ...i, unitId: 'intraservice', version: 1, updatedAt: '', updatedBy: '' })),
        trainings: [],
        items: [],
        subProjects: [],
        workPackages: [],
        contact: null,
        changeSeq: 0,
      },
      '2026-11-28',
    );
    // The report names 01–04 done and 10, 20, 24 "pågående / planerade Q4 2024 & Q1 2025"; it names no state for the other 24.
    expect(view.progress).toEqual({ done: 4, ongoing: 3, planned: 0, notStated: 24, total: 31, percentDone: 13 });
    expect(view.plannedByQuarter).toHaveLength(1);
    expect(view.plannedByQuarter[0]).toMatchObject({ quarter: '2025-Q1' });
    expect(view.plannedByQuarter[0]?.instructions.map((i) => [i.number, i.plannedFrom])).toEqual([
      [10, '2024-Q4'],
      [20, '2024-Q4'],
      [24, '2024-Q4'],
    ]);
    expect(view.instructions.notStated.filter((i) => i.group === 'Teknisk säkerhet')).toHaveLength(9);
  });
});

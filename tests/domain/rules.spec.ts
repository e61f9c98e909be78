import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import * as changes from '../../src/domain/changes.js';
import type { Activity, Instruction } from '../../src/domain/model.js';
import type { Actor } from '../../src/domain/roles.js';
import {
  applyActivityPatch,
  applyInstructionPatch,
  checkAssessment,
  checkStatusUpdate,
  type WriteContext,
} from '../../src/domain/rules.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';

const dpo: Actor = { id: 'dpo', displayName: 'DPO', roles: ['dpo'], grants: [{ role: 'dpo' as const, units: '*' as const }] };
const ciso: Actor = { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso' as const, units: '*' as const }] };
const now = new Date('2026-11-28T09:00:00Z');
const ctx = (actor: Actor): WriteContext => ({ actor, source: 'tab', now });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'ok';
};

const assessment = { unitId: 'u', year: 2023, controlPoint: 1, level: 3, comment: '' };
const activity: Activity = {
  id: 7,
  unitId: 'u',
  controlPoint: 2,
  text: 'Uppdatera rutin',
  state: 'planned',
  dueFrom: null,
  dueTo: '2025-Q2',
  workPackage: null,
  position: 0,
  version: 3,
  updatedAt: '2024-01-01T00:00:00Z',
  updatedBy: 'seed',
};

describe('write rules', () => {
  it('an assessment needs the DPO, a level on the scale and a known control point', () => {
    expect(code(() => checkAssessment(dpo, DEFAULT_SCALE, assessment))).toBe('ok');
    expect(code(() => checkAssessment(ciso, DEFAULT_SCALE, assessment))).toBe('forbidden');
    expect(code(() => checkAssessment(dpo, DEFAULT_SCALE, { ...assessment, level: 6 }))).toBe('level_off_scale');
    expect(code(() => checkAssessment(dpo, DEFAULT_SCALE, { ...assessment, controlPoint: 0 }))).toBe('not_found');
    expect(code(() => checkAssessment(dpo, DEFAULT_SCALE, { ...assessment, comment: 'x'.repeat(2001) }))).toBe('invalid_input');
  });

  it('a status update needs a writer, text and a real date', () => {
    const status = { unitId: 'u', year: 2023, controlPoint: 1, statusDate: '2026-11-28', text: 'Klart', unitLevel: null };
    expect(code(() => checkStatusUpdate(ciso, DEFAULT_SCALE, status))).toBe('ok');
    expect(code(() => checkStatusUpdate(dpo, DEFAULT_SCALE, status))).toBe('forbidden');
    expect(code(() => checkStatusUpdate(ciso, DEFAULT_SCALE, { ...status, text: ' ' }))).toBe('invalid_input');
    expect(code(() => checkStatusUpdate(ciso, DEFAULT_SCALE, { ...status, statusDate: '2026-11-31' }))).toBe('invalid_input');
  });

  it('an activity patch moves the version on and refuses a stale one', () => {
    const after = applyActivityPatch(activity, { state: 'done', expectedVersion: 3 }, ctx(ciso));
    expect(after).toMatchObject({ state: 'done', version: 4, updatedBy: 'ciso', dueTo: '2025-Q2', text: activity.text });
    expect(code(() => applyActivityPatch(activity, { state: 'done', expectedVersion: 2 }, ctx(ciso)))).toBe('conflict');
    expect(code(() => applyActivityPatch(activity, { dueFrom: '2026-Q1' }, ctx(ciso)))).toBe('unprocessable');
    expect(applyActivityPatch(activity, { dueTo: null }, ctx(ciso)).dueTo).toBeNull();
  });

  it('an instruction patch checks the quarter', () => {
    const instruction: Instruction = {
      unitId: 'u',
      number: 5,
      code: 'IIFS 05',
      title: 'T',
      state: 'planned',
      plannedFrom: null,
      plannedQuarter: null,
      group: null,
      note: null,
      version: 1,
      updatedAt: '',
      updatedBy: '',
    };
    expect(applyInstructionPatch(instruction, { state: 'ongoing', plannedQuarter: '2027-Q1' }, ctx(ciso))).toMatchObject({
      state: 'ongoing',
      plannedQuarter: '2027-Q1',
      version: 2,
    });
    expect(code(() => applyInstructionPatch(instruction, { plannedQuarter: 'Q1 2027' }, ctx(ciso)))).toBe('invalid_input');
    const span = applyInstructionPatch(instruction, { state: 'notStated', plannedFrom: '2024-Q4', plannedQuarter: '2025-Q1' }, ctx(ciso));
    expect(span).toMatchObject({ state: 'notStated', plannedFrom: '2024-Q4', plannedQuarter: '2025-Q1' });
    expect(code(() => applyInstructionPatch(instruction, { plannedFrom: '2025-Q2', plannedQuarter: '2025-Q1' }, ctx(ciso)))).toBe(
      'unprocessable',
    );
    expect(code(() => applyInstructionPatch(instruction, { state: 'done' }, ctx(dpo)))).toBe('forbidden');
  });
});

describe('change events', () => {
  it('a write produces one change naming who, when, what, before and after', () => {
    const after = applyActivityPatch(activity, { state: 'ongoing' }, ctx(ciso));
    expect(changes.activityUpdated(activity, after, ctx(ciso))).toEqual({
      at: now.toISOString(),
      actorId: 'ciso',
      actorName: 'CISO',
      source: 'tab',
      unitId: 'u',
      year: null,
      kind: 'activity.updated',
      entityId: 'activity:7',
      controlPoint: 2,
      before: activity,
      after,
    });
  });

  it('status updates, assessments and instruction states are the status changes the channel hears about', () => {
    expect(changes.isStatusChange('status.added')).toBe(true);
    expect(changes.isStatusChange('assessment.added')).toBe(true);
    expect(changes.isStatusChange('instruction.updated')).toBe(true);
    expect(changes.isStatusChange('activity.created')).toBe(false);
    expect(changes.isStatusChange('seed.imported')).toBe(false);
  });
});

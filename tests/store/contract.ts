/**
 * The BoardStore contract: what every store (SQLite now, SharePoint in production) must do.
 * Call describeStoreContract from a spec with a factory that gives a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_UNITS, assessmentAdded, scaleChanged } from '../../src/domain/changes.js';
import { DomainError } from '../../src/domain/errors.js';
import type { BoardStore } from '../../src/store/port.js';
import { seedContext } from '../../src/store/open.js';
import { readSeedFile } from '../../src/store/seed.js';
import { at, ctx, UNIT } from './actors.js';

export interface StoreUnderTest {
  store: BoardStore;
  dispose(): Promise<void>;
}

async function rejectsWith(promise: Promise<unknown>, code: DomainError['code']): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

/**
 * A fresh store seeded with the 2023 report for every test of the calling describe block,
 * disposed after it. Read `.store` inside the tests.
 */
export function useSeededStore(make: () => Promise<StoreUnderTest>): { readonly store: BoardStore } {
  let subject: StoreUnderTest | undefined;
  beforeEach(async () => {
    subject = await make();
    await subject.store.importSeed(readSeedFile(), seedContext(at));
  });
  afterEach(async () => {
    await subject?.dispose();
  });
  return {
    get store() {
      if (!subject) throw new Error('the store exists only inside a test');
      return subject.store;
    },
  };
}

export function describeStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`BoardStore contract: ${name}`, () => {
    const seeded = useSeededStore(make);
    let store: BoardStore;
    beforeEach(() => {
      store = seeded.store;
    });

    describe('the seeded report', () => {
      it('holds the twelve control points with their Swedish titles, the focus areas and the DPO marks', async () => {
        const board = await store.getBoardData(UNIT);
        expect(board.unit).toEqual({
          id: UNIT,
          name: 'Intraservice',
          nameEn: 'Intraservice',
          organisation: 'Göteborgs Stad',
          archived: false,
          example: false,
          responsible: [],
          version: 1,
        });
        expect(board.year).toBe(2023);
        expect(board.controlPoints.map((c) => c.title)).toEqual([
          'Dataskyddsorganisation',
          'Personuppgiftsincidenter',
          'Biträdesavtal och andra överenskommelser',
          'Register över personuppgiftsbehandlingar',
          'Övergripande styrning av dataskyddsarbetet',
          'Utbildning',
          'Informationsplikt',
          'E-post och dokumenthantering',
          'Konsekvensbedömning/samråd',
          'IT-projekt och upphandling',
          'IT-system och digitala verktyg',
          'Hantering av registrerades rättigheter',
        ]);
        expect(board.focusAreas.map((f) => [f.controlPoint, f.focusYear])).toEqual([
          [1, 2024],
          [4, 2024],
          [7, 2024],
        ]);
        const level = (n: number) => board.assessments.find((a) => a.controlPoint === n)?.level;
        expect([level(1), level(2), level(6), level(9), level(10)]).toEqual([5, 4, 1, 3, 2]);
        expect(board.statusUpdates).toHaveLength(12);
        expect(board.statusUpdates.every((s) => s.statusDate === '2024-11-06')).toBe(true);
        expect(board.controlPoints.find((c) => c.number === 2)).toMatchObject({ workPackages: ['Incident'], expectedEnd: '2025-06-30' });
      });

      it('holds the action plan: 31 instructions, trainings, sub-projects and the project period', async () => {
        const plan = await store.getActionPlanData(UNIT);
        expect(plan.instructions).toHaveLength(31);
        expect(plan.instructions[0]).toMatchObject({ code: 'IIFS 01', title: 'Anvisning för Informationssäkerhet', state: 'done' });
        expect(plan.instructions.filter((i) => i.state === 'done').map((i) => i.number)).toEqual([1, 2, 3, 4]);
        expect(plan.instructions.filter((i) => i.state === 'ongoing').map((i) => i.number)).toEqual([10, 20, 24]);
        expect(plan.instructions[30]).toMatchObject({ code: 'IIFS 31', title: 'Anvisning för Hotunderrättelser' });
        expect(plan.project).toMatchObject({
          name: 'Etablera systematiskt informationssäkerhetsarbete',
          startDate: '2023-06-01',
          endDate: '2026-06-30',
        });
        expect(plan.trainings.filter((t) => t.state === 'done')).toHaveLength(4);
        expect(plan.subProjects.map((s) => s.name)).toEqual([
          'Ansvar/Roller/Mandat',
          'Kontinuitetshantering',
          'Systemstöd',
          'Projekt',
          'Säkerhetskontroller',
        ]);
      });

      it('reads the report as it states things (issue 12): not-stated instructions, periods of quarters, items that are neither', async () => {
        const plan = await store.getActionPlanData(UNIT);
        const ids = (state: string) => plan.instructions.filter((i) => i.state === state).map((i) => i.number);
        expect(ids('planned')).toEqual([]);
        expect(ids('notStated')).toHaveLength(24);
        expect(plan.instructions.find((i) => i.number === 10)).toMatchObject({
          plannedFrom: '2024-Q4',
          plannedQuarter: '2025-Q1',
          note: null,
        });
        expect(plan.instructions.filter((i) => i.group === 'Teknisk säkerhet').every((i) => i.state === 'notStated')).toBe(true);
        expect(plan.trainings.find((t) => t.title === 'Utbildningar')).toMatchObject({ plannedFrom: '2024-Q4', plannedQuarter: '2025-Q1' });
        expect(plan.items.map((i) => i.text)).toEqual([
          'Införande av PU-register och informationssäkerhetsdatabas',
          'Fortsatt uppdatering av anvisning för informationssäkerhet',
          '6 av 9 anvisningar inom Teknisk Säkerhet',
        ]);
        expect(plan.items[0]).toMatchObject({ periodFrom: '2024-Q4', periodTo: '2025-Q1', dueDate: '2024-12-31', instruction: null });
        expect(plan.items[1]).toMatchObject({ instruction: 1, dueDate: null });
        expect(plan.contact).toMatchObject({
          name: 'Anna (Anna-Lena) Björk',
          title: 'Chief Information Security Officer (CISO)',
          organisation: 'GÖTEBORGS STAD Intraservice',
          email: 'anna.bjork@intraservice.goteborg.se',
          version: 1,
        });
        const board = await store.getBoardData(UNIT);
        expect(board.activities.some((a) => a.text.includes('PU-register'))).toBe(false);
        expect(board.focusAreas.map((f) => [f.controlPoint, f.text?.split('\n').length ?? 0])).toEqual([
          [1, 0],
          [4, 0],
          [7, 4],
        ]);
      });

      it('a second import adds nothing and duplicates nothing', async () => {
        const before = await store.latestChangeSeq();
        const again = await store.importSeed(readSeedFile(), seedContext(at));
        expect(Object.values(again).every((n) => n === 0)).toBe(true);
        expect(await store.latestChangeSeq()).toBe(before);
        const board = await store.getBoardData(UNIT);
        expect(board.assessments).toHaveLength(12);
        expect(board.activities).toHaveLength(readSeedFile().activities.length);
      });

      it('a re-import keeps what people changed since', async () => {
        await store.updateInstruction(UNIT, 5, { state: 'done' }, ctx('ciso'));
        await store.importSeed(readSeedFile(), seedContext(at));
        const plan = await store.getActionPlanData(UNIT);
        expect(plan.instructions.find((i) => i.number === 5)?.state).toBe('done');
      });

      it('reports an unknown unit, year or control point as not found', async () => {
        await rejectsWith(store.getBoardData('nowhere'), 'not_found');
        await rejectsWith(store.getBoardData(UNIT, 1999), 'not_found');
        await rejectsWith(store.getControlPointData(UNIT, 13), 'not_found');
        await rejectsWith(store.listYears('nowhere'), 'not_found');
        expect(await store.listYears(UNIT)).toEqual([2023]);
      });
    });

    describe('assessments', () => {
      const input = { unitId: UNIT, year: 2023, controlPoint: 6, level: 2, comment: 'Utbildningsplan finns nu.' };

      it('the DPO appends an assessment; history is kept and one change is logged', async () => {
        const cursor = await store.latestChangeSeq();
        const saved = await store.addAssessment(input, ctx('dpo'));
        expect(saved).toMatchObject({ ...input, assessedBy: 'dpo', assessedByName: 'Dataskyddsombud', assessedAt: at.toISOString() });
        const detail = await store.getControlPointData(UNIT, 6);
        expect(detail.assessments.map((a) => a.level)).toEqual([1, 2]);
        const changes = await store.changesSince(cursor);
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatchObject({
          kind: 'assessment.added',
          actorId: 'dpo',
          controlPoint: 6,
          year: 2023,
          before: null,
          source: 'api',
        });
        expect(changes[0]?.after).toMatchObject({ level: 2, comment: input.comment });
        expect(detail.changes.map((c) => c.seq)).toContain(changes[0]?.seq);
      });

      it('only the DPO may assess, and a refused write stores nothing', async () => {
        const cursor = await store.latestChangeSeq();
        for (const who of ['ciso', 'editor', 'reader'] as const) await rejectsWith(store.addAssessment(input, ctx(who)), 'forbidden');
        expect(await store.changesSince(cursor)).toEqual([]);
        expect((await store.getControlPointData(UNIT, 6)).assessments).toHaveLength(1);
      });

      it('needs a level on the scale', async () => {
        const cursor = await store.latestChangeSeq();
        for (const level of [0, 6, 2.5, -1]) await rejectsWith(store.addAssessment({ ...input, level }, ctx('dpo')), 'level_off_scale');
        expect(await store.changesSince(cursor)).toEqual([]);
      });

      it('stores a repeated request once', async () => {
        const cursor = await store.latestChangeSeq();
        const first = await store.addAssessment(input, ctx('dpo', 'invoke-1'));
        const second = await store.addAssessment(input, ctx('dpo', 'invoke-1'));
        expect(second.id).toBe(first.id);
        expect(await store.changesSince(cursor)).toHaveLength(1);
      });

      it('refuses a year that was never started and a control point that does not exist', async () => {
        await rejectsWith(store.addAssessment({ ...input, year: 2031 }, ctx('dpo')), 'not_found');
        await rejectsWith(store.addAssessment({ ...input, controlPoint: 13 }, ctx('dpo')), 'not_found');
      });
    });

    describe('status updates', () => {
      const input = {
        unitId: UNIT,
        year: 2023,
        controlPoint: 4,
        statusDate: '2026-11-20',
        text: 'Nytt systemstöd i förvaltning.',
        unitLevel: 3,
      };

      it('the CISO and editors add status updates; the newest is the latest, the old one is kept', async () => {
        await store.addStatusUpdate(input, ctx('ciso'));
        await store.addStatusUpdate({ ...input, text: 'Registret är verifierat.', unitLevel: 4 }, ctx('editor'));
        const board = await store.getBoardData(UNIT);
        const ofFour = board.statusUpdates.filter((s) => s.controlPoint === 4);
        expect(ofFour.map((s) => s.text)).toEqual([
          expect.stringContaining('personuppgiftsregister'),
          input.text,
          'Registret är verifierat.',
        ]);
        expect(ofFour.at(-1)).toMatchObject({ author: 'editor', unitLevel: 4 });
      });

      it('the DPO and readers may not, and nothing is stored', async () => {
        const cursor = await store.latestChangeSeq();
        await rejectsWith(store.addStatusUpdate(input, ctx('dpo')), 'forbidden');
        await rejectsWith(store.addStatusUpdate(input, ctx('reader')), 'forbidden');
        expect(await store.changesSince(cursor)).toEqual([]);
      });

      it('checks the text, the date and the unit level', async () => {
        await rejectsWith(store.addStatusUpdate({ ...input, text: '   ' }, ctx('ciso')), 'invalid_input');
        await rejectsWith(store.addStatusUpdate({ ...input, statusDate: '2026-02-30' }, ctx('ciso')), 'invalid_input');
        await rejectsWith(store.addStatusUpdate({ ...input, unitLevel: 9 }, ctx('ciso')), 'level_off_scale');
        await rejectsWith(store.addStatusUpdate({ ...input, text: 'x'.repeat(8001) }, ctx('ciso')), 'invalid_input');
      });
    });

    describe('activities', () => {
      it('are created at the end of their control point and updated under a version check', async () => {
        const created = await store.createActivity(
          {
            unitId: UNIT,
            controlPoint: 7,
            text: 'Ny integritetspolicy beslutas',
            state: 'planned',
            dueFrom: '2027-Q1',
            dueTo: '2027-Q2',
            workPackage: 'Kund',
          },
          ctx('editor'),
        );
        expect(created.version).toBe(1);
        const detail = await store.getControlPointData(UNIT, 7);
        expect(detail.activities.at(-1)?.id).toBe(created.id);
        const updated = await store.updateActivity(UNIT, created.id, { state: 'ongoing', expectedVersion: 1 }, ctx('ciso'));
        expect(updated).toMatchObject({ state: 'ongoing', version: 2, updatedBy: 'ciso', text: created.text });
        await rejectsWith(store.updateActivity(UNIT, created.id, { state: 'done', expectedVersion: 1 }, ctx('ciso')), 'conflict');
        const changes = await store.changesSince(0);
        const last = changes.at(-1)!;
        expect(last).toMatchObject({ kind: 'activity.updated', entityId: `activity:${created.id}` });
        expect(last.before).toMatchObject({ state: 'planned' });
        expect(last.after).toMatchObject({ state: 'ongoing' });
      });

      it('refuses unknown activities, unknown work packages, reversed periods and readers', async () => {
        const base = { unitId: UNIT, controlPoint: 7, text: 'X', state: 'planned' as const, dueFrom: null, dueTo: null, workPackage: null };
        await rejectsWith(store.updateActivity(UNIT, 999_999, { state: 'done' }, ctx('ciso')), 'not_found');
        await rejectsWith(store.createActivity({ ...base, workPackage: 'Okänt' }, ctx('ciso')), 'unprocessable');
        await rejectsWith(store.createActivity({ ...base, dueFrom: '2027-Q3', dueTo: '2027-Q1' }, ctx('ciso')), 'unprocessable');
        await rejectsWith(store.createActivity(base, ctx('reader')), 'forbidden');
      });
    });

    describe('instructions and control point plans', () => {
      it('an instruction changes state with before and after in the log', async () => {
        const saved = await store.updateInstruction(UNIT, 10, { state: 'done', expectedVersion: 1 }, ctx('ciso'));
        expect(saved).toMatchObject({ code: 'IIFS 10', state: 'done', version: 2 });
        const [change] = await store.changesSince((await store.latestChangeSeq()) - 1);
        expect(change).toMatchObject({
          kind: 'instruction.updated',
          entityId: 'instruction:IIFS 10',
          before: { state: 'ongoing' },
          after: { state: 'done' },
        });
        await rejectsWith(store.updateInstruction(UNIT, 10, { state: 'planned', expectedVersion: 1 }, ctx('ciso')), 'conflict');
        await rejectsWith(store.updateInstruction(UNIT, 32, { state: 'done' }, ctx('ciso')), 'not_found');
        await rejectsWith(store.updateInstruction(UNIT, 11, { state: 'done' }, ctx('dpo')), 'forbidden');
      });

      it("a control point's work packages and expected end can be replanned", async () => {
        const saved = await store.updateControlPoint(UNIT, 7, { workPackages: ['Kund'], expectedEnd: '2027-06-30' }, ctx('ciso'));
        expect(saved).toMatchObject({ workPackages: ['Kund'], expectedEnd: '2027-06-30', version: 2 });
        await rejectsWith(store.updateControlPoint(UNIT, 7, { workPackages: ['Okänt'] }, ctx('ciso')), 'unprocessable');
        await rejectsWith(store.updateControlPoint(UNIT, 7, { expectedEnd: null }, ctx('reader')), 'forbidden');
      });
    });

    describe("the unit's contact", () => {
      it('the DPO changes it under a version check, with before and after in the log', async () => {
        const before = await store.latestChangeSeq();
        const changed = await store.updateContact(UNIT, { email: 'ciso@intraservice.goteborg.se', expectedVersion: 1 }, ctx('dpo'));
        expect(changed).toMatchObject({
          name: 'Anna (Anna-Lena) Björk',
          email: 'ciso@intraservice.goteborg.se',
          version: 2,
          updatedBy: 'dpo',
        });
        expect((await store.getActionPlanData(UNIT)).contact).toMatchObject({ email: 'ciso@intraservice.goteborg.se', version: 2 });
        const [change] = await store.changesSince(before);
        expect(change).toMatchObject({ kind: 'contact.updated', entityId: `contact:${UNIT}`, actorId: 'dpo' });
        expect(change?.before).toMatchObject({ email: 'anna.bjork@intraservice.goteborg.se' });
        await rejectsWith(store.updateContact(UNIT, { name: 'X', expectedVersion: 1 }, ctx('dpo')), 'conflict');
      });

      it('only the DPO may, an address must be one, and a refused write stores nothing', async () => {
        const before = await store.latestChangeSeq();
        await rejectsWith(store.updateContact(UNIT, { name: 'CISO' }, ctx('ciso')), 'forbidden');
        await rejectsWith(store.updateContact(UNIT, { name: 'Läsare' }, ctx('reader')), 'forbidden');
        await rejectsWith(store.updateContact(UNIT, { email: 'not an address' }, ctx('dpo')), 'invalid_input');
        await rejectsWith(store.updateContact(UNIT, { name: ' ' }, ctx('dpo')), 'invalid_input');
        await rejectsWith(store.updateContact('nowhere', { name: 'N', email: 'n@example.org' }, ctx('dpo')), 'not_found');
        expect(await store.latestChangeSeq()).toBe(before);
        expect((await store.getActionPlanData(UNIT)).contact?.version).toBe(1);
      });
    });

    describe("the action plan's own items (åtgärder)", () => {
      const item = {
        unitId: UNIT,
        text: 'Införande av loggningsrutin',
        state: 'planned' as const,
        periodFrom: '2025-Q2',
        periodTo: '2025-Q3',
        dueDate: '2025-09-30',
        instruction: 7,
      };

      it('the CISO adds one, last in the plan, with one actionPlanItem.created change; a repeated request adds nothing', async () => {
        const before = await store.latestChangeSeq();
        const created = await store.createActionPlanItem(item, ctx('ciso', 'req-item-1'));
        expect(created).toMatchObject({ ...item, version: 1, updatedBy: 'ciso', updatedAt: at.toISOString() });
        const plan = await store.getActionPlanData(UNIT);
        expect(plan.items.map((i) => i.text)).toEqual([
          'Införande av PU-register och informationssäkerhetsdatabas',
          'Fortsatt uppdatering av anvisning för informationssäkerhet',
          '6 av 9 anvisningar inom Teknisk Säkerhet',
          'Införande av loggningsrutin',
        ]);
        expect(plan.items.at(-1)).toEqual(created);
        const again = await store.createActionPlanItem(item, ctx('ciso', 'req-item-1'));
        expect(again.id).toBe(created.id);
        expect((await store.getActionPlanData(UNIT)).items).toHaveLength(4);
        const log = await store.changesSince(before);
        expect(log.map((c) => [c.kind, c.entityId, c.actorId])).toEqual([
          ['actionPlanItem.created', `actionPlanItem:${created.id}`, 'ciso'],
        ]);
        expect(log[0]?.after).toMatchObject({ text: item.text, state: 'planned' });
      });

      it('an editor changes one under its version, before and after in the log; a stale version is a conflict', async () => {
        const [first] = (await store.getActionPlanData(UNIT)).items;
        const before = await store.latestChangeSeq();
        const changed = await store.updateActionPlanItem(
          UNIT,
          first!.id,
          { state: 'done', periodTo: '2025-Q2', dueDate: null, expectedVersion: first!.version },
          ctx('editor'),
        );
        expect(changed).toMatchObject({
          id: first!.id,
          text: first!.text,
          state: 'done',
          periodFrom: '2024-Q4',
          periodTo: '2025-Q2',
          dueDate: null,
          version: first!.version + 1,
          updatedBy: 'editor',
        });
        expect((await store.getActionPlanData(UNIT)).items[0]).toEqual(changed);
        const [change] = await store.changesSince(before);
        expect(change).toMatchObject({ kind: 'actionPlanItem.updated', entityId: `actionPlanItem:${first!.id}`, actorId: 'editor' });
        expect(change?.before).toMatchObject({ state: first!.state, dueDate: '2024-12-31' });
        expect(change?.after).toMatchObject({ state: 'done', dueDate: null });
        await rejectsWith(
          store.updateActionPlanItem(UNIT, first!.id, { state: 'ongoing', expectedVersion: first!.version }, ctx('ciso')),
          'conflict',
        );
      });

      it('the DPO and readers may not; bad input and unknown items or instructions are refused; nothing is stored', async () => {
        const [first] = (await store.getActionPlanData(UNIT)).items;
        const before = await store.latestChangeSeq();
        await rejectsWith(store.createActionPlanItem(item, ctx('dpo')), 'forbidden');
        await rejectsWith(store.createActionPlanItem(item, ctx('reader')), 'forbidden');
        await rejectsWith(store.updateActionPlanItem(UNIT, first!.id, { state: 'done' }, ctx('reader')), 'forbidden');
        await rejectsWith(store.createActionPlanItem({ ...item, text: '  ' }, ctx('ciso')), 'invalid_input');
        await rejectsWith(
          store.createActionPlanItem({ ...item, periodFrom: '2025-Q4', periodTo: '2025-Q1' }, ctx('ciso')),
          'unprocessable',
        );
        await rejectsWith(store.createActionPlanItem({ ...item, dueDate: '2025-02-30' }, ctx('ciso')), 'invalid_input');
        await rejectsWith(store.createActionPlanItem({ ...item, instruction: 99 }, ctx('ciso')), 'unprocessable');
        await rejectsWith(store.createActionPlanItem({ ...item, unitId: 'nowhere' }, ctx('ciso')), 'not_found');
        await rejectsWith(store.updateActionPlanItem(UNIT, 999_999, { state: 'done' }, ctx('ciso')), 'not_found');
        await rejectsWith(store.updateActionPlanItem('nowhere', first!.id, { state: 'done' }, ctx('ciso')), 'not_found');
        await rejectsWith(store.updateActionPlanItem(UNIT, first!.id, { periodFrom: 'Q5' }, ctx('ciso')), 'invalid_input');
        expect(await store.latestChangeSeq()).toBe(before);
        expect((await store.getActionPlanData(UNIT)).items[0]).toEqual(first);
      });
    });

    describe('instructions the report names no state for', () => {
      it('take a state and a period of quarters, and can be set back to not stated', async () => {
        const set = await store.updateInstruction(
          UNIT,
          12,
          { state: 'ongoing', plannedFrom: '2025-Q1', plannedQuarter: '2025-Q2' },
          ctx('ciso'),
        );
        expect(set).toMatchObject({ state: 'ongoing', plannedFrom: '2025-Q1', plannedQuarter: '2025-Q2' });
        const back = await store.updateInstruction(UNIT, 12, { state: 'notStated', plannedFrom: null }, ctx('ciso'));
        expect(back).toMatchObject({ state: 'notStated', plannedFrom: null, plannedQuarter: '2025-Q2' });
        expect((await store.getActionPlanData(UNIT)).instructions.find((i) => i.number === 12)).toMatchObject(back);
      });
    });

    describe('the change log', () => {
      it('reads changes since a cursor, oldest first, with a limit', async () => {
        const cursor = await store.latestChangeSeq();
        for (const level of [1, 2, 3]) {
          await store.addAssessment({ unitId: UNIT, year: 2023, controlPoint: 1, level, comment: '' }, ctx('dpo'));
        }
        const all = await store.changesSince(cursor);
        expect(all.map((c) => (c.after as { level: number }).level)).toEqual([1, 2, 3]);
        expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
        expect(await store.changesSince(cursor, 2)).toHaveLength(2);
        expect(await store.changesSince(all.at(-1)!.seq)).toEqual([]);
        expect(await store.latestChangeSeq()).toBe(all.at(-1)!.seq);
      });

      it('logs the change of a setting (scale.changed) in order with the rest, and nothing else that way', async () => {
        const cursor = await store.latestChangeSeq();
        const facts = { count: 5, direction: 'lowLeft' as const, labels: null };
        const turned = scaleChanged(facts, { ...facts, direction: 'lowRight', version: 1, remapped: 0 }, ctx('dpo'));
        const logged = await store.logSettingChange(turned);
        expect(logged.seq).toBeGreaterThan(cursor);
        expect(await store.changesSince(cursor)).toEqual([logged]);
        expect(logged).toMatchObject({ kind: 'scale.changed', unitId: ALL_UNITS, actorId: 'dpo', after: { direction: 'lowRight' } });
        const assessment = { unitId: UNIT, year: 2023, controlPoint: 1, level: 1, comment: '' };
        const added = { ...assessment, id: 1, assessedBy: 'x', assessedByName: 'X', assessedAt: at.toISOString() };
        const notASetting = assessmentAdded(added, ctx('dpo'));
        await expect(store.logSettingChange(notASetting)).rejects.toThrow(RangeError);
        expect(await store.latestChangeSeq()).toBe(logged.seq);
      });
    });
  });
}

/**
 * The units contract (issue 14 item 1, src/domain/units.ts): how every BoardStore creates, renames, re-staffs,
 * archives and restores a unit, as the server opens it: behind the write guard (src/store/guarded.ts), which
 * refuses every write to an archived unit. Call describeUnitsContract from a spec with a factory that gives a
 * fresh, empty store; each test seeds it with the 2023 report first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Unit } from '../../src/domain/model.js';
import type { Actor } from '../../src/domain/roles.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { FIXED_CONTROL_POINTS, type NewUnit } from '../../src/domain/units.js';
import { guardOpenYear } from '../../src/store/guarded.js';
import type { BoardStore } from '../../src/store/port.js';
import { at, UNIT } from './actors.js';
import { useSeededStore, type StoreUnderTest } from './contract.js';

const people = {
  admin: { id: 'admin', displayName: 'Administratör', roles: ['admin'], grants: [{ role: 'admin', units: '*' }] },
  dpo: { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo'], grants: [{ role: 'dpo', units: [UNIT] }] },
  otherDpo: { id: 'dpo-2', displayName: 'Annat ombud', roles: ['dpo'], grants: [{ role: 'dpo', units: ['kultur'] }] },
  ciso: { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso', units: '*' }] },
} satisfies Record<string, Actor>;

const as = (who: keyof typeof people, requestId?: string): WriteContext => ({
  actor: people[who],
  source: 'api',
  now: at,
  ...(requestId ? { requestId } : {}),
});

const kultur: NewUnit = {
  id: 'kultur',
  name: 'Kulturförvaltningen',
  nameEn: 'Culture Administration',
  organisation: 'Göteborgs Stad',
  responsible: [
    { role: 'dpo', name: 'Dana Ombud', email: 'Dana.Ombud@example.se' },
    { role: 'ciso', name: 'Cia So', email: 'cia.so@example.se', aadObjectId: '6f1c2d3e-0000-4000-8000-000000000001' },
  ],
};

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return null;
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

export function describeUnitsContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`BoardStore units: ${name}`, () => {
    const seeded = useSeededStore(make);
    let store: BoardStore;
    beforeEach(() => {
      store = guardOpenYear(seeded.store);
    });
    const unitOf = async (id: string): Promise<Unit | undefined> => (await store.listUnits()).find((u) => u.id === id);

    it('lists the seeded report’s unit with its English name, not archived, not an example, at version 1', async () => {
      expect(await store.listUnits()).toEqual([
        {
          id: UNIT,
          name: 'Intraservice',
          nameEn: 'Intraservice',
          organisation: 'Göteborgs Stad',
          archived: false,
          example: false,
          responsible: [],
          version: 1,
        },
      ]);
    });

    it('an administrator creates a unit: its first year (the current one) with the twelve fixed control points, no marks, one unit.created', async () => {
      const seq = await store.latestChangeSeq();
      const created = await store.createUnit(kultur, as('admin'));
      const expected: Unit = {
        id: 'kultur',
        name: 'Kulturförvaltningen',
        nameEn: 'Culture Administration',
        organisation: 'Göteborgs Stad',
        archived: false,
        example: false,
        responsible: [
          { role: 'dpo', name: 'Dana Ombud', email: 'dana.ombud@example.se' },
          { role: 'ciso', name: 'Cia So', email: 'cia.so@example.se', aadObjectId: '6f1c2d3e-0000-4000-8000-000000000001' },
        ],
        version: 1,
      };
      expect(created).toEqual(expected);
      expect(await unitOf('kultur')).toEqual(expected);
      expect(await store.listYears('kultur')).toEqual([at.getUTCFullYear()]);
      const board = await store.getBoardData('kultur');
      expect(board.unit).toEqual(expected);
      expect(board.controlPoints.map((c) => ({ number: c.number, title: c.title }))).toEqual(FIXED_CONTROL_POINTS);
      expect(board.controlPoints.every((c) => c.owner === 'CISO Kulturförvaltningen' && c.workPackages.length === 0)).toBe(true);
      expect(board.assessments).toEqual([]);
      expect(board.statusUpdates).toEqual([]);
      expect(board.activities).toEqual([]);
      expect(board.focusAreas).toEqual([]);
      const logged = await store.changesSince(seq);
      expect(logged.map((c) => [c.kind, c.unitId, c.entityId, c.year])).toEqual([['unit.created', 'kultur', 'unit:kultur', 2026]]);
      expect(logged[0]!.after).toEqual(expected);
      // The seeded unit is untouched.
      expect((await unitOf(UNIT))?.version).toBe(1);
    });

    it('starts the year asked for, and a repeated request answers the first without a second unit or change', async () => {
      const seq = await store.latestChangeSeq();
      const first = await store.createUnit({ ...kultur, year: 2025 }, as('admin', 'req-1'));
      const again = await store.createUnit({ ...kultur, year: 2025 }, as('admin', 'req-1'));
      expect(again).toEqual(first);
      expect(await store.listYears('kultur')).toEqual([2025]);
      expect(await store.changesSince(seq)).toHaveLength(1);
      expect((await store.listUnits()).map((u) => u.id).sort()).toEqual([UNIT, 'kultur']);
    });

    it('refuses a taken id, a bad id, empty names, a bad e-mail and an unknown role; nothing is stored', async () => {
      const seq = await store.latestChangeSeq();
      expect(await codeOf(store.createUnit({ ...kultur, id: UNIT }, as('admin')))).toBe('unit_exists');
      for (const id of ['K', 'kultur förvaltning', '-kultur', 'x', 'å-unit', 'a'.repeat(41)]) {
        expect(await codeOf(store.createUnit({ ...kultur, id }, as('admin')))).toBe('invalid_input');
      }
      expect(await codeOf(store.createUnit({ ...kultur, name: '  ' }, as('admin')))).toBe('invalid_input');
      expect(await codeOf(store.createUnit({ ...kultur, nameEn: '' }, as('admin')))).toBe('invalid_input');
      const badMail = [{ role: 'ciso' as const, name: 'Cia', email: 'cia at example' }];
      expect(await codeOf(store.createUnit({ ...kultur, responsible: badMail }, as('admin')))).toBe('invalid_input');
      const badRole = [{ role: 'boss' as unknown as 'ciso', name: 'Cia', email: 'cia@example.se' }];
      expect(await codeOf(store.createUnit({ ...kultur, responsible: badRole }, as('admin')))).toBe('invalid_input');
      expect((await store.listUnits()).map((u) => u.id)).toEqual([UNIT]);
      expect(await store.changesSince(seq)).toEqual([]);
    });

    it('creating needs manageUnits in every unit: a DPO of one unit, a CISO may not', async () => {
      expect(await codeOf(store.createUnit(kultur, as('dpo')))).toBe('forbidden');
      expect(await codeOf(store.createUnit(kultur, as('ciso')))).toBe('forbidden');
      expect(await unitOf('kultur')).toBeUndefined();
    });

    it('the unit’s DPO renames it and names its people under its version; one unit.updated with before and after', async () => {
      const seq = await store.latestChangeSeq();
      const responsible = [{ role: 'editor' as const, name: 'Eddie Tor', email: 'eddie@example.se' }];
      const after = await store.updateUnit(UNIT, { nameEn: 'Intraservice Administration', responsible, expectedVersion: 1 }, as('dpo'));
      expect(after).toMatchObject({ id: UNIT, name: 'Intraservice', nameEn: 'Intraservice Administration', responsible, version: 2 });
      expect(await unitOf(UNIT)).toEqual(after);
      const [change] = await store.changesSince(seq);
      expect(change).toMatchObject({ kind: 'unit.updated', unitId: UNIT, entityId: `unit:${UNIT}`, actorId: 'dpo' });
      expect(change!.before).toMatchObject({ nameEn: 'Intraservice', version: 1, responsible: [] });
      expect(change!.after).toEqual(after);
      // People are replaced as a whole, in order; fewer people remove the rest.
      const two = [
        { role: 'ciso' as const, name: 'Cia So', email: 'cia.so@example.se' },
        { role: 'reader' as const, name: 'Ria Der', email: 'ria@example.se' },
      ];
      await store.updateUnit(UNIT, { responsible: two, expectedVersion: 2 }, as('admin'));
      expect((await unitOf(UNIT))?.responsible).toEqual(two);
      await store.updateUnit(UNIT, { responsible: [two[1]!], expectedVersion: 3 }, as('admin'));
      expect((await unitOf(UNIT))?.responsible).toEqual([two[1]]);
    });

    it('refuses a stale version, another unit’s DPO, a CISO and an unknown unit; nothing is stored', async () => {
      const seq = await store.latestChangeSeq();
      expect(await codeOf(store.updateUnit(UNIT, { name: 'Ny', expectedVersion: 7 }, as('dpo')))).toBe('conflict');
      expect(await codeOf(store.updateUnit(UNIT, { name: 'Ny', expectedVersion: 1 }, as('otherDpo')))).toBe('forbidden');
      expect(await codeOf(store.updateUnit(UNIT, { name: 'Ny', expectedVersion: 1 }, as('ciso')))).toBe('forbidden');
      expect(await codeOf(store.updateUnit('okand', { name: 'Ny', expectedVersion: 1 }, as('admin')))).toBe('not_found');
      expect(await codeOf(store.updateUnit(UNIT, { name: '', expectedVersion: 1 }, as('dpo')))).toBe('invalid_input');
      expect((await unitOf(UNIT))?.name).toBe('Intraservice');
      expect(await store.changesSince(seq)).toEqual([]);
    });

    it('an archived unit keeps its history, refuses every write, and takes writes again once restored', async () => {
      const seq = await store.latestChangeSeq();
      const archived = await store.updateUnit(UNIT, { archived: true, expectedVersion: 1 }, as('dpo'));
      expect(archived).toMatchObject({ archived: true, version: 2 });
      const [change] = await store.changesSince(seq);
      expect(change).toMatchObject({ kind: 'unit.archived', unitId: UNIT });
      // Still listed, still readable: every record kept.
      expect(await unitOf(UNIT)).toMatchObject({ archived: true });
      const board = await store.getBoardData(UNIT);
      expect(board.assessments).toHaveLength(12);
      expect(board.unit.archived).toBe(true);

      const cisoOfAll = as('ciso');
      const dpoOfAll: WriteContext = { ...cisoOfAll, actor: { ...people.dpo, grants: [{ role: 'dpo', units: '*' }] } };
      const writes: [string, Promise<unknown>][] = [
        ['assessment', store.addAssessment({ unitId: UNIT, year: 2023, controlPoint: 1, level: 3, comment: '' }, dpoOfAll)],
        [
          'status',
          store.addStatusUpdate(
            { unitId: UNIT, year: 2023, controlPoint: 1, statusDate: '2026-11-28', text: 'Ny', unitLevel: null },
            cisoOfAll,
          ),
        ],
        [
          'activity',
          store.createActivity(
            { unitId: UNIT, controlPoint: 1, text: 'Ny', state: 'planned', dueFrom: null, dueTo: null, workPackage: null },
            cisoOfAll,
          ),
        ],
        ['instruction', store.updateInstruction(UNIT, 1, { state: 'done' }, cisoOfAll)],
        ['contact', store.updateContact(UNIT, { name: 'Ny' }, dpoOfAll)],
        ['year', store.startYear({ unitId: UNIT }, cisoOfAll)],
        [
          'evidence',
          store.evidence.add(
            { unitId: UNIT, controlPoint: 1, title: 'Policy', url: 'https://example.se/policy', kind: 'policy', date: '2026-11-01' },
            cisoOfAll,
          ),
        ],
        ['rename', store.updateUnit(UNIT, { name: 'Ny', expectedVersion: 2 }, as('dpo'))],
      ];
      for (const [what, write] of writes) expect([what, await codeOf(write)]).toEqual([what, 'unit_archived']);
      expect(await store.changesSince(seq)).toHaveLength(1);
      expect(await store.listYears(UNIT)).toEqual([2023]);

      const restored = await store.updateUnit(UNIT, { archived: false, expectedVersion: 2 }, as('dpo'));
      expect(restored).toMatchObject({ archived: false, version: 3 });
      expect((await store.changesSince(seq)).map((c) => c.kind)).toEqual(['unit.archived', 'unit.updated']);
      await store.addStatusUpdate(
        { unitId: UNIT, year: 2023, controlPoint: 1, statusDate: '2026-11-28', text: 'Åter', unitLevel: null },
        cisoOfAll,
      );
      expect((await store.getBoardData(UNIT)).statusUpdates).toHaveLength(13);
    });
  });
}

/**
 * The roles-per-unit contract (issue 14 item 2, src/domain/roles.ts): every BoardStore refuses a write to a
 * unit the writer holds no role in, whichever entity it is, and stores nothing; the same writes pass in the
 * writer's own unit. The stores call the domain rules with the unit they write (authorize(actor, permission,
 * unitId)), so no caller (the API, the bot, a status request's answer) can write a unit by naming it.
 * Call describeUnitRolesContract from a spec with a factory that gives a fresh, empty store.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { answerStatusRequest } from '../../src/store/status-requests.js';
import type { BoardStore } from '../../src/store/port.js';
import { at, UNIT as A } from './actors.js';
import { useSeededStore, type StoreUnderTest } from './contract.js';

const B = 'exempel-01';

const people = {
  admin: { id: 'admin', displayName: 'Administratör', roles: ['admin'], grants: [{ role: 'admin', units: '*' }] },
  cisoA: { id: 'ciso-a', displayName: 'CISO A', roles: ['ciso'], grants: [{ role: 'ciso', units: [A] }] },
  dpoA: { id: 'dpo-a', displayName: 'DPO A', roles: ['dpo'], grants: [{ role: 'dpo', units: [A] }] },
  cisoB: { id: 'ciso-b', displayName: 'CISO B', roles: ['ciso'], grants: [{ role: 'ciso', units: [B] }] },
  dpoB: { id: 'dpo-b', displayName: 'DPO B', roles: ['dpo'], grants: [{ role: 'dpo', units: [B] }] },
} satisfies Record<string, Actor>;
const as = (who: keyof typeof people): WriteContext => ({ actor: people[who], source: 'api', now: at });

/** What a unit holds, to compare before and after refused writes. */
async function contentsOf(store: BoardStore, unit: string) {
  return {
    board: await store.getBoardData(unit),
    plan: await store.getActionPlanData(unit),
    evidence: await store.evidence.list(unit, 4),
    years: await store.listYears(unit),
    requests: store.statusRequests ? await store.statusRequests.listOpen(unit) : [],
  };
}

/** Every kind of write of one unit, by the CISO or the DPO of `side`'s own unit (A) or of B. */
function writes(store: BoardStore, unit: string, ids: { activity: number; item: number; evidence: string; request: string | null }) {
  const cisoOf = unit === A ? 'cisoA' : 'cisoB';
  return {
    status: (who: keyof typeof people) =>
      store
        .listYears(unit)
        .then((years) =>
          store.addStatusUpdate(
            { unitId: unit, year: years.at(-1)!, controlPoint: 4, statusDate: '2026-11-28', text: 'Status', unitLevel: null },
            as(who),
          ),
        ),
    assessment: (who: keyof typeof people) =>
      store
        .listYears(unit)
        .then((years) => store.addAssessment({ unitId: unit, year: years.at(-1)!, controlPoint: 4, level: 2, comment: '' }, as(who))),
    activity: (who: keyof typeof people) =>
      store.createActivity(
        { unitId: unit, controlPoint: 4, text: 'Aktivitet', state: 'planned', dueFrom: null, dueTo: null, workPackage: null },
        as(who),
      ),
    activityChange: (who: keyof typeof people) => store.updateActivity(unit, ids.activity, { state: 'ongoing' }, as(who)),
    controlPoint: (who: keyof typeof people) => store.updateControlPoint(unit, 4, { expectedEnd: '2027-06-30' }, as(who)),
    planItem: (who: keyof typeof people) =>
      store.createActionPlanItem(
        { unitId: unit, text: 'Åtgärd', state: 'planned', periodFrom: null, periodTo: null, dueDate: null, instruction: null },
        as(who),
      ),
    planItemChange: (who: keyof typeof people) => store.updateActionPlanItem(unit, ids.item, { state: 'done' }, as(who)),
    contact: (who: keyof typeof people) => store.updateContact(unit, { name: 'Kim Kontakt', email: 'kim@example.invalid' }, as(who)),
    evidence: (who: keyof typeof people) =>
      store.evidence.add(
        { unitId: unit, controlPoint: 4, title: 'Rutin', url: 'https://example.org/r', kind: 'routine', date: '2026-11-01' },
        as(who),
      ),
    evidenceRemoval: (who: keyof typeof people) => store.evidence.remove(unit, ids.evidence, as(who)),
    statusRequest: (who: keyof typeof people) =>
      store
        .listYears(unit)
        .then((years) =>
          store.statusRequests!.create(
            { unitId: unit, year: years.at(-1)!, controlPoint: 4, askedId: 'x', askedName: 'X', dueDate: '2026-12-05' },
            as(who),
          ),
        ),
    statusAnswer: (who: keyof typeof people) =>
      answerStatusRequest(
        {
          addStatusUpdate: (input, ctx) => store.addStatusUpdate(input, ctx),
          appState: store.appState,
          statusRequests: store.statusRequests!,
        },
        unit,
        ids.request!,
        { text: 'Svar', unitLevel: null },
        as(who),
      ),
    startYear: (who: keyof typeof people) => store.startYear({ unitId: unit }, as(who)),
    cisoOf,
  };
}

export function describeUnitRolesContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`roles per unit contract: ${name}`, () => {
    const seeded = useSeededStore(make);
    let store: BoardStore;
    const inA = { activity: 0, item: 0, evidence: '', request: null as string | null };
    const inB = { activity: 0, item: 0, evidence: '', request: null as string | null };

    beforeEach(async () => {
      store = seeded.store;
      await store.createUnit(
        { id: B, name: 'Exempel 01 – Kultur', nameEn: 'Example 01 – Culture', organisation: 'Göteborgs Stad' },
        as('admin'),
      );
      for (const [unit, ids, ciso, dpo] of [
        [A, inA, 'cisoA', 'dpoA'],
        [B, inB, 'cisoB', 'dpoB'],
      ] as const) {
        const w = writes(store, unit, ids);
        ids.activity = (await w.activity(ciso)).id;
        ids.item = (await w.planItem(ciso)).id;
        ids.evidence = (await w.evidence(ciso)).id;
        ids.request = store.statusRequests ? (await w.statusRequest(dpo)).id : null;
      }
    });

    it("refuses the CISO and the DPO of A every write of B's, and stores nothing", async () => {
      const before = await contentsOf(store, B);
      const seq = await store.latestChangeSeq();
      const w = writes(store, B, inB);
      const tries: [string, () => Promise<unknown>][] = [
        ['status', () => w.status('cisoA')],
        ['assessment', () => w.assessment('dpoA')],
        ['activity', () => w.activity('cisoA')],
        ['activity change', () => w.activityChange('cisoA')],
        ['control point', () => w.controlPoint('cisoA')],
        ['action-plan item', () => w.planItem('cisoA')],
        ['action-plan item change', () => w.planItemChange('cisoA')],
        ['contact', () => w.contact('dpoA')],
        ['evidence', () => w.evidence('cisoA')],
        ['evidence removal', () => w.evidenceRemoval('cisoA')],
        ['start year', () => w.startYear('cisoA')],
        ...(store.statusRequests
          ? ([
              ['status request', () => w.statusRequest('cisoA')],
              ['status request answer', () => w.statusAnswer('cisoA')],
            ] as [string, () => Promise<unknown>][])
          : []),
      ];
      for (const [what, write] of tries) await expect(write(), what).rejects.toMatchObject({ code: 'forbidden' });
      expect(await contentsOf(store, B)).toEqual(before);
      expect(await store.latestChangeSeq()).toBe(seq);
    });

    it('lets them make the same writes in A', async () => {
      const w = writes(store, A, inA);
      await w.status('cisoA');
      await w.assessment('dpoA');
      await w.activity('cisoA');
      await w.activityChange('cisoA');
      await w.controlPoint('cisoA');
      await w.planItemChange('cisoA');
      await w.contact('dpoA');
      await w.evidenceRemoval('cisoA');
      if (store.statusRequests) await w.statusAnswer('cisoA');
      await w.startYear('cisoA');
      expect((await store.listYears(A)).length).toBe(2);
    });
  });
}

/**
 * Roles per unit on the direct-edit path (issue 14 item 2): people edit the SharePoint lists
 * themselves, and the delta sync checks each edit against the editor's grants in the unit the item
 * is in. A CISO of unit A who edits unit B's item is refused and the item put back (one edit.refused,
 * never the change itself); a row added under B's UnitKey is refused and removed; changing an item's
 * UnitKey (a move) is checked in both units. Against the local Graph test server, as a SharePoint user
 * would edit (listItem delta: https://learn.microsoft.com/en-us/graph/api/listitem-delta;
 * update an item: https://learn.microsoft.com/en-us/graph/api/listitem-update).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/roles.js';
import type { WriteContext } from '../../../src/domain/rules.js';
import { LocalDirectory, localIdentity } from '../../../src/identity/index.js';
import { seedContext } from '../../../src/store/open.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import type { Identity } from '../../graph/graph-test-server.js';
import { startHarness, type Harness } from './harness.js';

const A = 'intraservice';
const B = 'exempel-01';
const at = new Date('2026-11-28T10:00:00Z');

/** SharePoint editors, and the demo directory that gives them roles per unit (by Entra object id). */
const anna: Identity = { id: 'aad-anna', displayName: 'Anna Svensson' }; // CISO of A
const bo: Identity = { id: 'aad-bo', displayName: 'Bo Berg' }; // CISO of B
const cia: Identity = { id: 'aad-cia', displayName: 'Cia Cederlund' }; // CISO of A and B
const dag: Identity = { id: 'aad-dag', displayName: 'Dag Dataskydd' }; // DPO of every unit
const identity = localIdentity(
  new LocalDirectory([
    { id: 'anna', displayName: 'Anna Svensson', aadObjectId: 'aad-anna', roles: ['ciso'], units: [A] },
    { id: 'bo', displayName: 'Bo Berg', aadObjectId: 'aad-bo', roles: ['ciso'], units: [B] },
    { id: 'cia', displayName: 'Cia Cederlund', aadObjectId: 'aad-cia', roles: ['ciso'], units: [A, B] },
    { id: 'dag', displayName: 'Dag Dataskydd', aadObjectId: 'aad-dag', roles: ['dpo'], units: '*' },
    { id: 'admin', displayName: 'Administratör', roles: ['admin'] },
  ]),
);

describe('direct edits in SharePoint, per unit', () => {
  let h: Harness;
  let sync: DirectEditSync;
  let bActivity: number;

  const item = (list: string, pred: (f: Record<string, unknown>) => boolean) => {
    const found = h.server.items(list).find((i) => pred(i.fields));
    if (!found) throw new Error(`no matching item in ${list}`);
    return found;
  };
  const fieldsOf = (list: string, id: string | number) => h.server.items(list).find((i) => String(i.id) === String(id))!.fields;
  const as = async (id: string): Promise<WriteContext> => ({
    actor: (await identity.fromRequest({ get: () => id })) as Actor,
    source: 'api',
    now: at,
  });

  beforeEach(async () => {
    h = await startHarness({ pageSize: 7 });
    await h.store.importSeed(readSeedFile(), seedContext(at));
    await h.store.createUnit(
      { id: B, name: 'Exempel 01 – Kultur', nameEn: 'Example 01 – Culture', organisation: 'Göteborgs Stad' },
      await as('admin'),
    );
    const created = await h.store.createActivity(
      { unitId: B, controlPoint: 4, text: 'B:s aktivitet', state: 'planned', dueFrom: null, dueTo: null, workPackage: null },
      await as('bo'),
    );
    bActivity = created.id;
    sync = new DirectEditSync(h.data, new SharePointAppState(h.data), (editor) => identity.fromSharePointEditor(editor));
    expect((await sync.syncOnce()).recorded).toBe(0);
  });
  afterEach(async () => h.dispose());

  it("a CISO of A who edits B's activity is refused: put back as it was, one edit.refused in B naming her, nothing else", async () => {
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit('DPO Aktiviteter', bActivity, { State: 'Klar', ActivityText: 'Annas ändring' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await h.store.changesSince(cursor);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'edit.refused',
      unitId: B,
      actorId: 'anna',
      after: { what: 'activity', action: 'edit', reason: { en: expect.stringMatching(/may not/) } },
    });
    expect(fieldsOf('DPO Aktiviteter', bActivity)).toMatchObject({ ActivityText: 'B:s aktivitet', UnitKey: B });
    const board = await h.store.getBoardData(B);
    expect(board.activities.find((a) => a.id === bActivity)).toMatchObject({ text: 'B:s aktivitet', state: 'planned' });
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it("B's own CISO makes the same edit: one activity.updated in B", async () => {
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit('DPO Aktiviteter', bActivity, { ActivityText: 'Bos ändring' }, bo);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(await h.store.changesSince(cursor)).toMatchObject([{ kind: 'activity.updated', unitId: B, actorId: 'bo' }]);
  });

  it("a status row added under B's UnitKey by a CISO of A is refused and removed; under A's it is taken", async () => {
    const row = (unit: string, text: string) => ({
      Title: 'KP 4',
      UnitKey: unit,
      Year: unit === A ? 2023 : (item('DPO Rapportår', (f) => f.UnitKey === B).fields.Year as number),
      ControlPointLookupId: String(item('DPO Kontrollpunkter', (f) => f.UnitKey === unit && f.Number === 4).id),
      StatusDate: '2026-11-20T23:00:00Z',
      StatusText: text,
    });
    const cursor = await h.store.latestChangeSeq();
    const refused = h.server.userCreate('DPO Statusuppdateringar', row(B, 'Anna skriver i B'), anna);
    h.server.userCreate('DPO Statusuppdateringar', row(A, 'Anna skriver i A'), anna);
    expect((await sync.syncOnce()).recorded).toBe(2);
    expect((await h.store.changesSince(cursor)).map((c) => [c.kind, c.unitId])).toEqual([
      ['edit.refused', B],
      ['status.added', A],
    ]);
    expect(h.server.items('DPO Statusuppdateringar').some((i) => i.id === refused.id)).toBe(false);
    expect((await h.store.getBoardData(B)).statusUpdates.some((s) => s.text === 'Anna skriver i B')).toBe(false);
  });

  it("B's control point edited by a CISO of A is put back", async () => {
    const cp = item('DPO Kontrollpunkter', (f) => f.UnitKey === B && f.Number === 4);
    const before = { ...cp.fields };
    h.server.userEdit('DPO Kontrollpunkter', Number(cp.id), { ExpectedEnd: '2027-06-29T22:00:00Z' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(fieldsOf('DPO Kontrollpunkter', cp.id).ExpectedEnd ?? null).toEqual(before.ExpectedEnd ?? null);
  });

  describe('moving an item to another unit (its UnitKey) is checked in both units', () => {
    const aActivity = () => item('DPO Aktiviteter', (f) => f.UnitKey === A);

    it('refused to a CISO of A (not allowed in B) and to a CISO of B (not allowed in A), put back in A each time', async () => {
      const row = aActivity();
      for (const who of [anna, bo]) {
        const cursor = await h.store.latestChangeSeq();
        h.server.userEdit('DPO Aktiviteter', Number(row.id), { UnitKey: B }, who);
        expect((await sync.syncOnce()).recorded).toBe(1);
        const [change] = await h.store.changesSince(cursor);
        expect(change).toMatchObject({ kind: 'edit.refused', unitId: A, after: { reason: { en: expect.stringMatching(/may not/) } } });
        expect(fieldsOf('DPO Aktiviteter', row.id).UnitKey).toBe(A);
      }
      expect((await h.store.getBoardData(B)).activities.some((a) => a.id === Number(row.id))).toBe(false);
      expect((await h.store.getBoardData(A)).activities.some((a) => a.id === Number(row.id))).toBe(true);
    });

    it('refused as a move the app does not make to one allowed in both (the record stays with its unit), put back', async () => {
      const row = aActivity();
      const cursor = await h.store.latestChangeSeq();
      h.server.userEdit('DPO Aktiviteter', Number(row.id), { UnitKey: B, State: 'Klar' }, cia);
      expect((await sync.syncOnce()).recorded).toBe(1);
      const [change] = await h.store.changesSince(cursor);
      expect(change).toMatchObject({ kind: 'edit.refused', actorId: 'cia', after: { reason: { en: expect.stringMatching(/not moved/) } } });
      expect(fieldsOf('DPO Aktiviteter', row.id)).toMatchObject({ UnitKey: A, State: row.fields.State });
      expect((await sync.syncOnce()).recorded).toBe(0);
    });

    it("an assessment moved by the DPO of every unit: refused as a move, the mark stays in A's history", async () => {
      const row = item('DPO Bedömningar', (f) => f.UnitKey === A);
      h.server.userEdit('DPO Bedömningar', Number(row.id), { UnitKey: B }, dag);
      expect((await sync.syncOnce()).recorded).toBe(1);
      expect(fieldsOf('DPO Bedömningar', row.id).UnitKey).toBe(A);
      expect((await h.store.getBoardData(B)).assessments).toEqual([]);
    });
  });
});

/**
 * Direct edits of the units' lists in SharePoint ("DPO Förvaltningar", "DPO Ansvariga"), through the delta sync,
 * against the local Graph test server, made as a SharePoint user would. The people responsible are role grants,
 * so a CISO who adds themself as the DPO is refused and the row deleted; the unit's DPO (manageUnits there) may.
 * listItem delta: https://learn.microsoft.com/en-us/graph/api/listitem-delta
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefusedEdit } from '../../../src/domain/changes.js';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import { anna, dag } from './editors.js';
import { type Harness } from './harness.js';
import { seededSync } from './direct-edit-site.js';

const at = new Date('2026-11-28T10:00:00Z');
const UNITS = 'DPO Förvaltningar';
const PEOPLE = 'DPO Ansvariga';

describe('direct edits of units and their people responsible', () => {
  let h: Harness;
  let sync: DirectEditSync;
  const unitRow = () => h.server.items(UNITS).find((i) => i.fields.UnitKey === 'intraservice')!;
  const unit = async () => (await h.store.listUnits()).find((u) => u.id === 'intraservice')!;

  beforeEach(async () => {
    ({ h, sync } = await seededSync(at));
  });
  afterEach(async () => h.dispose());

  it('a CISO who adds themself as the DPO is refused: the row is deleted, one edit.refused, no grant', async () => {
    const cursor = await h.store.latestChangeSeq();
    h.server.userCreate(
      PEOPLE,
      { Title: 'Anna Svensson', UnitKey: 'intraservice', Role: 'Dataskyddsombud', Email: 'anna@contoso.se' },
      anna,
    );
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(h.server.items(PEOPLE)).toEqual([]);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({ kind: 'edit.refused', actorId: 'anna', source: 'sharepoint', unitId: 'intraservice' });
    expect((change!.after as RefusedEdit).what).toBe('unitPerson');
    expect((change!.after as RefusedEdit).reason.sv).toContain('hantera förvaltningar');
    expect((await unit()).responsible).toEqual([]);
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it("the unit's DPO adds a person: accepted as one unit.updated by them, and read as the unit's people", async () => {
    const cursor = await h.store.latestChangeSeq();
    h.server.userCreate(PEOPLE, { Title: 'Cia So', UnitKey: 'intraservice', Role: 'CISO', Email: 'Cia.So@contoso.se' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({ kind: 'unit.updated', actorId: 'dag', source: 'sharepoint', unitId: 'intraservice' });
    expect(change!.after).toMatchObject({ responsible: [{ role: 'ciso', name: 'Cia So', email: 'cia.so@contoso.se' }] });
    expect((await unit()).responsible).toEqual([{ role: 'ciso', name: 'Cia So', email: 'cia.so@contoso.se' }]);
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it("a CISO's rename is put back; the DPO's is taken, its version moved on", async () => {
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit(UNITS, unitRow().id, { Title: 'Annans namn' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(unitRow().fields.Title).toBe('Intraservice');
    h.server.userEdit(UNITS, unitRow().id, { NameEn: 'Intraservice Administration' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect((await h.store.changesSince(cursor)).map((c) => [c.kind, c.actorId])).toEqual([
      ['edit.refused', 'anna'],
      ['unit.updated', 'dag'],
    ]);
    expect(await unit()).toMatchObject({ name: 'Intraservice', nameEn: 'Intraservice Administration', version: 2 });
  });

  it('once the DPO archives the unit in the list, an edit of its instructions is put back as archived', async () => {
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit(UNITS, unitRow().id, { Archived: true }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(await unit()).toMatchObject({ archived: true, version: 2 });
    const row = h.server.items('DPO Anvisningar').find((i) => i.fields.Number === 5)!;
    const state = row.fields.State;
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(h.server.items('DPO Anvisningar').find((i) => i.fields.Number === 5)!.fields.State).toBe(state);
    const log = await h.store.changesSince(cursor);
    expect(log.map((c) => c.kind)).toEqual(['unit.archived', 'edit.refused']);
    expect((log[1]!.after as RefusedEdit).reason.en).toContain('archived');
  });

  it("a unit's row deleted in the list is put back from what the board had", async () => {
    h.server.userDelete(UNITS, unitRow().id);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(await unit()).toMatchObject({ name: 'Intraservice', archived: false });
    expect(h.server.items(UNITS)).toHaveLength(1);
  });
});

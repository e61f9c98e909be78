/**
 * Direct edits of "DPO Statusförfrågningar" (issue 13 item 3): the list is the app's record of who asked whom, so
 * a hand edit of any field is put back and a row added by hand deleted, each with one edit.refused ("Statusförfrågningar
 * görs i appen"); a row deleted by hand is item.deleted. The app's own writes (the request, its answer) pass untouched.
 * And "DPO Kontakt": a second contact row for a unit is refused (one contact per unit).
 * Against the strict local Graph test server; listItem delta: https://learn.microsoft.com/en-us/graph/api/listitem-delta,
 * the editor is the item's createdBy/lastModifiedBy (https://learn.microsoft.com/en-us/graph/api/resources/listitem).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import { at, ctx } from '../actors.js';
import { anna, dag } from './editors.js';
import { type Harness } from './harness.js';
import { seededSync } from './direct-edit-site.js';

const UNIT = 'intraservice';
const REQUESTS = 'DPO Statusförfrågningar';
const CONTACT = 'DPO Kontakt';
const IN_APP = { sv: 'Statusförfrågningar görs i appen', en: 'Status requests are made in the app' };

describe('direct edits of the status requests list and the contact list', () => {
  let h: Harness;
  let sync: DirectEditSync;

  const row = (list: string, id: number) => h.server.items(list).find((i) => i.id === id);
  const ask = () =>
    h.store.statusRequests.create(
      { unitId: UNIT, year: 2023, controlPoint: 4, askedId: '29:anna', askedName: 'Anna Svensson', dueDate: '2026-12-05' },
      ctx('dpo'),
    );

  beforeEach(async () => {
    ({ h, sync } = await seededSync(at));
  });
  afterEach(async () => h.dispose());

  it("the app's request and its answer pass untouched; a hand edit is put back with one edit.refused, even by the DPO", async () => {
    const request = await ask();
    expect((await sync.syncOnce()).recorded).toBe(0);
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit(REQUESTS, Number(request.id), { DueDate: '2027-01-31', RequestState: 'Besvarad' }, anna);
    // Reads take the request from what the app wrote, before the sync has put the row back too.
    expect(await h.store.statusRequests.get(UNIT, request.id)).toEqual(request);
    expect((await sync.syncOnce()).recorded).toBe(1);
    h.server.userEdit(REQUESTS, Number(request.id), { AskedName: 'Dag Dataskydd' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await h.store.changesSince(cursor);
    expect(changes.map((c) => [c.kind, c.actorId, c.entityId])).toEqual([
      ['edit.refused', 'anna', `statusRequest:${request.id}`],
      ['edit.refused', 'dag', `statusRequest:${request.id}`],
    ]);
    expect(changes[0]).toMatchObject({
      source: 'sharepoint',
      controlPoint: 4,
      before: { dueDate: '2026-12-05', state: 'open', askedName: 'Anna Svensson' },
      after: { what: 'statusRequest', action: 'edit', reason: IN_APP },
    });
    // The change log says nothing the channel may not see: not the asked person's Teams account id.
    expect(JSON.stringify(changes)).not.toContain('29:anna');
    expect(row(REQUESTS, Number(request.id))?.fields).toMatchObject({ RequestState: 'Öppen', AskedName: 'Anna Svensson' });
    expect(String(row(REQUESTS, Number(request.id))?.fields.DueDate)).toMatch(/^2026-12-05/);
    expect(await h.store.statusRequests.listOpen(UNIT)).toEqual([request]);

    const answer = { statusUpdateId: 99, answeredBy: 'anna', answeredByName: 'Anna Svensson', answeredAt: '2026-12-01T08:00:00.000Z' };
    expect(await h.store.statusRequests.markAnswered(UNIT, request.id, answer)).toMatchObject({ first: true });
    expect((await sync.syncOnce()).recorded).toBe(0);
    expect(await h.store.statusRequests.get(UNIT, request.id)).toMatchObject({ state: 'answered', ...answer });
    expect(await h.store.changesSince(cursor)).toHaveLength(2);
  });

  it('a row added by hand is deleted with one edit.refused; a row deleted by hand is one item.deleted', async () => {
    const request = await ask();
    expect((await sync.syncOnce()).recorded).toBe(0);
    const cursor = await h.store.latestChangeSeq();
    const byHand = h.server.userCreate(
      REQUESTS,
      { Title: 'Kontrollpunkt 2: Dag', UnitKey: UNIT, Year: 2023, ControlPointNumber: 2, DueDate: '2026-12-24', RequestState: 'Öppen' },
      anna,
    );
    expect(await h.store.statusRequests.listOpen(UNIT)).toEqual([request]);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(row(REQUESTS, byHand.id)).toBeUndefined();
    h.server.userDelete(REQUESTS, Number(request.id));
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await h.store.changesSince(cursor);
    expect(changes.map((c) => [c.kind, c.actorId, c.entityId])).toEqual([
      ['edit.refused', 'anna', `statusRequest:${byHand.id}`],
      ['item.deleted', 'sharepoint', `statusRequest:${request.id}`],
    ]);
    expect(changes[0]).toMatchObject({
      controlPoint: 2,
      before: null,
      after: { what: 'statusRequest', action: 'add', attempted: { title: 'Kontrollpunkt 2: Dag' }, reason: IN_APP },
    });
    expect(changes[1]).toMatchObject({ controlPoint: 4, before: { askedName: 'Anna Svensson', dueDate: '2026-12-05' } });
    expect(JSON.stringify(changes)).not.toContain('29:anna');
    expect(await h.store.statusRequests.listOpen(UNIT)).toEqual([]);
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it('a second contact row for the unit, added by hand even by the DPO, is deleted with one edit.refused', async () => {
    const cursor = await h.store.latestChangeSeq();
    const contact = h.server.items(CONTACT).find((i) => i.fields.UnitKey === UNIT)!;
    const second = h.server.userCreate(CONTACT, { Title: 'Dag Dataskydd', UnitKey: UNIT, Email: 'dag@intraservice.goteborg.se' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'edit.refused',
      actorId: 'dag',
      entityId: `contact:${UNIT}`,
      after: {
        what: 'contact',
        action: 'add',
        attempted: { name: 'Dag Dataskydd' },
        reason: { sv: 'Det finns en kontakt per förvaltning: ändra den som finns' },
      },
    });
    expect(h.server.items(CONTACT).map((i) => i.id)).toEqual([contact.id]);
    expect(row(CONTACT, second.id)).toBeUndefined();
    expect((await h.store.getActionPlanData(UNIT)).contact).toMatchObject({ name: 'Anna (Anna-Lena) Björk' });
    expect((await sync.syncOnce()).recorded).toBe(0);
  });
});

/**
 * Direct edits in "DPO Åtgärder" (the action plan's own items) and "DPO Kontakt" (the unit's contact)
 * are checked like the other lists (issue 12 item 2): the editor is the item's lastModifiedBy/createdBy,
 * resolved by the identity module; an allowed edit becomes the same change record a write through the
 * app makes (source 'sharepoint'), a refused one is put back (or, a new row, deleted) with one edit.refused.
 * Against the local Graph test server. listItem delta: https://learn.microsoft.com/en-us/graph/api/listitem-delta
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import { anna, dag, rita } from './editors.js';
import { type Harness } from './harness.js';
import { seededSync } from './direct-edit-site.js';

const at = new Date('2026-11-28T10:00:00Z');
const UNIT = 'intraservice';
const ITEMS = 'DPO Åtgärder';
const CONTACT = 'DPO Kontakt';

describe('direct edits of action-plan items and the contact', () => {
  let h: Harness;
  let sync: DirectEditSync;

  const row = (list: string, pred: (f: Record<string, unknown>) => boolean) => {
    const found = h.server.items(list).find((i) => pred(i.fields));
    if (!found) throw new Error(`no matching item in ${list}`);
    return found;
  };
  const puRegister = () => row(ITEMS, (f) => String(f.ItemText).startsWith('Införande av PU-register'));
  const plan = () => h.store.getActionPlanData(UNIT);

  beforeEach(async () => {
    ({ h, sync } = await seededSync(at));
  });
  afterEach(async () => h.dispose());

  it('the CISO sets an item to Klar in the list: one actionPlanItem.updated by her, the board follows, nothing more later', async () => {
    const cursor = await h.store.latestChangeSeq();
    const item = puRegister();
    h.server.userEdit(ITEMS, item.id, { State: 'Klar', PeriodTo: '2025-Q2' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await h.store.changesSince(cursor);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'actionPlanItem.updated',
      source: 'sharepoint',
      actorId: 'anna',
      actorName: 'Anna Svensson',
      entityId: `actionPlanItem:${item.id}`,
      before: { state: 'ongoing', periodTo: '2025-Q1', version: 1 },
      after: { state: 'done', periodTo: '2025-Q2', version: 2, updatedBy: 'anna' },
    });
    expect((await plan()).items[0]).toMatchObject({ state: 'done', periodTo: '2025-Q2', version: 2 });
    expect((await sync.syncOnce()).recorded).toBe(0);
    expect(await h.store.changesSince(cursor)).toHaveLength(1);
  });

  it('a reader changing an item is put back as it was, with one edit.refused naming who tried what', async () => {
    const cursor = await h.store.latestChangeSeq();
    const before = (await plan()).items[0];
    const item = puRegister();
    h.server.userEdit(ITEMS, item.id, { ItemText: 'Struken', State: 'Klar' }, rita);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'edit.refused',
      actorName: 'Rita Läsare',
      entityId: `actionPlanItem:${item.id}`,
      before: { text: before!.text, state: before!.state },
      after: { what: 'actionPlanItem', action: 'edit', attempted: { text: 'Struken', state: 'done' } },
    });
    expect(h.server.items(ITEMS).find((i) => i.id === item.id)?.fields).toMatchObject({ ItemText: before!.text, State: 'Pågående' });
    expect((await plan()).items[0]).toEqual(before);
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it('a row added by the CISO is a new item (actionPlanItem.created); the same row added by a reader is refused and deleted', async () => {
    const cursor = await h.store.latestChangeSeq();
    const fields = { Title: 'Loggning', UnitKey: UNIT, ItemText: 'Införande av loggningsrutin', State: 'Planerad', PeriodFrom: '2025-Q3' };
    const added = h.server.userCreate(ITEMS, fields, anna);
    const refused = h.server.userCreate(ITEMS, { ...fields, ItemText: 'Läsarens rad' }, rita);
    expect((await sync.syncOnce()).recorded).toBe(2);
    const changes = await h.store.changesSince(cursor);
    expect(changes.map((c) => [c.kind, c.actorId, c.entityId])).toEqual([
      ['actionPlanItem.created', 'anna', `actionPlanItem:${added.id}`],
      ['edit.refused', 'rita', `actionPlanItem:${refused.id}`],
    ]);
    expect(changes[1]?.after).toMatchObject({ what: 'actionPlanItem', action: 'add', attempted: { text: 'Läsarens rad' } });
    expect(h.server.items(ITEMS).some((i) => i.id === refused.id)).toBe(false);
    const items = (await plan()).items;
    expect(items.map((i) => i.text)).toContain('Införande av loggningsrutin');
    expect(items.map((i) => i.text)).not.toContain('Läsarens rad');
    expect(items.find((i) => i.id === added.id)).toMatchObject({ state: 'planned', periodFrom: '2025-Q3', version: 1, updatedBy: 'anna' });
  });

  it('an item deleted in the list becomes one item.deleted with what the board knew', async () => {
    const cursor = await h.store.latestChangeSeq();
    const item = puRegister();
    h.server.userDelete(ITEMS, item.id);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({ kind: 'item.deleted', entityId: `actionPlanItem:${item.id}`, before: { dueDate: '2024-12-31' } });
  });

  it('the DPO changes the contact in the list: one contact.updated by them; the CISO changing it is put back', async () => {
    const cursor = await h.store.latestChangeSeq();
    const contact = row(CONTACT, (f) => f.UnitKey === UNIT);
    h.server.userEdit(CONTACT, contact.id, { Email: 'ciso@intraservice.goteborg.se' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    h.server.userEdit(CONTACT, contact.id, { Title: 'Någon annan', Role: 'CISO' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await h.store.changesSince(cursor);
    expect(changes.map((c) => [c.kind, c.actorId, c.entityId])).toEqual([
      ['contact.updated', 'dag', `contact:${UNIT}`],
      ['edit.refused', 'anna', `contact:${UNIT}`],
    ]);
    expect(changes[0]).toMatchObject({
      before: { email: 'anna.bjork@intraservice.goteborg.se', version: 1 },
      after: { email: 'ciso@intraservice.goteborg.se', version: 2 },
    });
    expect(changes[1]?.after).toMatchObject({ what: 'contact', action: 'edit', attempted: { name: 'Någon annan' } });
    expect(h.server.items(CONTACT).find((i) => i.id === contact.id)?.fields).toMatchObject({
      Title: 'Anna (Anna-Lena) Björk',
      Email: 'ciso@intraservice.goteborg.se',
    });
    expect((await plan()).contact).toMatchObject({ name: 'Anna (Anna-Lena) Björk', email: 'ciso@intraservice.goteborg.se', version: 2 });
    expect((await sync.syncOnce()).recorded).toBe(0);
  });
});

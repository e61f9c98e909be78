/**
 * Direct edits of "DPO Underlag (länkar)" (issue 12 item 4, the mission's "people also edit the lists directly"):
 * a link row a person adds in the list counts once the sync has checked it like an add in the app; a link
 * changed in the list is evidence.updated for who added it or the DPO, put back for anyone else; a row deleted
 * in the list is evidence.removed. Against the strict local Graph test server; the editor is the item's
 * createdBy/lastModifiedBy (https://learn.microsoft.com/en-us/graph/api/resources/listitem), the changes come
 * from the list's delta (https://learn.microsoft.com/en-us/graph/api/listitem-delta).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { SharePointData } from '../../../src/store/sharepoint/data-access.js';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import { at, ctx } from '../actors.js';
import { anna, dag, resolveEditor, rita } from './editors.js';
import { graphFor, type Harness } from './harness.js';
import { seededSync } from './direct-edit-site.js';

const UNIT = 'intraservice';
const LINKS = 'DPO Underlag (länkar)';
const handLink = {
  Title: 'Rutin för personuppgiftsincidenter',
  UnitKey: UNIT,
  ControlPointNumber: 5,
  Url: 'https://intranat.example/incidentrutin',
  Kind: 'Rutin',
  DocumentDate: '2024-03-01',
};

describe('direct edits of the evidence links list', () => {
  let h: Harness;
  let sync: DirectEditSync;

  const row = (id: number) => h.server.items(LINKS).find((i) => i.id === id);
  const since = async (cursor: number) => h.store.changesSince(cursor);

  beforeEach(async () => {
    ({ h, sync } = await seededSync(at));
  });
  afterEach(async () => h.dispose());

  /** A link the CISO added by hand, accepted by the sync. */
  const acceptedLink = async () => {
    const item = h.server.userCreate(LINKS, handLink, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    return item;
  };

  it('a link the CISO adds by hand counts: the app fills in who and when, one evidence.added by her, recorded once by two instances', async () => {
    const cursor = await h.store.latestChangeSeq();
    expect(await h.store.evidence.list(UNIT, 5)).toEqual([]);
    const item = h.server.userCreate(LINKS, handLink, anna);
    const other = new SharePointData({ graph: graphFor(h.server), site: h.server.siteUrl, scale: DEFAULT_SCALE });
    const second = new DirectEditSync(other, new SharePointAppState(other), resolveEditor);
    // Both start from the saved delta cursors and see the same new row: the eTag lets exactly one claim it.
    const reports = await Promise.all([sync.syncOnce(), second.syncOnce()]);
    expect(reports.reduce((n, r) => n + r.recorded, 0)).toBe(1);
    const changes = await since(cursor);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'evidence.added',
      source: 'sharepoint',
      actorId: 'anna',
      actorName: 'Anna Svensson',
      controlPoint: 5,
      entityId: `evidence:${item.id}`,
      after: { title: handLink.Title, url: handLink.Url, kind: 'routine', date: '2024-03-01', origin: 'link', addedBy: 'anna' },
    });
    expect(row(item.id)?.fields).toMatchObject({ AddedBy: 'anna', AddedByName: 'Anna Svensson' });
    expect(await h.store.evidence.list(UNIT, 5)).toEqual([
      expect.objectContaining({ id: String(item.id), title: handLink.Title, addedBy: 'anna', addedByName: 'Anna Svensson' }),
    ]);
    expect((await sync.syncOnce()).recorded + (await second.syncOnce()).recorded).toBe(0);
    expect(h.data.problems).toEqual([]);
  });

  it("a reader's link and a link that is not https are deleted, each with one edit.refused giving the reason in both languages", async () => {
    const cursor = await h.store.latestChangeSeq();
    const byReader = h.server.userCreate(LINKS, { ...handLink, Title: 'Läsarens länk' }, rita);
    const plainHttp = h.server.userCreate(LINKS, { ...handLink, Url: 'http://intranat.example/rutin' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(2);
    const changes = await since(cursor);
    expect(changes.map((c) => [c.kind, c.actorId, c.entityId])).toEqual([
      ['edit.refused', 'rita', `evidence:${byReader.id}`],
      ['edit.refused', 'anna', `evidence:${plainHttp.id}`],
    ]);
    expect(changes[0]?.after).toMatchObject({
      what: 'evidence',
      action: 'add',
      attempted: { title: 'Läsarens länk' },
      reason: { sv: expect.stringContaining('lägga till underlag') as string, en: expect.stringContaining('add evidence') as string },
    });
    expect(changes[1]?.after).toMatchObject({
      reason: {
        sv: expect.stringContaining('Länken ska vara en https-adress.') as string,
        en: expect.stringContaining('The link must be an https address.') as string,
      },
    });
    expect(h.server.items(LINKS)).toEqual([]);
    expect(await h.store.evidence.list(UNIT, 5)).toEqual([]);
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it('a link changed in the list by who added it or the DPO is evidence.updated; a reader\'s change and a changed "added by" are put back', async () => {
    const item = await acceptedLink();
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit(LINKS, item.id, { Title: '  Incidentrutin 2024 ' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    h.server.userEdit(LINKS, item.id, { Kind: 'Policy' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    h.server.userEdit(LINKS, item.id, { Url: 'https://elsewhere.example/' }, rita);
    expect((await sync.syncOnce()).recorded).toBe(1);
    h.server.userEdit(LINKS, item.id, { AddedByName: 'Någon annan' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await since(cursor);
    expect(changes.map((c) => [c.kind, c.actorId])).toEqual([
      ['evidence.updated', 'anna'],
      ['evidence.updated', 'dag'],
      ['edit.refused', 'rita'],
      ['edit.refused', 'dag'],
    ]);
    expect(changes[0]).toMatchObject({ before: { title: handLink.Title }, after: { title: 'Incidentrutin 2024', kind: 'routine' } });
    expect(changes[1]).toMatchObject({ before: { kind: 'routine' }, after: { kind: 'policy', title: 'Incidentrutin 2024' } });
    expect(changes[2]?.after).toMatchObject({ what: 'evidence', action: 'edit', attempted: { url: 'https://elsewhere.example/' } });
    expect(changes[3]?.after).toMatchObject({ reason: { en: 'Who added the evidence, and when, does not change' } });
    expect(row(item.id)?.fields).toMatchObject({ Title: 'Incidentrutin 2024', Url: handLink.Url, AddedByName: 'Anna Svensson' });
    expect(await h.store.evidence.list(UNIT, 5)).toEqual([
      expect.objectContaining({ title: 'Incidentrutin 2024', kind: 'policy', url: handLink.Url, addedBy: 'anna' }),
    ]);
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it("the CISO changing the DPO's link is put back: only who added it, or the DPO, changes a link", async () => {
    const item = h.server.userCreate(LINKS, handLink, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit(LINKS, item.id, { Title: 'CISO:s titel' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await since(cursor);
    expect(change).toMatchObject({
      kind: 'edit.refused',
      actorId: 'anna',
      before: { title: handLink.Title, addedBy: 'dag' },
      after: { reason: { sv: expect.stringContaining('ändra underlag som någon annan har lagt till') as string } },
    });
    expect(row(item.id)?.fields).toMatchObject({ Title: handLink.Title });
  });

  it('a link deleted in the list is one evidence.removed by SharePoint; a link removed in the app is recorded once, by the app', async () => {
    const byHand = await acceptedLink();
    const inApp = await h.store.evidence.add(
      {
        unitId: UNIT,
        controlPoint: 2,
        title: 'Registerutdrag',
        url: 'https://intranat.example/register',
        kind: 'registerExtract',
        date: '2024-05-02',
      },
      ctx('ciso'),
    );
    expect((await sync.syncOnce()).recorded).toBe(0);
    const cursor = await h.store.latestChangeSeq();
    h.server.userDelete(LINKS, byHand.id);
    await h.store.evidence.remove(UNIT, inApp.id, ctx('ciso'));
    expect((await sync.syncOnce()).recorded).toBe(1);
    const changes = await since(cursor);
    expect(changes.map((c) => [c.kind, c.source, c.actorName, c.entityId])).toEqual([
      ['evidence.removed', 'api', 'CISO', `evidence:${inApp.id}`],
      ['evidence.removed', 'sharepoint', 'SharePoint', `evidence:${byHand.id}`],
    ]);
    expect(changes[1]?.before).toMatchObject({ title: handLink.Title, addedBy: 'anna' });
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it('adopts a link row the app wrote before rows carried a snapshot, without recording it', async () => {
    const cursor = await h.store.latestChangeSeq();
    const earlier = h.server.userCreate(
      LINKS,
      { ...handLink, AddedBy: 'ciso', AddedByName: 'CISO', AddedAt: '2025-01-10T09:00:00Z' },
      { id: 'app', displayName: 'DPO Board' },
    );
    expect((await sync.syncOnce()).recorded).toBe(0);
    expect(await since(cursor)).toEqual([]);
    expect(String(row(earlier.id)?.fields.AppSnapshot)).toContain('"addedBy":"ciso"');
    h.server.userDelete(LINKS, earlier.id);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect((await since(cursor)).map((c) => c.kind)).toEqual(['evidence.removed']);
  });
});

/**
 * Direct edits in SharePoint become change records (source 'sharepoint') exactly once, through
 * the delta sync: against the local Graph test server, edits made as a SharePoint user would.
 * Who edited is the item's lastModifiedBy/createdBy, resolved by the identity module (the demo
 * directory here, by Entra object id), and the domain rules decide as for any other write.
 * listItem delta: https://learn.microsoft.com/en-us/graph/api/listitem-delta
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedContext } from '../../../src/store/open.js';
import { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { SharePointData } from '../../../src/store/sharepoint/data-access.js';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { anna, dag, olle, resolveEditor, rita } from './editors.js';
import { graphFor, type Harness } from './harness.js';
import { seededSync } from './direct-edit-site.js';

const at = new Date('2026-11-28T10:00:00Z');

describe('direct edits in SharePoint', () => {
  let h: Harness;
  let sync: DirectEditSync;

  const item = (list: string, pred: (f: Record<string, unknown>) => boolean) => {
    const found = h.server.items(list).find((i) => pred(i.fields));
    if (!found) throw new Error(`no matching item in ${list}`);
    return found;
  };

  beforeEach(async () => {
    ({ h, sync } = await seededSync(at));
  });
  afterEach(async () => h.dispose());

  it('an instruction set to Klar in the list becomes one instruction.updated change by that person', async () => {
    const cursor = await h.store.latestChangeSeq();
    const row = item('DPO Anvisningar', (f) => f.Number === 5);
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, anna);
    const report = await sync.syncOnce();
    expect(report.recorded).toBe(1);
    const changes = await h.store.changesSince(cursor);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'instruction.updated',
      source: 'sharepoint',
      actorId: 'anna',
      actorName: 'Anna Svensson',
      entityId: 'instruction:IIFS 05',
      // The report names no state for IIFS 05 (seed/RECONCILIATION.md).
      before: { state: 'notStated', version: 1 },
      after: { state: 'done', version: 2 },
    });
    const plan = await h.store.getActionPlanData('intraservice');
    expect(plan.instructions.find((i) => i.number === 5)).toMatchObject({ state: 'done', version: 2 });
    // Nothing more on the next runs: the claim itself is not an edit.
    expect((await sync.syncOnce()).recorded).toBe(0);
    expect(await h.store.changesSince(cursor)).toHaveLength(1);
  });

  it('a work package edited by hand changes the board and its cache key, without a change record', async () => {
    const cursor = await h.store.latestChangeSeq();
    const tag = h.store.contentTag();
    const row = item('DPO Huvudpaket', (f) => f.Title === 'Incident');
    h.server.userEdit('DPO Huvudpaket', row.id, { ExpectedEnd: '2026-12-30T23:00:00Z', State: 'Klar' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(0);
    expect(h.store.contentTag()).not.toBe(tag);
    expect(await h.store.changesSince(cursor)).toEqual([]);
    const board = await h.store.getBoardData('intraservice');
    expect(board.workPackages.find((w) => w.key === 'Incident')).toMatchObject({ expectedEnd: '2026-12-31', state: 'done' });
  });

  it('a sync with nothing new is one request; with one change it is one read plus the claim and the change record', async () => {
    expect((await sync.syncOnce()).requests).toBe(1);
    const row = item('DPO Aktiviteter', () => true);
    h.server.userEdit('DPO Aktiviteter', row.id, { State: 'Klar' }, anna);
    const report = await sync.syncOnce();
    expect(report.recorded).toBe(1);
    expect(report.requests).toBe(3);
  });

  it('two instances seeing the same edit record it once', async () => {
    const other = new SharePointData({ graph: graphFor(h.server), site: h.server.siteId, scale: DEFAULT_SCALE });
    const otherSync = new DirectEditSync(other, new SharePointAppState(other), resolveEditor);
    await otherSync.syncOnce();
    const cursor = await h.store.latestChangeSeq();
    const row = item('DPO Anvisningar', (f) => f.Number === 12);
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Pågående' }, anna);
    const [a, b] = await Promise.all([sync.syncOnce(), otherSync.syncOnce()]);
    expect(a.recorded + b.recorded).toBe(1);
    expect(await h.store.changesSince(cursor)).toHaveLength(1);
    expect((await sync.syncOnce()).recorded + (await otherSync.syncOnce()).recorded).toBe(0);
  });

  it('an expired delta token (410) starts a fresh enumeration and posts nothing twice', async () => {
    const row = item('DPO Anvisningar', (f) => f.Number === 6);
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const cursor = await h.store.latestChangeSeq();
    h.server.expireDeltaTokens('DPO Anvisningar');
    h.server.expireDeltaTokens('DPO Ändringslogg');
    const report = await sync.syncOnce();
    expect(report.restarted).toContain('instructions');
    expect(report.recorded).toBe(0);
    expect(await h.store.changesSince(cursor)).toEqual([]);
    // An edit made while the token was expired is still picked up, once.
    h.server.expireDeltaTokens('DPO Anvisningar');
    h.server.userEdit('DPO Anvisningar', item('DPO Anvisningar', (f) => f.Number === 7).id, { State: 'Klar' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect(await h.store.changesSince(cursor)).toHaveLength(1);
  });

  it('a status update row added by hand becomes status.added by its author, on the board', async () => {
    const cp4 = item('DPO Kontrollpunkter', (f) => f.Number === 4);
    h.server.userCreate(
      'DPO Statusuppdateringar',
      {
        Title: 'KP 4',
        UnitKey: 'intraservice',
        Year: 2023,
        ControlPointLookupId: String(cp4.id),
        StatusDate: '2026-11-20T23:00:00Z',
        StatusText: 'Registret är granskat av förvaltningsjuristen.',
        UnitLevel: '4 – Till stor del uppfylld',
      },
      anna,
    );
    const cursor = await h.store.latestChangeSeq();
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({ kind: 'status.added', source: 'sharepoint', actorId: 'anna', controlPoint: 4, year: 2023 });
    expect(change?.after).toMatchObject({ statusDate: '2026-11-21', unitLevel: 4, author: 'anna', authorName: 'Anna Svensson' });
    const board = await h.store.getBoardData('intraservice');
    expect(board.statusUpdates.filter((s) => s.controlPoint === 4).at(-1)).toMatchObject({
      text: 'Registret är granskat av förvaltningsjuristen.',
    });
  });

  it('values the app cannot use are reported clearly and never crash the board', async () => {
    const cp1 = item('DPO Kontrollpunkter', (f) => f.Number === 1);
    // A level typed as free text, an empty required text, a lookup to a deleted item, text in a number column.
    h.server.userCreate(
      'DPO Bedömningar',
      { Title: 'x', UnitKey: 'intraservice', Year: 2023, ControlPointLookupId: String(cp1.id), Level: 'hög' },
      anna,
    );
    h.server.userCreate(
      'DPO Statusuppdateringar',
      {
        Title: 'y',
        UnitKey: 'intraservice',
        Year: 2023,
        ControlPointLookupId: String(cp1.id),
        StatusDate: '2026-11-01T00:00:00Z',
        StatusText: '',
      },
      anna,
    );
    h.server.userCreate(
      'DPO Aktiviteter',
      { Title: 'z', UnitKey: 'intraservice', ControlPointLookupId: '9999', ActivityText: 'Ny rutin', State: 'Planerad' },
      anna,
    );
    h.server.userEdit('DPO Anvisningar', item('DPO Anvisningar', (f) => f.Number === 8).id, { Number: 'åtta' }, anna);
    const cursor = await h.store.latestChangeSeq();
    const report = await sync.syncOnce();
    expect(report.recorded).toBe(0);
    expect(await h.store.changesSince(cursor)).toEqual([]);
    const board = await h.store.getBoardData('intraservice');
    expect(board.controlPoints).toHaveLength(12);
    expect(board.assessments).toHaveLength(12);
    const plan = await h.store.getActionPlanData('intraservice');
    expect(plan.instructions).toHaveLength(30);
    const messages = h.data.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/DPO Bedömningar, item \d+, column Level: "hög" is not a level on the scale 1–5/);
    expect(messages).toMatch(/DPO Statusuppdateringar, item \d+, column StatusText: is empty but required/);
    expect(messages).toMatch(/DPO Aktiviteter, item \d+, column ControlPoint: points at control point item 9999, which no longer exists/);
    expect(messages).toMatch(/DPO Anvisningar, item \d+, column Number: expected a whole number, got "åtta"/);
    // Editing through the app an item a person broke gives a clear error, not a crash.
    await expect(
      h.store.updateInstruction(
        'intraservice',
        8,
        { state: 'done' },
        {
          ...seedContext(at),
          actor: { id: 'c', displayName: 'C', roles: ['ciso'], grants: [{ role: 'ciso' as const, units: '*' as const }] },
        },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an activity edited by hand: one activity.updated with before and after; a new row is activity.created', async () => {
    const row = item('DPO Aktiviteter', (f) => f.State === 'Planerad');
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit('DPO Aktiviteter', row.id, { State: 'Pågående', DueTo: '2027-Q2' }, anna);
    const cp7 = item('DPO Kontrollpunkter', (f) => f.Number === 7);
    h.server.userCreate(
      'DPO Aktiviteter',
      {
        Title: 'Ny',
        UnitKey: 'intraservice',
        ControlPointLookupId: String(cp7.id),
        ActivityText: 'Informationstext på webben ses över',
        State: 'Planerad',
      },
      anna,
    );
    expect((await sync.syncOnce()).recorded).toBe(2);
    const changes = await h.store.changesSince(cursor);
    expect(changes.map((c) => c.kind).sort()).toEqual(['activity.created', 'activity.updated']);
    const updated = changes.find((c) => c.kind === 'activity.updated')!;
    expect(updated.before).toMatchObject({ state: 'planned', version: 1 });
    expect(updated.after).toMatchObject({ state: 'ongoing', dueTo: '2027-Q2', version: 2, updatedBy: 'anna' });
    // The app's version check sees the person's edit.
    await expect(
      h.store.updateActivity(
        'intraservice',
        row.id,
        { state: 'done', expectedVersion: 1 },
        {
          ...seedContext(at),
          actor: { id: 'c', displayName: 'C', roles: ['ciso'], grants: [{ role: 'ciso' as const, units: '*' as const }] },
        },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
  it('a row added to the assessments list by anyone but the DPO is refused: not on the board, one edit.refused naming who tried what', async () => {
    const cp2 = item('DPO Kontrollpunkter', (f) => f.Number === 2);
    const before = await h.store.getBoardData('intraservice');
    const cursor = await h.store.latestChangeSeq();
    const row = h.server.userCreate(
      'DPO Bedömningar',
      {
        Title: 'KP 2',
        UnitKey: 'intraservice',
        Year: 2023,
        ControlPointLookupId: String(cp2.id),
        Level: '5 – Helt uppfylld',
        Comment: 'Allt klart',
      },
      anna,
    );
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'edit.refused',
      source: 'sharepoint',
      actorId: 'anna',
      actorName: 'Anna Svensson',
      controlPoint: 2,
      year: 2023,
      before: null,
    });
    expect(change?.entityId).toBe(`assessment:${row.id}`);
    expect(change?.after).toMatchObject({ what: 'assessment', action: 'add', attempted: { level: 5, comment: 'Allt klart' } });
    expect((change?.after as { reason: { sv: string; en: string } }).reason.en).toMatch(/role may not/i);
    // Not taken into the board: the row is gone from the list, the board is as it was.
    expect(h.server.items('DPO Bedömningar').some((i) => i.id === row.id)).toBe(false);
    expect((await h.store.getBoardData('intraservice')).assessments).toEqual(before.assessments);
    // Later syncs see the deletion of a refused row and record nothing more.
    expect((await sync.syncOnce()).recorded).toBe(0);
    expect(await h.store.changesSince(cursor)).toHaveLength(1);
  });

  it('the same row added by the DPO is taken into the board as assessment.added by them', async () => {
    const cp2 = item('DPO Kontrollpunkter', (f) => f.Number === 2);
    const cursor = await h.store.latestChangeSeq();
    h.server.userCreate(
      'DPO Bedömningar',
      {
        Title: 'KP 2',
        UnitKey: 'intraservice',
        Year: 2023,
        ControlPointLookupId: String(cp2.id),
        Level: '5 – Helt uppfylld',
        Comment: 'Allt klart',
      },
      dag,
    );
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'assessment.added',
      actorId: 'dag',
      after: { level: 5, assessedBy: 'dag', assessedByName: 'Dag Dataskydd' },
    });
    expect((await h.store.getBoardData('intraservice')).assessments.filter((a) => a.controlPoint === 2).at(-1)).toMatchObject({ level: 5 });
  });

  it('a status written by a reader, or by someone the directory does not know, is refused once each', async () => {
    const cp4 = item('DPO Kontrollpunkter', (f) => f.Number === 4);
    const cursor = await h.store.latestChangeSeq();
    const status = (text: string) => ({
      Title: 'KP 4',
      UnitKey: 'intraservice',
      Year: 2023,
      ControlPointLookupId: String(cp4.id),
      StatusDate: '2026-11-20T23:00:00Z',
      StatusText: text,
    });
    h.server.userCreate('DPO Statusuppdateringar', status('Rita skriver'), rita);
    h.server.userCreate('DPO Statusuppdateringar', status('Olle skriver'), olle);
    expect((await sync.syncOnce()).recorded).toBe(2);
    const refused = await h.store.changesSince(cursor);
    expect(refused.map((c) => [c.kind, c.actorName])).toEqual([
      ['edit.refused', 'Rita Läsare'],
      ['edit.refused', 'Olle Okänd'],
    ]);
    const board = await h.store.getBoardData('intraservice');
    expect(board.statusUpdates.some((s) => s.text === 'Rita skriver' || s.text === 'Olle skriver')).toBe(false);
  });

  it('an existing status row edited by the CISO is a correction: status.corrected with both texts, the board shows the new one', async () => {
    const row = item('DPO Statusuppdateringar', () => true);
    const cursor = await h.store.latestChangeSeq();
    const oldText = row.fields.StatusText;
    h.server.userEdit('DPO Statusuppdateringar', row.id, { StatusText: 'Rättad text' }, anna);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'status.corrected',
      actorId: 'anna',
      entityId: `status:${row.id}`,
      before: { text: oldText },
      after: { text: 'Rättad text' },
    });
    const board = await h.store.getBoardData('intraservice');
    expect(board.statusUpdates.find((s) => s.id === row.id)?.text).toBe('Rättad text');
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it('an assessment changed in place by a reader is put back as it was, with one edit.refused', async () => {
    const row = item('DPO Bedömningar', () => true);
    const level = row.fields.Level;
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit('DPO Bedömningar', row.id, { Level: '1 – Inte uppfylld', Comment: 'Rita tycker annat' }, rita);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'edit.refused',
      actorId: 'rita',
      after: { what: 'assessment', action: 'edit', attempted: { level: 1, comment: 'Rita tycker annat' } },
    });
    expect(h.server.items('DPO Bedömningar').find((i) => i.id === row.id)!.fields).toMatchObject({ Level: level });
    expect((await sync.syncOnce()).recorded).toBe(0);
  });

  it('an assessment corrected in place by the DPO keeps both values in one assessment.corrected', async () => {
    const row = item('DPO Bedömningar', () => true);
    const cursor = await h.store.latestChangeSeq();
    h.server.userEdit('DPO Bedömningar', row.id, { Level: '2 – Delvis uppfylld' }, dag);
    expect((await sync.syncOnce()).recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change?.kind).toBe('assessment.corrected');
    expect((change?.before as { level: number }).level).not.toBe(2);
    expect(change?.after).toMatchObject({ level: 2 });
  });

  it('a row deleted in the list becomes one item.deleted with what the board knew, also seen by two instances', async () => {
    const other = new SharePointData({ graph: graphFor(h.server), site: h.server.siteId, scale: DEFAULT_SCALE });
    const otherSync = new DirectEditSync(other, new SharePointAppState(other), resolveEditor);
    await otherSync.syncOnce();
    const row = item('DPO Aktiviteter', () => true);
    const cursor = await h.store.latestChangeSeq();
    h.server.userDelete('DPO Aktiviteter', row.id);
    const [a, b] = await Promise.all([sync.syncOnce(), otherSync.syncOnce()]);
    expect(a.recorded + b.recorded).toBe(1);
    const [change] = await h.store.changesSince(cursor);
    expect(change).toMatchObject({
      kind: 'item.deleted',
      entityId: `activity:${row.id}`,
      before: { text: row.fields.ActivityText },
      after: null,
    });
  });

  it('an instance started from saved cursors still knows what a deletion deleted', async () => {
    await sync.syncOnce();
    const row = item('DPO Statusuppdateringar', () => true);
    // A new process: its first sync starts from the cursors the first instance saved, so its deltas hold nothing old.
    const restarted = new DirectEditSync(h.data, new SharePointAppState(h.data), resolveEditor);
    expect((await restarted.syncOnce()).seen).toBe(0);
    const cursor = await h.store.latestChangeSeq();
    h.server.userDelete('DPO Statusuppdateringar', row.id);
    expect((await restarted.syncOnce()).recorded).toBe(1);
    expect((await h.store.changesSince(cursor))[0]).toMatchObject({ kind: 'item.deleted', before: { text: row.fields.StatusText } });
  });

  it('control characters typed in a status are stripped, in the list too; a status for a closed year is refused', async () => {
    const cp4 = item('DPO Kontrollpunkter', (f) => f.Number === 4);
    const cursor = await h.store.latestChangeSeq();
    const row = h.server.userCreate(
      'DPO Statusuppdateringar',
      {
        Title: 'KP 4',
        UnitKey: 'intraservice',
        Year: 2023,
        ControlPointLookupId: String(cp4.id),
        StatusDate: '2026-11-20T23:00:00Z',
        StatusText: 'Granskat\u0000 av\u0007 juristen',
      },
      anna,
    );
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect((await h.store.changesSince(cursor))[0]?.after).toMatchObject({ text: 'Granskat av juristen' });
    expect(h.server.items('DPO Statusuppdateringar').find((i) => i.id === row.id)!.fields.StatusText).toBe('Granskat av juristen');
    await h.store.startYear(
      { unitId: 'intraservice' },
      {
        actor: { id: 'dag', displayName: 'Dag', roles: ['dpo'], grants: [{ role: 'dpo' as const, units: '*' as const }] },
        source: 'api',
        now: at,
      },
    );
    expect((await sync.syncOnce()).recorded).toBe(0);
    const later = await h.store.latestChangeSeq();
    h.server.userCreate(
      'DPO Statusuppdateringar',
      {
        Title: 'KP 4',
        UnitKey: 'intraservice',
        Year: 2023,
        ControlPointLookupId: String(cp4.id),
        StatusDate: '2026-11-21T23:00:00Z',
        StatusText: 'För sent',
      },
      anna,
    );
    expect((await sync.syncOnce()).recorded).toBe(1);
    expect((await h.store.changesSince(later))[0]).toMatchObject({
      kind: 'edit.refused',
      after: { reason: { en: expect.stringMatching(/closed/) } },
    });
  });
});

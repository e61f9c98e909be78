/**
 * The SharePoint store under faults: writes under If-Match (a 412 is re-read and merged, or
 * reported as a conflict, never a silent overwrite), throttled board reads, and a change
 * record that cannot be written undoing its item.
 * listitem-update (If-Match / 412): https://learn.microsoft.com/en-us/graph/api/listitem-update
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRecord, NewChange } from '../../../src/domain/model.js';
import type { WriteContext } from '../../../src/domain/rules.js';
import { seedContext } from '../../../src/store/open.js';
import type { DelegatedCredential } from '../../../src/store/port.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { SharePointData } from '../../../src/store/sharepoint/data-access.js';
import type { ItemFields, ListKey } from '../../../src/store/sharepoint/schema.js';
import { startHarness, type Harness } from './harness.js';

/** Data access with faults the test arms: something to do before the next PATCH, a change log that refuses appends. */
class FaultyData extends SharePointData {
  beforeNextPatch: (() => void) | undefined;
  afterNextPatch: (() => void) | undefined;
  appendFailure: Error | undefined;

  override async patchItem<K extends ListKey>(
    key: K,
    itemId: string,
    fields: ItemFields<K>,
    eTag: string,
    as?: DelegatedCredential,
  ): Promise<string | null> {
    const before = this.beforeNextPatch;
    this.beforeNextPatch = undefined;
    before?.();
    const written = await super.patchItem(key, itemId, fields, eTag, as);
    const after = this.afterNextPatch;
    this.afterNextPatch = undefined;
    after?.();
    return written;
  }

  override async appendChange(change: NewChange, as?: DelegatedCredential): Promise<ChangeRecord> {
    if (this.appendFailure) throw this.appendFailure;
    return super.appendChange(change, as);
  }
}

const anna = { id: 'aad-anna', displayName: 'Anna Svensson' };
const ciso: WriteContext = {
  actor: { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso' as const, units: '*' as const }] },
  source: 'api',
  now: new Date('2026-11-28T12:00:00Z'),
};
const dpo: WriteContext = {
  ...ciso,
  actor: { id: 'dpo', displayName: 'DPO', roles: ['dpo'], grants: [{ role: 'dpo' as const, units: '*' as const }] },
};

describe('SharePoint store under faults', () => {
  let h: Harness;
  let data: FaultyData;
  beforeEach(async () => {
    h = await startHarness({ pageSize: 4 }, { data: (options) => (data = new FaultyData(options)) });
    await h.store.importSeed(readSeedFile(), seedContext(ciso.now));
  });
  afterEach(async () => h.dispose());

  /** Makes a person edit the item just before the store's next PATCH lands. */
  function editBeforeNextWrite(list: string, id: number, fields: Record<string, unknown>): void {
    data.beforeNextPatch = () => h.server.userEdit(list, id, fields, anna);
  }

  it('a 412 after someone changed another field is re-read and merged', async () => {
    const row = h.server.items('DPO Aktiviteter').find((i) => i.fields.State === 'Planerad')!;
    editBeforeNextWrite('DPO Aktiviteter', row.id, { DueTo: '2027-Q4' });
    const from = h.server.requests.length;
    const saved = await h.store.updateActivity('intraservice', row.id, { state: 'done' }, ciso);
    expect(saved).toMatchObject({ state: 'done', dueTo: '2027-Q4' });
    expect(h.server.requests.slice(from).map((r) => r.status)).toContain(412);
    expect(h.server.list('DPO Aktiviteter').items.get(row.id)!.fields).toMatchObject({ State: 'Klar', DueTo: '2027-Q4' });
  });

  it('a 412 after someone changed the same field is a conflict, and their value stays', async () => {
    const row = h.server.items('DPO Anvisningar').find((i) => i.fields.Number === 11)!;
    editBeforeNextWrite('DPO Anvisningar', row.id, { State: 'Pågående' });
    const cursor = await h.store.latestChangeSeq();
    await expect(h.store.updateInstruction('intraservice', 11, { state: 'done' }, ciso)).rejects.toMatchObject({ code: 'conflict' });
    expect(h.server.list('DPO Anvisningar').items.get(row.id)!.fields.State).toBe('Pågående');
    expect(await h.store.changesSince(cursor)).toEqual([]);
  });

  it('reads the board through throttling and unavailability, inside and outside the batch', async () => {
    h.server.faults.push(
      { path: /\$batch/, status: 429, retryAfter: '0.05' },
      { path: /DPO|lists\/[^/]+\/items\?/, status: 503, inBatch: true, times: 2 },
      { path: /skiptoken/, status: 504, retryAfter: '0' },
    );
    const board = await h.store.getBoardData('intraservice');
    expect(board.controlPoints).toHaveLength(12);
    expect(board.activities).toHaveLength(readSeedFile().activities.length);
    expect(h.server.faults.every((f) => (f.times ?? 1) === 0)).toBe(true);
  });

  it('a board read is one round trip plus paging', async () => {
    await h.store.getBoardData('intraservice');
    h.server.pageSize = 1000;
    h.server.emptyFirstPages = false;
    const from = h.server.requests.length;
    await h.store.getBoardData('intraservice');
    expect(h.server.countSince(from)).toBe(1);
  });

  // listitem-update answers a fieldValueSet without an eTag: the app state reads the item back for it.
  it('an app-state entry written over by someone else between its PATCH and the read-back is not written again blindly', async () => {
    const state = new SharePointAppState(data);
    const created = await state.put('sync:probe', 1, null);
    const mine = await state.put('sync:probe', 2, created);
    expect(mine).not.toBeNull();
    expect(await state.put('sync:probe', 3, mine)).not.toBeNull();
    const again = (await state.get<number>('sync:probe'))!;
    data.afterNextPatch = () => h.server.userEdit('DPO Board App State', Number(again.itemId), { Value: '"theirs"' }, anna);
    const racing = await state.put('sync:probe', 4, again);
    expect(racing).not.toBeNull();
    expect(await state.put('sync:probe', 5, racing)).toBeNull();
    expect((await state.get<unknown>('sync:probe'))!.value).toBe('theirs');
  });

  it('when the change record cannot be written, the new item is removed again', async () => {
    data.appendFailure = new Error('change log unavailable');
    await expect(
      h.store.addAssessment({ unitId: 'intraservice', year: 2023, controlPoint: 3, level: 4, comment: '' }, dpo),
    ).rejects.toThrow(/change log unavailable/);
    data.appendFailure = undefined;
    expect((await h.store.getControlPointData('intraservice', 3)).assessments).toHaveLength(1);
  });

  it('when a status request’s change record (statusRequest.created) cannot be written, the request is removed again', async () => {
    const ask = { unitId: 'intraservice', year: 2023, controlPoint: 4, askedId: '29:ciso', askedName: 'CISO', dueDate: '2026-12-05' };
    data.appendFailure = new Error('change log unavailable');
    await expect(h.store.statusRequests.create(ask, dpo)).rejects.toThrow(/change log unavailable/);
    data.appendFailure = undefined;
    expect(h.server.items('DPO Statusförfrågningar')).toEqual([]);
    expect(await h.store.statusRequests.listOpen('intraservice')).toEqual([]);
  });
});

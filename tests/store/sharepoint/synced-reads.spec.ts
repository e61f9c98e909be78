/**
 * Reads served from synced state (SyncedReadStore over the SharePoint store, wired by
 * createDirectEdits as the server wires it), against the local Graph test server:
 *  - the BoardStore contracts still hold (every write is read back at once);
 *  - what reaches Graph does not depend on how many people read: a hundred viewers reading at
 *    once cost what one costs, and nothing at all until the synced state moves;
 *  - a direct edit reaches every viewer after one sync, and one re-read shared by all;
 *  - while Graph throttles (429 + Retry-After, https://learn.microsoft.com/en-us/graph/throttling),
 *    no sync starts, reads keep the last synced board, and the freshness says since when.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharePointSettings } from '../../../src/config.js';
import { seedContext } from '../../../src/store/open.js';
import type { BoardStore } from '../../../src/store/port.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { createDirectEdits, type DirectEdits } from '../../../src/store/sharepoint/direct-edits.js';
import { describeStoreContract } from '../contract.js';
import { describeYearContract } from '../year-contract.js';
import { anna, resolveEditor } from './editors.js';
import { startHarness, type Harness } from './harness.js';

function settingsFor(h: Harness): SharePointSettings {
  return {
    site: h.server.siteUrl,
    graphBaseUrl: h.server.url,
    auth: { kind: 'token', token: h.server.token },
    timeoutMs: 5000,
    syncIntervalMs: 3_600_000,
    safetyPollMs: 3_600_000,
    readSyncMs: 3_600_000,
    publicUrl: undefined,
    webhookClientState: undefined,
  };
}

async function served(): Promise<{ h: Harness; edits: DirectEdits; store: BoardStore; changed: () => number }> {
  const h = await startHarness({ pageSize: 20 });
  let changed = 0;
  const edits = createDirectEdits(h.data, h.state, settingsFor(h), { resolveEditor, onChanged: () => (changed += 1) });
  return { h, edits, store: edits.serveReads(h.store), changed: () => changed };
}

const make = async () => {
  const { h, store } = await served();
  return { store, dispose: () => h.dispose() };
};
describeStoreContract('SharePoint served from synced state', make);
describeYearContract('SharePoint served from synced state', make);

describe('Graph requests do not grow with viewers', () => {
  let h: Harness;
  let edits: DirectEdits;
  let store: BoardStore;
  let changed: () => number;

  beforeEach(async () => {
    ({ h, edits, store, changed } = await served());
    await store.importSeed(readSeedFile(), seedContext());
    await edits.schedule.poke();
  });
  afterEach(async () => h.dispose());

  const viewers = (n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        Promise.all([store.getBoardData('intraservice'), store.changesSince(0, 50), store.latestChangeSeq()]),
      ),
    );

  it('one viewer and a hundred at once cost the same: one load each view, then nothing until the state moves', async () => {
    let from = h.server.requests.length;
    await viewers(1);
    const one = h.server.countSince(from);
    expect(one).toBeGreaterThan(0);
    // The store's first loads are done; a fresh state needs them again, once for everyone.
    await edits.schedule.poke();
    from = h.server.requests.length;
    await viewers(100);
    expect(h.server.countSince(from)).toBe(0);
    from = h.server.requests.length;
    for (let round = 0; round < 10; round += 1) await viewers(100);
    expect(h.server.countSince(from)).toBe(0);
  });

  it('a direct edit reaches every viewer after one sync and one shared re-read', async () => {
    await viewers(1);
    const row = h.server.items('DPO Anvisningar').find((i) => i.fields.Number === 5)!;
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, anna);
    const before = changed();
    await edits.schedule.poke();
    expect(changed()).toBe(before + 1);
    const from = h.server.requests.length;
    const plans = await Promise.all(Array.from({ length: 100 }, () => store.getActionPlanData('intraservice')));
    expect(plans.every((p) => p.instructions.find((i) => i.number === 5)?.state === 'done')).toBe(true);
    const hundred = h.server.countSince(from);
    // The same after the next edit with a single viewer: one load, whoever and however many ask.
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Pågående' }, anna);
    await edits.schedule.poke();
    const again = h.server.requests.length;
    expect((await store.getActionPlanData('intraservice')).instructions.find((i) => i.number === 5)?.state).toBe('ongoing');
    expect(hundred).toBeGreaterThan(0);
    expect(hundred).toBe(h.server.countSince(again));
  });

  it('while Graph throttles, no sync starts and reads keep the last synced board, said to be as of the last sync', async () => {
    const board = await store.getBoardData('intraservice');
    const { asOf } = edits.schedule.freshness();
    expect(asOf).not.toBeNull();
    // Graph answers a 429 with Retry-After: 60 (the middleware records it so; tests/graph/budget.spec.ts).
    h.data.graph.budget.recordThrottled(60_000);
    const row = h.server.items('DPO Anvisningar').find((i) => i.fields.Number === 6)!;
    h.server.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, anna);
    const from = h.server.requests.length;
    await edits.schedule.poke();
    expect(edits.schedule.freshness()).toEqual({ asOf, stale: true, reason: 'throttled' });
    expect(await store.getBoardData('intraservice')).toEqual(board);
    // Even after a write moved the state, a view already read is served as it was rather than waiting on Graph.
    (store as unknown as { invalidate(): void }).invalidate();
    expect(await store.getBoardData('intraservice')).toEqual(board);
    expect(h.server.countSince(from)).toBe(0);
    expect(h.data.graph.budget.usage()).toMatchObject({ throttledLastMinute: 1, backoffSeconds: 60 });
  });
});

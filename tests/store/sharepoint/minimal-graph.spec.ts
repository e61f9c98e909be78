/**
 * The SharePoint store against a plainer Graph: one that refuses $filter on list items and
 * whose delta pages carry items without their fields. The store falls back to reading whole
 * lists (filtering in the app) and to reading changed items by id; the contract still holds,
 * and direct edits are still picked up once.
 */
import { describe, expect, it } from 'vitest';
import { seedContext } from '../../../src/store/open.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { DirectEditSync } from '../../../src/store/sharepoint/sync.js';
import { describeStoreContract } from '../contract.js';
import { startHarness } from './harness.js';
import { resolveEditor } from './editors.js';

const options = { refuseFilters: true, deltaWithoutFields: true };

describeStoreContract('SharePoint via a Graph without $filter and with bare delta items', async () => {
  const h = await startHarness(options);
  return { store: h.store, dispose: () => h.dispose() };
});

describe('direct edits through a Graph whose delta omits fields', () => {
  it('reads the changed items by id and records the edit once', async () => {
    const h = await startHarness(options);
    try {
      await h.store.importSeed(readSeedFile(), seedContext());
      const sync = new DirectEditSync(h.data, h.state, resolveEditor);
      await sync.syncOnce();
      const cursor = await h.store.latestChangeSeq();
      const row = h.server.items('DPO Anvisningar').find((i) => i.fields.Number === 9)!;
      h.server.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, { id: 'aad-anna', displayName: 'Anna' });
      expect((await sync.syncOnce()).recorded).toBe(1);
      expect((await sync.syncOnce()).recorded).toBe(0);
      const changes = await h.store.changesSince(cursor);
      expect(changes.map((c) => [c.kind, c.source, c.entityId])).toEqual([['instruction.updated', 'sharepoint', 'instruction:IIFS 09']]);
    } finally {
      await h.dispose();
    }
  });
});

/**
 * Channel tabs saved at the same moment on two instances are all kept (src/store/channel-tabs.ts: a save or a
 * removal is a compare-and-swap on the app-state setting, AppStateStore.updateSetting, whose behaviour on
 * SharePoint's eTags is tested in the app-state contract and tests/store/channel-units-race.spec.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { CHANNEL_TABS_SETTING, ChannelTabs } from '../../src/store/channel-tabs.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

describe('channel tabs saved at the same moment on two instances over one SQLite file', () => {
  let dir: string;
  let stores: SqliteStore[];

  beforeEach(() => {
    dir = tempDataDir();
    const file = path.join(dir, 'tabs.sqlite');
    stores = [openSqliteStore({ file, scale: DEFAULT_SCALE }), openSqliteStore({ file, scale: DEFAULT_SCALE })];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the tabs of twelve channels saved at once through both, and removes only the tab that was asked', async () => {
    const [a, b] = stores.map((s) => new ChannelTabs(s.appState));
    const tab = (i: number) => ({
      channelId: `19:c${i}@thread.tacv2`,
      entityId: `dpo-board-${i}`,
      savedAt: '2026-11-30T10:00:00Z',
      savedBy: 'dpo',
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? b : a)!.save(tab(i))));
    const kept = (await stores[0]!.appState.getSetting(CHANNEL_TABS_SETTING)) as Record<string, { entityId: string }>;
    expect(Object.keys(kept)).toHaveLength(12);
    const [gone, stale] = await Promise.all([a!.remove(tab(3).channelId, 'dpo-board-3'), b!.remove(tab(4).channelId, 'another-tab')]);
    expect([gone, stale]).toEqual([true, false]);
    await b!.load();
    expect(b!.entityIdOf(tab(3).channelId)).toBeUndefined();
    expect(b!.entityIdOf(tab(4).channelId)).toBe('dpo-board-4');
    expect(b!.list()).toHaveLength(11);
  });
});

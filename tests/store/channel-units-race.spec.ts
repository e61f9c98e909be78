/**
 * Follows made at the same moment on two instances are all kept (src/store/channel-units.ts: a follow is a
 * compare-and-swap on the app-state setting, AppStateStore.updateSetting).
 *  - SQLite: two store objects over one file, a dozen channels following units at once through both.
 *  - SharePoint: two stores on one site of the strict Graph test server. Instance b's write is held back until
 *    instance a has read and written, so b writes under a stale eTag; the server answers 412 as Graph does
 *    (https://learn.microsoft.com/en-us/graph/api/listitem-update, If-Match) and b reads again and keeps both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../src/domain/model.js';
import type { Actor } from '../../src/domain/roles.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { StaticTokenProvider } from '../../src/graph/auth.js';
import { GraphApi } from '../../src/graph/client.js';
import { ChannelUnits, CHANNEL_UNITS_SETTING } from '../../src/store/channel-units.js';
import type { AppStateStore, BoardStore } from '../../src/store/port.js';
import { SharePointData } from '../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../src/store/sharepoint/open.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fetchTrusting, testCert } from '../graph/tls.js';
import { tempDataDir } from '../helpers/server.js';
import { startHarness, type Harness } from './sharepoint/harness.js';

const unit = (id: string): Unit => ({
  id,
  name: id,
  nameEn: id,
  organisation: 'Göteborgs Stad',
  archived: false,
  example: false,
  responsible: [],
  version: 1,
});
const UNITS = ['intraservice', 'kultur', 'skola', 'park'].map(unit);
const reader: Actor = { id: 'person', displayName: 'Person', roles: ['reader'], grants: [{ role: 'reader', units: '*' }] };
const channelUnits = (state: AppStateStore) =>
  new ChannelUnits(state, { defaultUnit: 'intraservice', listUnits: () => Promise.resolve(UNITS) });

/** The kept follows, conversation -> unit. */
async function followed(state: AppStateStore): Promise<Record<string, string>> {
  const kept = (await state.getSetting(CHANNEL_UNITS_SETTING)) as Record<string, { unitId: string }>;
  return Object.fromEntries(Object.entries(kept).map(([id, f]) => [id, f.unitId]));
}

describe('follows at the same moment on two instances over one SQLite file', () => {
  let dir: string;
  let stores: SqliteStore[];

  beforeEach(() => {
    dir = tempDataDir();
    const file = path.join(dir, 'follows.sqlite');
    stores = [openSqliteStore({ file, scale: DEFAULT_SCALE }), openSqliteStore({ file, scale: DEFAULT_SCALE })];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every follow of twelve channels made at once through both instances', async () => {
    const [a, b] = stores.map((s) => channelUnits(s.appState));
    const wanted = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`19:c${i}@thread.tacv2`, UNITS[(i % 3) + 1]!.id]));
    const results = await Promise.all(Object.entries(wanted).map(([id, unitId], i) => (i % 2 ? b : a)!.follow(id, unitId, reader)));
    expect(results.every((r) => r.changed && r.previous === 'intraservice')).toBe(true);
    expect(await followed(stores[0]!.appState)).toEqual(wanted);
    // Each instance answers every channel from what it reads now.
    for (const units of [a!, b!]) {
      const map = await units.fresh();
      for (const [id, unitId] of Object.entries(wanted)) expect(map.unitOf(id)).toBe(unitId);
    }
  });
});

describe('follows at the same moment on two instances of one SharePoint site (strict Graph test server)', { timeout: 60_000 }, () => {
  let h: Harness;
  let other: BoardStore;
  /** Statuses instance b got for its writes of the app-state list's items. */
  const bWrites: number[] = [];
  /** While set, instance b's next item write waits for this before it is sent. */
  let holdBackB: (() => Promise<unknown>) | undefined;

  beforeAll(async () => {
    h = await startHarness({ pageSize: 20 });
    const trusting = fetchTrusting(testCert().cert);
    const fetchOfB: typeof trusting = async (input, init = {}) => {
      const isItemWrite =
        init.method === 'PATCH' &&
        /\/items\/[^/]+\/fields$/.test(new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).pathname);
      if (isItemWrite && holdBackB) {
        const hold = holdBackB;
        holdBackB = undefined;
        await hold();
      }
      const response = await trusting(input, init);
      if (isItemWrite) bWrites.push(response.status);
      return response;
    };
    const graphOfB = new GraphApi({ baseUrl: h.server.url, tokens: new StaticTokenProvider(h.server.token), fetch: fetchOfB });
    other = sharePointOn(new SharePointData({ graph: graphOfB, site: h.server.siteUrl, scale: DEFAULT_SCALE })).store;
  });
  afterAll(async () => {
    await other.close();
    await h.dispose();
  });

  it('b writes under a stale eTag, gets 412, reads again and keeps both follows', async () => {
    const a = channelUnits(h.store.appState);
    const b = channelUnits(other.appState);
    // The setting exists, so both instances change the same item.
    await a.follow('19:first@thread.tacv2', 'park', reader);
    // b has read the setting when its write is held back; a follows another channel meanwhile.
    holdBackB = () => a.follow('19:a@thread.tacv2', 'kultur', reader);
    const result = await b.follow('19:b@thread.tacv2', 'skola', reader);

    expect(result).toMatchObject({ unit: { id: 'skola' }, previous: 'intraservice', changed: true });
    expect(bWrites).toEqual([412, 200]);
    expect(await followed(h.store.appState)).toEqual({
      '19:first@thread.tacv2': 'park',
      '19:a@thread.tacv2': 'kultur',
      '19:b@thread.tacv2': 'skola',
    });
    expect((await a.fresh()).unitOf('19:b@thread.tacv2')).toBe('skola');
    expect((await b.fresh()).unitOf('19:a@thread.tacv2')).toBe('kultur');
  });
});

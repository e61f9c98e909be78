/**
 * The schedule on the SharePoint store: two instances (two stores, each with its own Graph
 * client) on one site of the Graph test server send each digest and reminder once, and once the
 * week's and the day's runs are done, ticking costs no Graph request at all, however often it ticks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostOutcome } from '../../src/changes/status-posts.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { findResponsible } from '../../src/schedule/reminders.js';
import { Scheduler, type ScheduledPoster } from '../../src/schedule/scheduler.js';
import { importSeedFile } from '../../src/store/open.js';
import type { BoardStore, SavedConversation } from '../../src/store/port.js';
import { SharePointData } from '../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../src/store/sharepoint/open.js';
import { graphFor, startHarness, type Harness } from '../store/sharepoint/harness.js';

const MONDAY = new Date('2026-11-30T07:05:00Z');
const conversation = (id: string, scope: SavedConversation['scope']): SavedConversation => ({
  id,
  scope,
  subscribed: false,
  locale: 'sv',
  reference: { conversation: { id } },
  updatedAt: '2026-11-01T09:00:00.000Z',
});

describe('the schedule on SharePoint (Graph test server)', { timeout: 120_000 }, () => {
  let h: Harness;
  let other: BoardStore;
  const sent: string[] = [];
  let clock = MONDAY;
  const poster: ScheduledPoster = {
    digest: (c, d): Promise<PostOutcome> => {
      sent.push(`digest ${c.id} ${d.week}`);
      return Promise.resolve({ kind: 'delivered' });
    },
    reminder: (c, items): Promise<PostOutcome> => {
      sent.push(`reminder ${c.id} ${items.length}`);
      return Promise.resolve({ kind: 'delivered' });
    },
  };
  const scheduler = (store: BoardStore) =>
    new Scheduler({
      store,
      poster,
      unitId: 'intraservice',
      findResponsible: findResponsible({ fromTeamsAccount: () => Promise.reject(new Error('nobody has a personal chat here')) }),
      digest: { day: 'monday', time: '08:00', timeZone: 'Europe/Stockholm' },
      reminders: { time: '08:00', timeZone: 'Europe/Stockholm' },
      leaseMs: 60_000,
      retryLaterMs: 30_000,
      checkMs: 60_000,
      now: () => clock,
      log: () => undefined,
    });

  beforeAll(async () => {
    h = await startHarness();
    await importSeedFile(h.store);
    other = sharePointOn(new SharePointData({ graph: graphFor(h.server), site: h.server.siteId, scale: DEFAULT_SCALE })).store;
    await h.store.appState.saveConversation(conversation('19:a@thread.tacv2', 'channel'));
    await h.store.appState.saveConversation(conversation('19:b@thread.tacv2', 'channel'));
  });
  afterAll(async () => {
    await other.close();
    await h.dispose();
  });

  it('sends each message once from two instances, then asks Graph nothing more that day', async () => {
    const [a, b] = [scheduler(h.store), scheduler(other)];
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(sent.filter((s) => s.startsWith('digest')).sort()).toEqual([
      'digest 19:a@thread.tacv2 2026-W49',
      'digest 19:b@thread.tacv2 2026-W49',
    ]);
    expect(sent.filter((s) => s.startsWith('reminder'))).toHaveLength(2);

    // The instance that did not run a job learns from its cursor that it is done (one read each), then stops asking.
    clock = new Date(MONDAY.getTime() + 5 * 60_000);
    await Promise.all([a.tick(), b.tick()]);
    const from = h.server.requests.length;
    for (let minute = 6; minute < 60; minute += 1) {
      clock = new Date(MONDAY.getTime() + minute * 60_000);
      await Promise.all([a.tick(), b.tick()]);
    }
    expect(h.server.countSince(from)).toBe(0);
    expect(sent).toHaveLength(4);
  });
});

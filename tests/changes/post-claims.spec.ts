/**
 * Post claims across instances: the app state's leases and forward-only cursors, as two
 * instances see them through two separate connections to one store (two SQLite connections
 * on one file; two SharePoint stores on one site of the local Graph test server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostClaims } from '../../src/changes/post-claims.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import type { AppStateStore, BoardStore } from '../../src/store/port.js';
import { SharePointData } from '../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../src/store/sharepoint/open.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';
import { graphFor, startHarness } from '../store/sharepoint/harness.js';

interface TwoInstances {
  a: AppStateStore;
  b: AppStateStore;
  dispose(): Promise<void>;
}

function sqliteInstances(): Promise<TwoInstances> {
  const dir = tempDataDir();
  const file = path.join(dir, 'shared.sqlite');
  const stores: BoardStore[] = [openSqliteStore({ file, scale: DEFAULT_SCALE }), openSqliteStore({ file, scale: DEFAULT_SCALE })];
  return Promise.resolve({
    a: stores[0]!.appState,
    b: stores[1]!.appState,
    async dispose() {
      for (const s of stores) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

async function sharePointInstances(): Promise<TwoInstances> {
  const h = await startHarness();
  // A second instance: its own Graph client and data access on the same site.
  const { store: other } = sharePointOn(new SharePointData({ graph: graphFor(h.server), site: h.server.siteId, scale: DEFAULT_SCALE }));
  return {
    a: h.store.appState,
    b: other.appState,
    async dispose() {
      await other.close();
      await h.dispose();
    },
  };
}

const T0 = new Date('2026-11-30T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;

describe.each([
  ['SQLite, two connections to one file', sqliteInstances],
  ['SharePoint, two stores on one site (Graph test server)', sharePointInstances],
])('post claims: %s', (_name, make) => {
  let two: TwoInstances;
  beforeEach(async () => {
    two = await make();
  });
  afterEach(async () => {
    await two.dispose();
  });

  it('gives a lease to exactly one of many concurrent callers', async () => {
    const tries = await Promise.all([two.a, two.b, two.a, two.b, two.a, two.b].map((s) => s.acquireLease('post:x', T0, LEASE)));
    expect(tries.filter((l) => l !== null)).toHaveLength(1);
    expect(await two.b.acquireLease('post:x', at(LEASE - 1), LEASE)).toBeNull();
  });

  it('lets another instance take an expired lease over; the old holder can then neither renew, complete nor release it', async () => {
    const old = (await two.a.acquireLease('post:y', T0, LEASE))!;
    const taken = await two.b.acquireLease('post:y', at(LEASE), LEASE);
    expect(taken).not.toBeNull();
    expect(await two.a.renewLease(old, at(LEASE + 1), LEASE)).toBeNull();
    expect(await two.a.completeLease(old, at(LEASE + 1))).toBe(false);
    await two.a.releaseLease(old);
    // Still held by b: nobody else gets it.
    expect(await two.a.acquireLease('post:y', at(LEASE + 2), LEASE)).toBeNull();
    expect(await two.b.renewLease(taken!, at(LEASE + 3), LEASE)).not.toBeNull();
  });

  it('keeps a renewed lease past its first expiry, and frees a released one at once', async () => {
    const lease = (await two.a.acquireLease('post:z', T0, LEASE))!;
    const renewed = (await two.a.renewLease(lease, at(LEASE - 10), LEASE))!;
    expect(renewed.expiresAt).toBe(at(2 * LEASE - 10).toISOString());
    expect(await two.b.acquireLease('post:z', at(LEASE + 5), LEASE)).toBeNull();
    await two.a.releaseLease(renewed);
    expect(await two.b.acquireLease('post:z', at(LEASE + 6), LEASE)).not.toBeNull();
  });

  it('never hands out a completed claim again (claimOnce sees it claimed); a kept one comes back after keepMs', async () => {
    const lease = (await two.a.acquireLease('reminder:c1:2026-11-30', T0, LEASE))!;
    expect(await two.a.completeLease(lease, at(1))).toBe(true);
    expect(await two.b.acquireLease('reminder:c1:2026-11-30', at(10 * LEASE), LEASE)).toBeNull();
    expect(await two.b.claimOnce('reminder:c1:2026-11-30', at(10 * LEASE))).toBe(false);
    const kept = (await two.a.acquireLease('digest:c1:week-48', T0, LEASE))!;
    // Whole seconds: a SharePoint date and time column keeps no milliseconds.
    expect(await two.a.completeLease(kept, T0, 1000)).toBe(true);
    expect(await two.b.acquireLease('digest:c1:week-48', at(999), LEASE)).toBeNull();
    expect(await two.b.acquireLease('digest:c1:week-48', at(1000), LEASE)).not.toBeNull();
  });

  it('moves a cursor forward only, whichever instance writes last', async () => {
    expect(await two.a.advanceCursor('status-posts:c1', 7)).toBe(7);
    expect(await two.b.advanceCursor('status-posts:c1', 5)).toBe(7);
    expect(await two.b.getCursor('status-posts:c1')).toBe(7);
    const results = await Promise.all([9, 12, 10, 11].map((v, i) => (i % 2 ? two.a : two.b).advanceCursor('status-posts:c1', v)));
    expect(Math.max(...results)).toBe(12);
    expect(await two.a.getCursor('status-posts:c1')).toBe(12);
    await expect(two.a.advanceCursor('status-posts:c1', -1)).rejects.toThrow();
  });

  it('PostClaim.keep renews only once half the lease is gone, and says false once the claim was taken over', async () => {
    let now = T0;
    const claimsA = new PostClaims({ state: two.a, leaseMs: LEASE, now: () => now });
    const claimsB = new PostClaims({ state: two.b, leaseMs: LEASE, now: () => now });
    const claim = (await claimsA.claim('status-posts:c2'))!;
    now = at(LEASE / 2 - 1);
    expect(await claim.keep()).toBe(true);
    now = at(LEASE - 1);
    expect(await claim.keep()).toBe(true); // renewed here, until LEASE - 1 + LEASE
    now = at(LEASE + 1);
    expect(await claimsB.claim('status-posts:c2')).toBeNull();
    now = at(2 * LEASE);
    const takeover = await claimsB.claim('status-posts:c2');
    expect(takeover).not.toBeNull();
    expect(await claim.keep()).toBe(false);
    await claim.release();
    expect(await claimsA.claim('status-posts:c2')).toBeNull();
    await takeover!.release();
    expect(await claimsA.claim('status-posts:c2')).not.toBeNull();
  });
});

/**
 * The weekly digest reads the change log once per run, however many units it serves (issue 14 left-over):
 * three units followed by three channels, a log longer than one page (the digest reads 500 changes a page),
 * and each unit's digest still holds exactly the unit's news of the week - the same changes a plain filter of
 * the whole log gives. A SQLite store, with its changesSince counted; the clock is injected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../src/domain/model.js';
import type { Actor } from '../../src/domain/roles.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import type { WeeklyDigest } from '../../src/schedule/weekly-digest.js';
import { ChannelUnits } from '../../src/store/channel-units.js';
import { importSeedFile } from '../../src/store/open.js';
import type { BoardStore } from '../../src/store/port.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

const SE = 'Europe/Stockholm';
/** Monday of ISO week 49, 08:05 in Stockholm: the digest (Monday 08:00) covers 23 Nov 08:00 - 30 Nov 08:00. */
const MONDAY = new Date('2026-11-30T07:05:00Z');
const WEEK_FROM = Date.parse('2026-11-23T07:00:00Z');
const WEEK_TO = Date.parse('2026-11-30T07:00:00Z');
const UNITS = ['intraservice', 'kultur', 'park'] as const;
const admin: Actor = { id: 'admin', displayName: 'Admin', roles: ['admin'], grants: [{ role: 'admin', units: '*' }] };
const ciso: Actor = { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso', units: '*' }] };

/** The store, with every changesSince call's cursor written down. */
function counting(store: BoardStore, cursors: number[]): BoardStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'changesSince') {
        return (cursor: number, limit?: number) => {
          cursors.push(cursor);
          return target.changesSince(cursor, limit);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('the weekly digest reads the change log once per run', () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(async () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'digest.sqlite'), scale: DEFAULT_SCALE });
    await importSeedFile(store);
    const created = { source: 'api' as const, now: new Date('2026-11-02T09:00:00Z'), actor: admin };
    await store.createUnit(
      { id: 'kultur', name: 'Kulturförvaltningen', nameEn: 'Culture', organisation: 'Göteborgs Stad', year: 2026 },
      created,
    );
    await store.createUnit({ id: 'park', name: 'Park och natur', nameEn: 'Parks', organisation: 'Göteborgs Stad', year: 2026 }, created);
    // 600 activities: before the week, in it and after it, in turn over the three units (more than one page of the log).
    const times = ['2026-11-20T10:00:00Z', '2026-11-23T07:00:00Z', '2026-11-26T12:00:00Z', '2026-11-30T07:00:00Z'];
    for (let i = 0; i < 600; i += 1) {
      await store.createActivity(
        {
          unitId: UNITS[i % 3]!,
          controlPoint: (i % 12) + 1,
          text: `Aktivitet ${i}`,
          state: 'planned',
          dueFrom: null,
          dueTo: '2027-Q2',
          workPackage: null,
        },
        { source: 'api', actor: ciso, now: new Date(times[i % 4]!) },
      );
    }
    const following = new ChannelUnits(store.appState, { defaultUnit: 'intraservice', listUnits: () => store.listUnits() });
    for (const unit of UNITS) {
      const id = `19:${unit}@thread.tacv2`;
      await store.appState.saveConversation({
        id,
        scope: 'channel',
        subscribed: false,
        locale: 'sv',
        reference: {},
        updatedAt: '2026-11-01T09:00:00.000Z',
      });
      await following.follow(id, unit, admin);
    }
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The unit's news of the week as a plain filter of the whole log says it (what each unit's own read gave before). */
  async function newsOf(unitId: string): Promise<ChangeRecord[]> {
    const all = await store.changesSince(0, 100_000);
    return all.filter((c) => {
      const at = Date.parse(c.at);
      return c.unitId === unitId && at >= WEEK_FROM && at < WEEK_TO && c.kind !== 'seed.imported';
    });
  }

  it('sends each unit the same changes as before, from one pass over the log', async () => {
    const cursors: number[] = [];
    const digests: WeeklyDigest[] = [];
    const following = new ChannelUnits(store.appState, { defaultUnit: 'intraservice', listUnits: () => store.listUnits() });
    const scheduler = new Scheduler({
      store: counting(store, cursors),
      poster: {
        digest: (_c, digest) => Promise.resolve(void digests.push(digest)).then(() => ({ kind: 'delivered' as const })),
        reminder: () => Promise.resolve({ kind: 'delivered' as const }),
      },
      unitId: 'intraservice',
      following: () => following.fresh(),
      findResponsible: () => Promise.resolve([]),
      digest: { day: 'monday', time: '08:00', timeZone: SE },
      reminders: null,
      leaseMs: 60_000,
      retryLaterMs: 30_000,
      checkMs: 60_000,
      now: () => MONDAY,
      log: () => undefined,
    });
    await scheduler.tick();

    expect(digests.map((d) => d.unitId).sort()).toEqual([...UNITS].sort());
    for (const digest of digests) {
      const expected = await newsOf(digest.unitId);
      // 600 activities in turn over 3 units and 4 times: 100 of each unit's 200 fall in the week
      // (the 23rd at 08:00 is in it, the 30th at 08:00 is the next week's).
      expect(expected).toHaveLength(100);
      expect(digest.changes.map((c) => c.seq)).toEqual(expected.map((c) => c.seq));
    }
    const logLength = (await store.changesSince(0, 100_000)).length;
    expect(logLength).toBeGreaterThan(500);
    // One pass: the log is read from its start once, page by page (500 a page).
    expect(cursors.filter((c) => c === 0)).toHaveLength(1);
    expect(cursors).toHaveLength(Math.floor(logLength / 500) + 1);
  });
});

/**
 * Reminders and the weekly digest, exactly once: two schedulers on one SQLite file (two instances),
 * a restart, a failed post, a run taken over from a killed instance. The clock is injected and each
 * step is one tick: nothing waits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostOutcome } from '../../src/changes/status-posts.js';
import type { Actor } from '../../src/domain/roles.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { findResponsible } from '../../src/schedule/reminders.js';
import { Scheduler, digestKey, type ScheduledPoster } from '../../src/schedule/scheduler.js';
import type { WeeklyDigest } from '../../src/schedule/weekly-digest.js';
import type { DueWork } from '../../src/schedule/work-due.js';
import { importSeedFile } from '../../src/store/open.js';
import type { SavedConversation } from '../../src/store/port.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ChannelUnits } from '../../src/store/channel-units.js';
import { tempDataDir } from '../helpers/server.js';

const SE = 'Europe/Stockholm';
/** Monday of ISO week 49, 08:05 in Stockholm: the digest (Monday 08:00) and the reminders (08:00) are due. */
const MONDAY = new Date('2026-11-30T07:05:00Z');
const hours = (h: number, from = MONDAY) => new Date(from.getTime() + h * 3_600_000);
const LEASE = 60_000;

const conv = (id: string, scope: SavedConversation['scope'], locale: 'sv' | 'en' = 'sv', user?: { id: string; name: string }) => ({
  id,
  scope,
  subscribed: false,
  locale,
  reference: { conversation: { id, tenantId: 't' }, ...(user ? { user } : {}) },
  updatedAt: '2026-11-01T09:00:00.000Z',
});

/** Records what was sent; a conversation's answers can be scripted (429, 403…). */
class RecordingPoster implements ScheduledPoster {
  digests: { conversation: string; digest: WeeklyDigest }[] = [];
  reminders: { conversation: string; items: DueWork[] }[] = [];
  script = new Map<string, PostOutcome[]>();
  private answer(id: string): PostOutcome {
    return this.script.get(id)?.shift() ?? { kind: 'delivered' };
  }
  digest(c: SavedConversation, digest: WeeklyDigest): Promise<PostOutcome> {
    const outcome = this.answer(c.id);
    if (outcome.kind === 'delivered') this.digests.push({ conversation: c.id, digest });
    return Promise.resolve(outcome);
  }
  reminder(c: SavedConversation, items: DueWork[]): Promise<PostOutcome> {
    const outcome = this.answer(c.id);
    if (outcome.kind === 'delivered') this.reminders.push({ conversation: c.id, items });
    return Promise.resolve(outcome);
  }
}

/** The identity module's answer for Teams users: Megan is the CISO, everyone else reads. */
const identity = {
  fromTeamsAccount: (a: { id: string; name?: string | undefined }): Promise<Actor> =>
    Promise.resolve({
      id: a.id,
      displayName: a.name ?? a.id,
      roles: a.id === 'user-ciso' ? ['ciso'] : ['reader'],
      grants: [{ role: a.id === 'user-ciso' ? 'ciso' : 'reader', units: '*' }],
    }),
};

describe('Scheduler', () => {
  let dir: string;
  let file: string;
  const stores: SqliteStore[] = [];
  let poster: RecordingPoster;
  let clock = MONDAY;
  const open = () => {
    const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
    stores.push(store);
    return store;
  };
  const scheduler = (store: SqliteStore, over: Partial<ConstructorParameters<typeof Scheduler>[0]> = {}) =>
    new Scheduler({
      store,
      poster,
      unitId: 'intraservice',
      findResponsible: findResponsible(identity),
      digest: { day: 'monday', time: '08:00', timeZone: SE },
      reminders: { time: '08:00', timeZone: SE },
      leaseMs: LEASE,
      retryLaterMs: 30_000,
      checkMs: 60_000,
      now: () => clock,
      log: () => undefined,
      ...over,
    });
  const sentTo = () => ({
    digests: poster.digests.map((d) => d.conversation),
    reminders: poster.reminders.map((r) => r.conversation),
  });

  beforeEach(async () => {
    dir = tempDataDir();
    file = path.join(dir, 'schedule.sqlite');
    const store = open();
    await importSeedFile(store);
    for (const c of [
      conv('channel', 'channel'),
      conv('channel-en', 'channel', 'en'),
      conv('chat-ciso', 'personal', 'sv', { id: 'user-ciso', name: 'Megan Bowen' }),
      conv('chat-reader', 'personal', 'sv', { id: 'user-reader', name: 'Läsare' }),
    ]) {
      await store.appState.saveConversation(c);
    }
    poster = new RecordingPoster();
    clock = MONDAY;
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the other checks (status requests past due) on every tick with its own clock, and logs a failing one', async () => {
    const seen: string[] = [];
    const logged: string[] = [];
    const failing = () => Promise.reject(new Error('down'));
    const s = scheduler(stores[0]!, {
      digest: null,
      reminders: null,
      alsoOnTick: [failing, (now) => Promise.resolve(seen.push(now.toISOString()))],
      log: (message) => logged.push(message),
    });
    clock = new Date('2026-12-01T10:00:00Z');
    await s.tick();
    clock = new Date('2026-12-01T10:01:00Z');
    await s.tick();
    expect(seen).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-01T10:01:00.000Z']);
    expect(logged).toEqual(['schedule: a check failed', 'schedule: a check failed']);
  });

  it('sends nothing before the configured time, then the digest to every channel and each reminder once', async () => {
    const store = stores[0]!;
    clock = new Date('2026-11-30T06:55:00Z');
    await scheduler(store).tick();
    expect(sentTo()).toEqual({ digests: [], reminders: [] });

    clock = MONDAY;
    await scheduler(store).tick();
    expect(sentTo().digests).toEqual(['channel', 'channel-en']);
    expect(poster.digests[0]!.digest.week).toBe('2026-W49');
    // The control points' owner is "CISO Intraservice": the CISO's personal chat gets the activities.
    const toCiso = poster.reminders.find((r) => r.conversation === 'chat-ciso')!;
    expect(toCiso.items.length).toBeGreaterThan(0);
    expect(toCiso.items.every((i) => i.kind === 'activity' && i.due < '2026-11-30')).toBe(true);
    // Work packages name nobody: the channels are reminded of them.
    for (const channel of ['channel', 'channel-en']) {
      const items = poster.reminders.find((r) => r.conversation === channel)!.items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.kind === 'workPackage')).toBe(true);
    }
    expect(sentTo().reminders).not.toContain('chat-reader');

    const before = JSON.stringify(sentTo());
    clock = hours(3);
    await scheduler(store).tick();
    expect(JSON.stringify(sentTo())).toBe(before);
  });

  it('lets two instances on one file send each message once, and a restart send none again', async () => {
    const [a, b] = [scheduler(stores[0]!), scheduler(open())];
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(sentTo().digests.sort()).toEqual(['channel', 'channel-en']);
    expect(sentTo().reminders.sort()).toEqual(['channel', 'channel-en', 'chat-ciso']);

    for (const s of stores.splice(0)) await s.close();
    clock = hours(1);
    await scheduler(open()).tick();
    expect(sentTo().digests).toHaveLength(2);
    expect(sentTo().reminders).toHaveLength(3);
  });

  it('reminds of an item at most once a week, and again the next week', async () => {
    const store = stores[0]!;
    await scheduler(store).tick();
    const first = poster.reminders.length;
    clock = hours(24); // Tuesday: reminders run again, every item was reminded this week
    await scheduler(store).tick();
    expect(poster.reminders).toHaveLength(first);
    clock = hours(24 * 7); // next Monday
    await scheduler(store).tick();
    expect(poster.reminders).toHaveLength(first * 2);
    expect(poster.digests.map((d) => d.digest.week)).toEqual(['2026-W49', '2026-W49', '2026-W50', '2026-W50']);
  });

  it('leaves a channel that switched the digest off without it, and keeps reminding it', async () => {
    const store = stores[0]!;
    const channel = (await store.appState.getConversation('channel'))!;
    await store.appState.saveConversation({ ...channel, digest: false });
    await scheduler(store).tick();
    expect(sentTo().digests).toEqual(['channel-en']);
    expect(sentTo().reminders).toContain('channel');
  });

  it('tries a throttled post again later without sending the others twice', async () => {
    const store = stores[0]!;
    poster.script.set('channel', [{ kind: 'retry', reason: '429' }]);
    const s = scheduler(store, { reminders: null });
    await s.tick();
    expect(sentTo().digests).toEqual(['channel-en']);
    clock = new Date(MONDAY.getTime() + 10_000);
    await s.tick(); // before retryLaterMs: not yet
    expect(sentTo().digests).toEqual(['channel-en']);
    clock = new Date(MONDAY.getTime() + 31_000);
    await s.tick();
    expect(sentTo().digests).toEqual(['channel-en', 'channel']);
    clock = new Date(MONDAY.getTime() + 3_600_000);
    await s.tick();
    expect(sentTo().digests).toHaveLength(2);
  });

  it('forgets a conversation that removed the app', async () => {
    const store = stores[0]!;
    poster.script.set('channel-en', [{ kind: 'gone', reason: '403' }]);
    await scheduler(store).tick();
    expect(await store.appState.getConversation('channel-en')).toBeNull();
  });

  it('takes over the run of an instance killed in the middle, skipping what it had sent', async () => {
    const store = stores[0]!;
    // The killed instance held this week's digest run and had sent the digest to "channel".
    const dead = await store.appState.acquireLease('digest-run:2026-W49', MONDAY, LEASE);
    const sent = await store.appState.acquireLease(digestKey('channel', '2026-W49'), MONDAY, LEASE / 2);
    await store.appState.completeLease(sent!, MONDAY);
    expect(dead).not.toBeNull();
    const s = scheduler(store, { reminders: null });
    await s.tick();
    expect(sentTo().digests).toEqual([]);
    clock = new Date(MONDAY.getTime() + LEASE + 1);
    await s.tick();
    expect(sentTo().digests).toEqual(['channel-en']);
  });

  it('puts the week’s changes, what became overdue, what was finished and the next deadlines in the digest', async () => {
    const store = stores[0]!;
    const monday = new Date('2026-10-05T06:05:00Z'); // 08:05 summer time; the week covers 28 Sep – 5 Oct
    const ciso = {
      actor: { id: 'ciso', displayName: 'Anna', roles: ['ciso' as const], grants: [{ role: 'ciso' as const, units: '*' as const }] },
      source: 'api' as const,
    };
    const due = await store.createActivity(
      { unitId: 'intraservice', controlPoint: 4, text: 'Slut i Q3', state: 'planned', dueFrom: null, dueTo: '2026-Q3', workPackage: null },
      { ...ciso, now: new Date('2026-09-20T10:00:00Z') },
    );
    const done = await store.createActivity(
      {
        unitId: 'intraservice',
        controlPoint: 2,
        text: 'Klar i veckan',
        state: 'ongoing',
        dueFrom: null,
        dueTo: '2026-Q4',
        workPackage: null,
      },
      { ...ciso, now: new Date('2026-09-20T10:00:00Z') },
    );
    const later = await store.createActivity(
      { unitId: 'intraservice', controlPoint: 7, text: 'Nästa år', state: 'planned', dueFrom: null, dueTo: '2027-Q1', workPackage: null },
      { ...ciso, now: new Date('2026-09-20T10:00:00Z') },
    );
    await store.updateActivity(
      'intraservice',
      done.id,
      { state: 'done', expectedVersion: done.version },
      { ...ciso, now: new Date('2026-10-01T09:00:00Z') },
    );
    clock = monday;
    await scheduler(store, { reminders: null }).tick();
    const digest = poster.digests[0]!.digest;
    expect(digest.week).toBe('2026-W41');
    expect(digest.changes.map((c) => c.entityId)).toEqual([`activity:${done.id}`]);
    expect(digest.finished.map((c) => c.entityId)).toEqual([`activity:${done.id}`]);
    expect(digest.becameOverdue.map((w) => w.key)).toEqual([`activity:${due.id}`]);
    expect(digest.overdueCount).toBeGreaterThan(1);
    expect(digest.next.map((w) => w.key)).toContain(`activity:${later.id}`);
    expect(digest.next.every((w) => w.due >= '2026-10-05')).toBe(true);
    expect(digest.next.map((w) => w.due)).toEqual([...digest.next.map((w) => w.due)].sort());
  });
});

/**
 * Issue 14 item 4: each unit's digest and reminders go to the channels that follow it (src/store/channel-units.ts),
 * under one lease per unit and period, so two instances do not post twice.
 */
describe('Scheduler, per unit', () => {
  let dir: string;
  let file: string;
  const stores: SqliteStore[] = [];
  let sent: { conversation: string; kind: 'digest' | 'reminder'; unitId: string; items: string[] }[];
  const admin: Actor = { id: 'admin', displayName: 'Admin', roles: ['admin'], grants: [{ role: 'admin', units: '*' }] };
  const cisoOfKultur: Actor = { id: 'ciso-k', displayName: 'CISO Kultur', roles: ['ciso'], grants: [{ role: 'ciso', units: ['kultur'] }] };
  /** Megan is the CISO of Intraservice only: nobody has a chat as Kultur's CISO, so its reminders go to its channel. */
  const unitIdentity = {
    fromTeamsAccount: (a: { id: string; name?: string | undefined }): Promise<Actor> =>
      Promise.resolve({
        id: a.id,
        displayName: a.name ?? a.id,
        roles: ['ciso'],
        grants: a.id === 'user-ciso' ? [{ role: 'ciso', units: ['intraservice'] }] : [],
      }),
  };
  const poster: ScheduledPoster = {
    digest: (c, digest) => {
      sent.push({ conversation: c.id, kind: 'digest', unitId: digest.unitId, items: [] });
      return Promise.resolve({ kind: 'delivered' });
    },
    reminder: (c, items, unitId) => {
      sent.push({ conversation: c.id, kind: 'reminder', unitId, items: items.map((i) => i.title) });
      return Promise.resolve({ kind: 'delivered' });
    },
  };
  const open = () => {
    const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
    stores.push(store);
    return store;
  };
  const channelUnits = (store: SqliteStore) =>
    new ChannelUnits(store.appState, { defaultUnit: 'intraservice', listUnits: () => store.listUnits() });
  const scheduler = (store: SqliteStore) =>
    new Scheduler({
      store,
      poster,
      unitId: 'intraservice',
      following: () => channelUnits(store).fresh(),
      findResponsible: findResponsible(unitIdentity),
      digest: { day: 'monday', time: '08:00', timeZone: SE },
      reminders: { time: '08:00', timeZone: SE },
      leaseMs: LEASE,
      retryLaterMs: 30_000,
      checkMs: 60_000,
      now: () => MONDAY,
      log: () => undefined,
    });

  beforeEach(async () => {
    dir = tempDataDir();
    file = path.join(dir, 'units.sqlite');
    const store = open();
    await importSeedFile(store);
    const at = { source: 'api' as const, now: new Date('2026-11-02T09:00:00Z') };
    for (const [id, name] of [
      ['kultur', 'Kulturförvaltningen'],
      ['tyst', 'Tysta förvaltningen'],
    ] as const) {
      await store.createUnit({ id, name, nameEn: name, organisation: 'Göteborgs Stad', year: 2026 }, { ...at, actor: admin });
    }
    await store.createActivity(
      {
        unitId: 'kultur',
        controlPoint: 4,
        text: 'Kulturs försenade aktivitet',
        state: 'planned',
        dueFrom: null,
        dueTo: '2026-Q1',
        workPackage: null,
      },
      { ...at, actor: cisoOfKultur },
    );
    for (const c of [
      conv('channel', 'channel'),
      conv('ch-kultur', 'channel'),
      conv('chat-ciso', 'personal', 'sv', { id: 'user-ciso', name: 'Megan Bowen' }),
    ]) {
      await store.appState.saveConversation(c);
    }
    await channelUnits(store).follow('ch-kultur', 'kultur', admin);
    sent = [];
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sends each unit's digest and reminders to the channels that follow it, and nothing for a unit nobody follows", async () => {
    await scheduler(stores[0]!).tick();
    const digests = sent.filter((s) => s.kind === 'digest').map((s) => [s.conversation, s.unitId]);
    expect(digests.sort()).toEqual([
      ['ch-kultur', 'kultur'],
      ['channel', 'intraservice'],
    ]);
    const reminders = sent.filter((s) => s.kind === 'reminder');
    // Kultur's overdue activity goes to Kultur's channel (nobody responsible has a chat), never to Intraservice's.
    expect(reminders.filter((r) => r.unitId === 'kultur')).toEqual([
      { conversation: 'ch-kultur', kind: 'reminder', unitId: 'kultur', items: ['Kulturs försenade aktivitet'] },
    ]);
    expect(reminders.filter((r) => r.unitId === 'intraservice').every((r) => r.conversation !== 'ch-kultur')).toBe(true);
    expect(sent.some((s) => s.unitId === 'tyst')).toBe(false);
    const state = stores[0]!.appState;
    expect(await state.getCursor('schedule:digest:kultur')).toBe(202649);
    expect(await state.getCursor('schedule:digest')).toBe(202649);
    expect(await state.getCursor('schedule:reminders:kultur')).toBe(20261130);
  });

  it('lets two instances tick at once and a restart tick again: every message once', async () => {
    const a = scheduler(stores[0]!);
    const b = scheduler(open());
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    const once = sent.map((s) => `${s.kind}:${s.conversation}:${s.unitId}`);
    expect(new Set(once).size).toBe(once.length);
    expect(once).toContain('digest:ch-kultur:kultur');
    expect(once).toContain('reminder:ch-kultur:kultur');
    const before = sent.length;
    await scheduler(open()).tick();
    expect(sent).toHaveLength(before);
  });

  it('a channel that follows another unit from now on gets that unit in the next run', async () => {
    await channelUnits(stores[0]!).follow('channel', 'kultur', admin);
    await scheduler(stores[0]!).tick();
    const digests = sent.filter((s) => s.kind === 'digest').map((s) => [s.conversation, s.unitId]);
    expect(digests.sort()).toEqual([
      ['ch-kultur', 'kultur'],
      ['channel', 'kultur'],
    ]);
  });
});

/** The exactly-once status-post notifier, on a real SQLite file, with a scripted poster. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../src/domain/model.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import {
  changesFor,
  conversationCursor,
  isUnitLifecycle,
  GLOBAL_CURSOR,
  planPosts,
  StatusPostNotifier,
  type PostOutcome,
  type StatusPost,
} from '../../src/changes/status-posts.js';
import { importSeedFile } from '../../src/store/open.js';
import type { SavedConversation } from '../../src/store/port.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ChannelUnits, FollowingMap } from '../../src/store/channel-units.js';
import { tempDataDir } from '../helpers/server.js';

const ciso: WriteContext = {
  actor: { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso', units: ['intraservice'] }] },
  source: 'api',
  now: new Date('2026-11-28T10:00:00Z'),
};
const conv = (id: string, scope: SavedConversation['scope'], subscribed = false): SavedConversation => ({
  id,
  scope,
  subscribed,
  locale: 'sv',
  reference: { conversation: { id } },
  updatedAt: '2026-11-28T09:00:00.000Z',
});

/** A poster that records deliveries and answers from a per-conversation script. */
class ScriptedPoster {
  delivered: { conversation: string; seqs: number[]; digest: boolean }[] = [];
  calls = 0;
  script = new Map<string, PostOutcome[]>();
  post(post: StatusPost): Promise<PostOutcome> {
    this.calls += 1;
    const next = this.script.get(post.conversation.id)?.shift();
    if (next && next.kind !== 'delivered') return Promise.resolve(next);
    this.delivered.push({ conversation: post.conversation.id, seqs: post.changes.map((c) => c.seq), digest: post.digest });
    return Promise.resolve({ kind: 'delivered' });
  }
}

describe('StatusPostNotifier', () => {
  let dir: string;
  let store: SqliteStore;
  let poster: ScriptedPoster;
  const logs: string[] = [];
  const make = () =>
    new StatusPostNotifier({
      store,
      poster,
      baseDelayMs: 5,
      maxDelayMs: 20,
      maxAttempts: 3,
      retryLaterMs: 60_000,
      log: (m) => logs.push(m),
    });
  const status = (n: number) =>
    store.addStatusUpdate(
      { unitId: 'intraservice', year: 2023, controlPoint: n, statusDate: '2026-11-28', text: `Status ${n}`, unitLevel: null },
      ciso,
    );

  beforeEach(async () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'posts.sqlite'), scale: DEFAULT_SCALE });
    await importSeedFile(store);
    poster = new ScriptedPoster();
    logs.length = 0;
    await store.appState.saveConversation(conv('channel', 'channel'));
    await store.appState.saveConversation(conv('chat-subscribed', 'personal', true));
    await store.appState.saveConversation(conv('chat-quiet', 'personal', false));
    await store.appState.saveConversation(conv('group', 'groupChat', false));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts after the history and posts each status change to channels and subscribed chats only', async () => {
    const notifier = make();
    await notifier.start();
    expect(await store.appState.getCursor(GLOBAL_CURSOR)).toBe(await store.latestChangeSeq());
    expect(poster.delivered).toEqual([]);
    const s = await status(4);
    await store.createActivity(
      { unitId: 'intraservice', controlPoint: 4, text: 'Ny', state: 'planned', dueFrom: null, dueTo: null, workPackage: null },
      ciso,
    );
    await notifier.run();
    const seq = (await store.changesSince(0, 10_000)).find((c) => c.entityId === `status:${s.id}`)!.seq;
    expect(poster.delivered).toEqual([
      { conversation: 'channel', seqs: [seq], digest: false },
      { conversation: 'chat-subscribed', seqs: [seq], digest: false },
    ]);
    await notifier.run();
    expect(poster.delivered).toHaveLength(2);
    expect(await store.appState.getCursor(GLOBAL_CURSOR)).toBe(await store.latestChangeSeq());
  });

  it('makes one digest of more changes than the threshold, and single posts up to it', async () => {
    const notifier = make();
    await notifier.start();
    for (const n of [1, 2, 3]) await status(n);
    await notifier.run();
    expect(poster.delivered.filter((d) => d.conversation === 'channel').map((d) => d.digest)).toEqual([false, false, false]);
    for (const n of [4, 5, 6, 7]) await status(n);
    await notifier.run();
    const last = poster.delivered.filter((d) => d.conversation === 'channel').at(-1)!;
    expect(last.digest).toBe(true);
    expect(last.seqs).toHaveLength(4);
  });

  it('forgets a conversation that removed the app and keeps posting to the others', async () => {
    const notifier = make();
    await notifier.start();
    poster.script.set('chat-subscribed', [{ kind: 'gone', reason: '403' }]);
    await status(1);
    await notifier.run();
    expect(await store.appState.getConversation('chat-subscribed')).toBeNull();
    expect(poster.delivered.map((d) => d.conversation)).toEqual(['channel']);
    expect(logs.join('\n')).toContain('forgetting it');
  });

  it('skips a post the channel refuses for good, and says so', async () => {
    const notifier = make();
    await notifier.start();
    poster.script.set('channel', [{ kind: 'rejected', reason: '400 bad card' }]);
    await status(1);
    await status(2);
    await notifier.run();
    expect(poster.delivered.filter((d) => d.conversation === 'channel')).toHaveLength(1);
    expect(logs.join('\n')).toContain('refused change');
  });

  it('backs off on 429/5xx, gives up for now without moving the cursor, and delivers exactly once later — also from a new instance', async () => {
    const first = make();
    await first.start();
    const retry: PostOutcome = { kind: 'retry', reason: '503' };
    poster.script.set('chat-subscribed', [retry, retry, retry]);
    const globalBefore = await store.appState.getCursor(GLOBAL_CURSOR);
    await status(3);
    await first.run();
    expect(poster.delivered.map((d) => d.conversation)).toEqual(['channel']);
    expect(await store.appState.getCursor(GLOBAL_CURSOR)).toBe(globalBefore);
    expect(logs.join('\n')).toContain('failed 3 times');
    first.stop();
    // A restart: the channel already has its post, the chat gets it now, once.
    const second = make();
    await second.start();
    await second.idle();
    expect(poster.delivered.map((d) => d.conversation)).toEqual(['channel', 'chat-subscribed']);
    second.stop();
    const third = make();
    await third.start();
    expect(poster.delivered).toHaveLength(2);
    third.stop();
  });

  it('gives a conversation that starts listening nothing from before', async () => {
    const notifier = make();
    await notifier.start();
    await status(1);
    await store.appState.saveConversation(conv('late', 'channel'));
    await notifier.startConversationAt('late');
    await status(2);
    await notifier.run();
    expect(poster.delivered.filter((d) => d.conversation === 'late')).toHaveLength(1);
    expect(await store.appState.getCursor(conversationCursor('late'))).toBe(await store.latestChangeSeq());
  });

  it('planPosts splits at the threshold', () => {
    const c = conv('x', 'channel');
    const changes = [1, 2, 3, 4].map((seq) => ({ seq }) as ChangeRecord);
    expect(planPosts(c, changes.slice(0, 3), 3).map((p) => p.digest)).toEqual([false, false, false]);
    expect(planPosts(c, changes, 3)).toEqual([{ conversation: c, changes, digest: true }]);
    expect(planPosts(c, [], 3)).toEqual([]);
  });
});

/** Issue 14 item 4: a change of a unit goes to the conversations that follow it (src/store/channel-units.ts). */
describe('StatusPostNotifier, per unit', () => {
  let dir: string;
  let stores: SqliteStore[];
  let poster: ScriptedPoster;
  const admin = { id: 'admin', displayName: 'Admin', roles: ['admin' as const], grants: [{ role: 'admin' as const, units: '*' as const }] };
  const cisoOf = (unitId: string): WriteContext => ({
    actor: { id: `ciso-${unitId}`, displayName: `CISO ${unitId}`, roles: ['ciso'], grants: [{ role: 'ciso', units: [unitId] }] },
    source: 'api',
    now: new Date('2026-11-28T10:00:00Z'),
  });
  const channelUnits = (store: SqliteStore) =>
    new ChannelUnits(store.appState, { defaultUnit: 'intraservice', listUnits: () => store.listUnits() });
  const make = (store: SqliteStore) =>
    new StatusPostNotifier({ store, poster, following: () => channelUnits(store).fresh(), retryLaterMs: 60_000, log: () => {} });
  const statusIn = async (store: SqliteStore, unitId: string, n: number) => {
    const year = (await store.listYears(unitId)).at(-1)!;
    const s = await store.addStatusUpdate(
      { unitId, year, controlPoint: n, statusDate: '2026-11-28', text: `Status ${unitId} ${n}`, unitLevel: null },
      cisoOf(unitId),
    );
    return (await store.changesSince(0, 10_000)).find((c) => c.entityId === `status:${s.id}`)!.seq;
  };

  beforeEach(async () => {
    dir = tempDataDir();
    const file = path.join(dir, 'units.sqlite');
    stores = [openSqliteStore({ file, scale: DEFAULT_SCALE })];
    await importSeedFile(stores[0]!);
    stores.push(openSqliteStore({ file, scale: DEFAULT_SCALE }));
    await stores[0]!.createUnit(
      { id: 'kultur', name: 'Kulturförvaltningen', nameEn: 'Culture', organisation: 'Göteborgs Stad', year: 2026 },
      { actor: admin, source: 'api', now: new Date('2026-11-28T09:00:00Z') },
    );
    poster = new ScriptedPoster();
    for (const c of [
      conv('ch-intra', 'channel'),
      conv('ch-kultur', 'channel'),
      conv('chat-kultur', 'personal', true),
      conv('chat-intra', 'personal', true),
    ]) {
      await stores[0]!.appState.saveConversation(c);
    }
    const units = channelUnits(stores[0]!);
    await units.follow('ch-kultur', 'kultur', admin);
    await units.follow('chat-kultur', 'kultur', admin);
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("posts a unit's change only to the channels and subscribed chats that follow it; one that never chose follows the default unit", async () => {
    const notifier = make(stores[0]!);
    await notifier.start();
    const intra = await statusIn(stores[0]!, 'intraservice', 4);
    const kultur = await statusIn(stores[0]!, 'kultur', 2);
    await notifier.run();
    const byConversation = [...poster.delivered].sort((a, b) => a.conversation.localeCompare(b.conversation));
    expect(byConversation).toEqual([
      { conversation: 'ch-intra', seqs: [intra], digest: false },
      { conversation: 'ch-kultur', seqs: [kultur], digest: false },
      { conversation: 'chat-intra', seqs: [intra], digest: false },
      { conversation: 'chat-kultur', seqs: [kultur], digest: false },
    ]);
    expect(await stores[0]!.appState.getCursor(GLOBAL_CURSOR)).toBe(await stores[0]!.latestChangeSeq());
  });

  it('obeys a follow made on another instance in its next run', async () => {
    const notifier = make(stores[0]!);
    await notifier.start();
    await channelUnits(stores[1]!).follow('ch-intra', 'kultur', admin);
    const kultur = await statusIn(stores[1]!, 'kultur', 7);
    await statusIn(stores[1]!, 'intraservice', 7);
    await notifier.run();
    const channels = poster.delivered.filter((d) => d.conversation.startsWith('ch-'));
    expect(channels.sort((a, b) => a.conversation.localeCompare(b.conversation))).toEqual([
      { conversation: 'ch-intra', seqs: [kultur], digest: false },
      { conversation: 'ch-kultur', seqs: [kultur], digest: false },
    ]);
  });

  /** ch-kultur chose Kultur, ch-parken chose Parken, ch-intra never chose: it follows the default unit, Intraservice. */
  const following = new FollowingMap(
    Object.fromEntries(
      [
        ['ch-kultur', 'kultur'],
        ['ch-parken', 'parken'],
      ].map(([conversationId, unitId]) => [
        conversationId,
        { conversationId, unitId, followedAt: '2026-11-28T09:00:00.000Z', followedBy: 'dpo' },
      ]),
    ),
    'intraservice',
  );
  const heard = (id: string, changes: Partial<ChangeRecord>[]) =>
    changesFor(conv(id, 'channel'), changes as ChangeRecord[], following).map((c) => c.seq);

  it("a change of every unit (the DPO's scale setup) goes to every conversation", () => {
    const changes = [
      { seq: 1, unitId: '*', kind: 'scale.changed' as const },
      { seq: 2, unitId: 'kultur', kind: 'status.added' as const },
      { seq: 3, unitId: 'intraservice', kind: 'status.added' as const },
    ];
    expect(heard('ch-kultur', changes)).toEqual([1, 2]);
    expect(heard('ch-intra', changes)).toEqual([1, 3]);
    expect(changesFor(conv('ch-intra', 'channel'), changes as ChangeRecord[], undefined)).toHaveLength(3);
  });

  it("a unit's creation, archiving and restoring go to its own followers and the default unit's; its renames only to its own", () => {
    const unit = (archived: boolean, name = 'Parkförvaltningen') => ({ id: 'parken', name, archived });
    const changes = [
      { seq: 1, unitId: 'parken', kind: 'unit.created' as const, before: null, after: unit(false) },
      { seq: 2, unitId: 'parken', kind: 'unit.updated' as const, before: unit(false), after: unit(false, 'Park och natur') },
      { seq: 3, unitId: 'parken', kind: 'unit.archived' as const, before: unit(false), after: unit(true) },
      { seq: 4, unitId: 'parken', kind: 'unit.updated' as const, before: unit(true), after: unit(false) },
      { seq: 5, unitId: 'parken', kind: 'status.added' as const, before: null, after: {} },
    ];
    expect(isUnitLifecycle(changes[0]!)).toBe(true);
    expect(isUnitLifecycle(changes[1]!)).toBe(false);
    expect(heard('ch-intra', changes)).toEqual([1, 3, 4]);
    expect(heard('ch-parken', changes)).toEqual([1, 2, 3, 4, 5]);
    // Another unit's channel hears none of it: in a city of 40 units, each channel keeps to its own board.
    expect(heard('ch-kultur', changes)).toEqual([]);
  });
});

/**
 * Two instances of the app on one store: two connections to one SQLite file, a notifier each,
 * one shared record of what reached the channel. Leases run on a clock the test moves.
 */
describe('StatusPostNotifier, two instances sharing one store', () => {
  const LEASE = 60_000;
  let dir: string;
  let stores: SqliteStore[];
  let delivered: { instance: string; conversation: string; seqs: number[] }[];
  let now: Date;
  const logs: string[] = [];
  /** Scripted answers per instance: a post returns what the hook returns, or is delivered. */
  const hooks = new Map<string, (post: StatusPost) => Promise<PostOutcome | undefined>>();

  const posterOf = (instance: string) => ({
    async post(post: StatusPost): Promise<PostOutcome> {
      await new Promise((r) => setImmediate(r)); // a network round trip: lets the other instance run meanwhile
      const scripted = await hooks.get(instance)?.(post);
      if (scripted) return scripted;
      delivered.push({ instance, conversation: post.conversation.id, seqs: post.changes.map((c) => c.seq) });
      return { kind: 'delivered' };
    },
  });
  const instance = (name: string, store: SqliteStore) =>
    new StatusPostNotifier({
      store,
      poster: posterOf(name),
      baseDelayMs: 5,
      maxDelayMs: 20,
      maxAttempts: 3,
      retryLaterMs: 600_000,
      leaseMs: LEASE,
      now: () => now,
      log: (m) => logs.push(`${name}: ${m}`),
    });
  const status = (store: SqliteStore, n: number) =>
    store.addStatusUpdate(
      { unitId: 'intraservice', year: 2023, controlPoint: n, statusDate: '2026-11-28', text: `Status ${n}`, unitLevel: null },
      ciso,
    );
  const seqsTo = (conversation: string) => delivered.filter((d) => d.conversation === conversation).flatMap((d) => d.seqs);
  const statusSeqs = async () => (await stores[0]!.changesSince(0, 10_000)).filter((c) => c.kind.startsWith('status')).map((c) => c.seq);

  beforeEach(async () => {
    dir = tempDataDir();
    const file = path.join(dir, 'shared.sqlite');
    stores = [openSqliteStore({ file, scale: DEFAULT_SCALE })];
    await importSeedFile(stores[0]!);
    stores.push(openSqliteStore({ file, scale: DEFAULT_SCALE }));
    await stores[0]!.appState.saveConversation(conv('channel', 'channel'));
    await stores[0]!.appState.saveConversation(conv('chat-subscribed', 'personal', true));
    delivered = [];
    now = new Date('2026-11-30T10:00:00Z');
    logs.length = 0;
    hooks.clear();
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('posts every change once when both instances run after every change, at the same time', async () => {
    const a = instance('a', stores[0]!);
    const b = instance('b', stores[1]!);
    await Promise.all([a.start(), b.start()]);
    const before = new Set(await statusSeqs());
    for (let i = 1; i <= 8; i += 1) {
      await status(stores[i % 2]!, i);
      await Promise.all([a.run(), b.run(), a.run(), b.run()]);
    }
    await Promise.all([a.idle(), b.idle()]);
    // Whatever one instance skipped while the other held the claim was posted by the holder.
    const expected = (await statusSeqs()).filter((s) => !before.has(s));
    expect(expected).toHaveLength(8);
    expect(seqsTo('channel')).toEqual(expected);
    expect(seqsTo('chat-subscribed')).toEqual(expected);
    await Promise.all([a.run(), b.run()]);
    expect(delivered).toHaveLength(16);
    a.stop();
    b.stop();
  });

  it('loses nothing when an instance dies holding a claim: the other posts it once the lease has run out', async () => {
    const a = instance('a', stores[0]!);
    const b = instance('b', stores[1]!);
    await Promise.all([a.start(), b.start()]);
    let hung!: () => void;
    const aPosting = new Promise<void>((resolve) => (hung = resolve));
    // Instance a is killed while its post to the channel is in flight: the request never completes.
    hooks.set('a', (post) => (post.conversation.id === 'channel' ? (hung(), new Promise<never>(() => {})) : Promise.resolve(undefined)));
    const seq = (await status(stores[0]!, 4), await stores[0]!.latestChangeSeq());
    void a.run();
    await aPosting;
    await b.run();
    // The channel is a's (claimed); the chat was not claimed yet, so b posted it.
    expect(delivered).toEqual([{ instance: 'b', conversation: 'chat-subscribed', seqs: [seq] }]);
    now = new Date(now.getTime() + LEASE - 1);
    await b.run();
    expect(seqsTo('channel')).toEqual([]);
    now = new Date(now.getTime() + 1);
    await b.run();
    expect(delivered).toEqual([
      { instance: 'b', conversation: 'chat-subscribed', seqs: [seq] },
      { instance: 'b', conversation: 'channel', seqs: [seq] },
    ]);
    // The next change goes on as usual, once.
    await status(stores[1]!, 5);
    await b.run();
    expect(seqsTo('channel')).toEqual([seq, seq + 1]);
    expect(seqsTo('chat-subscribed')).toEqual([seq, seq + 1]);
    b.stop();
  });

  it('a holder that stalled past its lease does not post what another instance took over', async () => {
    const a = instance('a', stores[0]!);
    const b = instance('b', stores[1]!);
    await Promise.all([a.start(), b.start()]);
    await stores[0]!.appState.removeConversation('chat-subscribed');
    // a's first attempt meets a 503; while a backs off, its lease runs out and b takes the channel over.
    hooks.set('a', async () => {
      hooks.delete('a');
      now = new Date(now.getTime() + LEASE);
      await b.run();
      return { kind: 'retry', reason: '503' };
    });
    await status(stores[0]!, 6);
    await a.run();
    expect(delivered.map((d) => d.instance)).toEqual(['b']);
    expect(logs.join('\n')).toContain('a: status posts: the claim on channel expired and was taken over');
    await Promise.all([a.run(), b.run()]);
    expect(delivered).toHaveLength(1);
    a.stop();
    b.stop();
  });
});

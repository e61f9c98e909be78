/** The exactly-once status-post notifier, on a real SQLite file, with a scripted poster. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../src/domain/model.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { conversationCursor, GLOBAL_CURSOR, planPosts, StatusPostNotifier, type PostOutcome, type StatusPost } from '../../src/changes/status-posts.js';
import { importSeedFile } from '../../src/store/open.js';
import type { SavedConversation } from '../../src/store/port.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

const ciso: WriteContext = { actor: { id: 'ciso', displayName: 'CISO', roles: ['ciso'] }, source: 'api', now: new Date('2026-11-28T10:00:00Z') };
const conv = (id: string, scope: SavedConversation['scope'], subscribed = false): SavedConversation => ({
  id, scope, subscribed, locale: 'sv', reference: { conversation: { id } }, updatedAt: '2026-11-28T09:00:00.000Z',
});

/** A poster that records deliveries and answers from a per-conversation script. */
class ScriptedPoster {
  delivered: { conversation: string; seqs: number[]; digest: boolean }[] = [];
  calls = 0;
  script = new Map<string, PostOutcome[]>();
  async post(post: StatusPost): Promise<PostOutcome> {
    this.calls += 1;
    const next = this.script.get(post.conversation.id)?.shift();
    if (next && next.kind !== 'delivered') return next;
    this.delivered.push({ conversation: post.conversation.id, seqs: post.changes.map((c) => c.seq), digest: post.digest });
    return { kind: 'delivered' };
  }
}

describe('StatusPostNotifier', () => {
  let dir: string;
  let store: SqliteStore;
  let poster: ScriptedPoster;
  const logs: string[] = [];
  const make = () => new StatusPostNotifier({ store, poster, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3, retryLaterMs: 60_000, log: (m) => logs.push(m) });
  const status = (n: number) => store.addStatusUpdate({ unitId: 'intraservice', year: 2023, controlPoint: n, statusDate: '2026-11-28', text: `Status ${n}`, unitLevel: null }, ciso);

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
    await store.createActivity({ unitId: 'intraservice', controlPoint: 4, text: 'Ny', state: 'planned', dueFrom: null, dueTo: null, workPackage: null }, ciso);
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

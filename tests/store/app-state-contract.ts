/**
 * The app-state contract (BoardStore.appState): conversations, named cursors and claim-once
 * keys, as the bot and the status-post notifier use them. Every store that runs the bot
 * passes it: call describeAppStateContract from a spec with a factory that gives a fresh
 * store and can reopen it on the same data (a restart).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppStateStore, BoardStore, SavedConversation } from '../../src/store/port.js';

export interface AppStateUnderTest {
  store: BoardStore;
  /** Closes the store and opens it again on the same data, as after a restart. */
  reopen(): Promise<BoardStore>;
  dispose(): Promise<void>;
}

const conversation = (id: string, over: Partial<SavedConversation> = {}): SavedConversation => ({
  id,
  scope: 'channel',
  reference: {
    conversation: { id, isGroup: true, conversationType: 'channel' },
    serviceUrl: 'https://smba.example/emea/',
    channelId: 'msteams',
  },
  locale: 'sv',
  subscribed: false,
  digest: true,
  updatedAt: '2026-11-28T10:00:00.000Z',
  ...over,
});

export function describeAppStateContract(name: string, makeStore: () => Promise<AppStateUnderTest>): void {
  describe(`app state contract: ${name}`, () => {
    let subject: AppStateUnderTest;
    let state: AppStateStore;

    beforeEach(async () => {
      subject = await makeStore();
      if (!subject.store.appState) throw new Error(`${name} has no appState`);
      state = subject.store.appState;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it('saves a conversation once, reports whether it was new, and replaces it on a second save', async () => {
      expect(await state.saveConversation(conversation('19:general@thread.tacv2'))).toEqual({ created: true });
      const again = conversation('19:general@thread.tacv2', {
        locale: 'en',
        reference: { conversation: { id: 'x' } },
        updatedAt: '2026-11-28T11:00:00.000Z',
      });
      expect(await state.saveConversation(again)).toEqual({ created: false });
      expect(await state.getConversation('19:general@thread.tacv2')).toEqual(again);
      expect(await state.listConversations()).toHaveLength(1);
    });

    it('keeps scope, locale, subscription and the reference exactly', async () => {
      const personal = conversation('a:1Xyz-personal', {
        scope: 'personal',
        locale: 'en',
        subscribed: true,
        reference: { user: { id: '29:1abc', name: 'Åsa Öberg' }, nested: [1, 'två', null] },
      });
      await state.saveConversation(personal);
      expect(await state.getConversation(personal.id)).toEqual(personal);
      expect(await state.getConversation('missing')).toBeNull();
    });

    it('lists conversations oldest first and forgets removed ones', async () => {
      await state.saveConversation(conversation('c1'));
      await state.saveConversation(conversation('c2', { scope: 'groupChat' }));
      await state.saveConversation(conversation('c3', { scope: 'personal' }));
      expect((await state.listConversations()).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
      expect(await state.removeConversation('c2')).toBe(true);
      expect(await state.removeConversation('c2')).toBe(false);
      expect((await state.listConversations()).map((c) => c.id)).toEqual(['c1', 'c3']);
    });

    it('keeps the weekly digest on for a new conversation, switches it off, and keeps it off through a save without it and a restart', async () => {
      const { digest: _omitted, ...withoutDigest } = conversation('c-digest');
      await state.saveConversation(withoutDigest);
      expect((await state.getConversation('c-digest'))?.digest).toBe(true);
      await state.saveConversation({ ...withoutDigest, digest: false });
      // Re-installing saves the conversation again without the setting: it stays off.
      await state.saveConversation({ ...withoutDigest, locale: 'en', updatedAt: '2026-11-28T12:00:00.000Z' });
      expect(await state.getConversation('c-digest')).toMatchObject({ digest: false, locale: 'en' });
      expect((await state.listConversations()).find((c) => c.id === 'c-digest')?.digest).toBe(false);
      const reopened = (await subject.reopen()).appState;
      expect((await reopened.getConversation('c-digest'))?.digest).toBe(false);
      await reopened.saveConversation({ ...withoutDigest, digest: true });
      expect((await reopened.getConversation('c-digest'))?.digest).toBe(true);
    });

    it('keeps named cursors apart and moves them both ways', async () => {
      expect(await state.getCursor('status-posts')).toBeNull();
      await state.setCursor('status-posts', 41);
      await state.setCursor('status-posts:c1', 7);
      await state.setCursor('status-posts', 42);
      expect(await state.getCursor('status-posts')).toBe(42);
      expect(await state.getCursor('status-posts:c1')).toBe(7);
      await state.setCursor('status-posts:c1', 0);
      expect(await state.getCursor('status-posts:c1')).toBe(0);
    });

    it('keeps named settings as JSON, apart from each other, and replaces them', async () => {
      expect(await state.getSetting('scale')).toBeNull();
      const setting = { count: 4, direction: 'lowRight', labels: [{ sv: 'Låg', en: 'Low' }], version: 1 };
      await state.putSetting('scale', setting);
      await state.putSetting('other', [1, 2]);
      expect(await state.getSetting('scale')).toEqual(setting);
      await state.putSetting('scale', { ...setting, version: 2 });
      expect(await state.getSetting('scale')).toEqual({ ...setting, version: 2 });
      expect(await state.getSetting('other')).toEqual([1, 2]);
      const reopened = (await subject.reopen()).appState;
      expect(await reopened.getSetting('scale')).toEqual({ ...setting, version: 2 });
    });

    it('updates a setting by compare-and-swap: concurrent changes all count, a change may keep it or refuse', async () => {
      const add = (n: number) => (current: unknown) => [...(Array.isArray(current) ? (current as number[]) : []), n];
      const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => state.updateSetting('follows', add(n))));
      expect(results.every((r) => r.written)).toBe(true);
      expect(((await state.getSetting('follows')) as number[]).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      // Answering undefined keeps the value and writes nothing; a throw leaves it as it was.
      expect(await state.updateSetting('follows', () => undefined)).toEqual({
        written: false,
        value: (await state.getSetting('follows')) as number[],
      });
      await expect(
        state.updateSetting('follows', () => {
          throw new Error('version conflict');
        }),
      ).rejects.toThrow('version conflict');
      expect(((await state.getSetting('follows')) as number[]).length).toBe(6);
      expect(await state.updateSetting('never-set', (current) => ({ was: current }))).toEqual({ written: true, value: { was: null } });
    });

    it('refuses a cursor that is not a sequence number', async () => {
      await expect(state.setCursor('bad', -1)).rejects.toThrow();
      await expect(state.setCursor('bad', 1.5)).rejects.toThrow();
      expect(await state.getCursor('bad')).toBeNull();
    });

    it('claims a key once, also when claimed concurrently', async () => {
      const now = new Date('2026-11-28T10:00:00Z');
      const results = await Promise.all(Array.from({ length: 8 }, () => state.claimOnce('invoke:abc', now)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await state.claimOnce('invoke:abc', new Date('2030-01-01T00:00:00Z'))).toBe(false);
      expect(await state.claimOnce('invoke:other', now)).toBe(true);
    });

    it('lets a claim with a lifetime be claimed again once it has expired', async () => {
      const now = new Date('2026-11-28T10:00:00Z');
      expect(await state.claimOnce('welcome:c1', now, 60_000)).toBe(true);
      expect(await state.claimOnce('welcome:c1', new Date(now.getTime() + 59_000), 60_000)).toBe(false);
      expect(await state.claimOnce('welcome:c1', new Date(now.getTime() + 60_000), 60_000)).toBe(true);
    });

    it('keeps conversations, cursors and claims across a restart', async () => {
      const personal = conversation('p1', { scope: 'personal', subscribed: true, locale: 'en' });
      await state.saveConversation(personal);
      await state.setCursor('status-posts', 99);
      await state.claimOnce('invoke:kept', new Date('2026-11-28T10:00:00Z'));
      const reopened = (await subject.reopen()).appState;
      expect(await reopened.getConversation('p1')).toEqual(personal);
      expect(await reopened.getCursor('status-posts')).toBe(99);
      expect(await reopened.claimOnce('invoke:kept', new Date('2026-11-28T10:00:01Z'))).toBe(false);
    });
  });
}

/**
 * The port's AppStateStore on SharePoint (the bot's conversations, named cursors and
 * claim-once keys), kept in the hidden app-state list and written under eTags so several
 * instances of the app share it safely.
 */
import type { AppStateStore, Lease, SavedConversation, SettingUpdate } from '../port.js';
import type { SharePointAppState, StateEntry } from './app-state.js';

const conversationKey = (id: string) => `conversation:${id}`;
const cursorKey = (name: string) => `cursor:${name}`;
const claimKey = (key: string) => `claim:${key}`;
const settingKey = (name: string) => `setting:${name}`;
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** Conversations saved before the digest setting existed have it on. */
const withDigest = (c: SavedConversation): SavedConversation => ({ ...c, digest: c.digest ?? true });

/** A lease's token is its claim item and that item's eTag: a takeover or a renewal changes the eTag. */
function leaseOf(key: string, entry: StateEntry<string>): Lease {
  return { key, token: JSON.stringify([entry.itemId, entry.eTag, entry.value]), expiresAt: entry.expiresAt ?? '' };
}
function entryOf(lease: Lease): StateEntry<string> {
  const [itemId, eTag, value] = JSON.parse(lease.token) as [string, string, string];
  return { itemId, eTag, value, expiresAt: lease.expiresAt };
}

export class SharePointAppStateStore implements AppStateStore {
  constructor(private readonly state: SharePointAppState) {}

  async saveConversation(conversation: SavedConversation): Promise<{ created: boolean }> {
    // A save without `digest` keeps the saved setting (on for a new conversation).
    const { created } = await this.state.update<SavedConversation>(
      conversationKey(conversation.id),
      (current) => ({ ...conversation, digest: conversation.digest ?? current?.digest ?? true }),
      'conversation',
    );
    return { created };
  }

  async getConversation(id: string): Promise<SavedConversation | null> {
    const saved = (await this.state.get<SavedConversation>(conversationKey(id)))?.value;
    return saved ? withDigest(saved) : null;
  }

  async removeConversation(id: string): Promise<boolean> {
    const entry = await this.state.get(conversationKey(id));
    return entry ? this.state.remove(entry) : false;
  }

  async listConversations(): Promise<SavedConversation[]> {
    return (await this.state.list<SavedConversation>('conversation'))
      .map((e) => e.value)
      .filter((c) => c !== null)
      .map(withDigest);
  }

  async getCursor(name: string): Promise<number | null> {
    const value = (await this.state.get<number>(cursorKey(name)))?.value;
    return typeof value === 'number' ? value : null;
  }

  async setCursor(name: string, value: number): Promise<void> {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cursor ${name}: ${value} is not a sequence number`);
    await this.state.update<number>(cursorKey(name), () => value, 'cursor');
  }

  async getSetting(name: string): Promise<unknown> {
    return (await this.state.get<unknown>(settingKey(name)))?.value ?? null;
  }

  async putSetting(name: string, value: unknown): Promise<void> {
    await this.state.update<unknown>(settingKey(name), () => value, 'setting');
  }

  /** Written under the setting item's eTag (If-Match): a 412 means another instance wrote first, so it reads again. */
  async updateSetting<T>(name: string, change: (current: unknown) => T | undefined): Promise<SettingUpdate<T>> {
    const { written, value } = await this.state.swap<unknown>(settingKey(name), change, { kind: 'setting' });
    return written ? { written, value: value as T } : { written, value };
  }

  async advanceCursor(name: string, value: number): Promise<number> {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cursor ${name}: ${value} is not a sequence number`);
    const { value: now } = await this.state.update<number>(cursorKey(name), (current) => Math.max(current ?? 0, value), 'cursor');
    return now;
  }

  async claimOnce(key: string, now: Date, ttlMs?: number): Promise<boolean> {
    return this.state.claimOnce(claimKey(key), now, ttlMs === undefined ? null : later(now, ttlMs));
  }

  async acquireLease(key: string, now: Date, ttlMs: number): Promise<Lease | null> {
    const entry = await this.state.claim(claimKey(key), now, later(now, ttlMs));
    return entry ? leaseOf(key, entry) : null;
  }

  /** Written under the lease's eTag (If-Match): a 412 means another caller took the key over. */
  async renewLease(lease: Lease, now: Date, ttlMs: number): Promise<Lease | null> {
    const current = entryOf(lease);
    const entry = await this.state.put(claimKey(lease.key), current.value, current, later(now, ttlMs), 'claim');
    return entry ? leaseOf(lease.key, entry) : null;
  }

  async completeLease(lease: Lease, now: Date, keepMs?: number): Promise<boolean> {
    const current = entryOf(lease);
    const keptUntil = keepMs === undefined ? null : later(now, keepMs);
    return (await this.state.put(claimKey(lease.key), current.value, current, keptUntil, 'claim')) !== null;
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.state.remove(entryOf(lease), true);
  }
}

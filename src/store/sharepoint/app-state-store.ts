/**
 * The port's AppStateStore on SharePoint (the bot's conversations, named cursors and
 * claim-once keys), kept in the hidden app-state list and written under eTags so several
 * instances of the app share it safely.
 */
import type { AppStateStore, SavedConversation } from '../port.js';
import type { SharePointAppState } from './app-state.js';

const conversationKey = (id: string) => `conversation:${id}`;
const cursorKey = (name: string) => `cursor:${name}`;
const claimKey = (key: string) => `claim:${key}`;

export class SharePointAppStateStore implements AppStateStore {
  constructor(private readonly state: SharePointAppState) {}

  async saveConversation(conversation: SavedConversation): Promise<{ created: boolean }> {
    const { created } = await this.state.update<SavedConversation>(conversationKey(conversation.id), () => conversation, 'conversation');
    return { created };
  }

  async getConversation(id: string): Promise<SavedConversation | null> {
    return (await this.state.get<SavedConversation>(conversationKey(id)))?.value ?? null;
  }

  async removeConversation(id: string): Promise<boolean> {
    const entry = await this.state.get(conversationKey(id));
    return entry ? this.state.remove(entry) : false;
  }

  async listConversations(): Promise<SavedConversation[]> {
    return (await this.state.list<SavedConversation>('conversation')).map((e) => e.value).filter((c) => c !== null);
  }

  async getCursor(name: string): Promise<number | null> {
    const value = (await this.state.get<number>(cursorKey(name)))?.value;
    return typeof value === 'number' ? value : null;
  }

  async setCursor(name: string, value: number): Promise<void> {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cursor ${name}: ${value} is not a sequence number`);
    await this.state.update<number>(cursorKey(name), () => value, 'cursor');
  }

  async claimOnce(key: string, now: Date, ttlMs?: number): Promise<boolean> {
    return this.state.claimOnce(claimKey(key), now, ttlMs === undefined ? null : new Date(now.getTime() + ttlMs));
  }
}

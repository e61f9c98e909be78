/**
 * Whose Teams clients refresh a card by themselves: a card's `refresh.userIds` lists up to 60 members of the
 * conversation (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards#refresh-model).
 * Teams sends a refresh for every one of those viewers, and each answer carries the list again, so reading the
 * conversation's members (GET /v3/conversations/{id}/pagedmembers, a Bot Connector call) on every answer would
 * cost one cloud call per viewer per refresh. The members are kept per conversation for `ttlMs` instead,
 * forgotten when members join or leave, and one read is shared by the refreshes that arrive at once.
 */

export interface RosterOptions {
  /** How long a conversation's members are kept (ms). */
  ttlMs?: number;
  /** How many conversations are kept; the least recently used is dropped first. */
  maxConversations?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  ids: Promise<string[]>;
}

export const ROSTER_TTL_MS = 10 * 60 * 1000;

export class ConversationRoster {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: RosterOptions = {}) {
    this.ttlMs = options.ttlMs ?? ROSTER_TTL_MS;
    this.max = options.maxConversations ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The conversation's member ids, read with `read` at most once per `ttlMs`; a failed read is not kept. */
  ids(conversationId: string, read: () => Promise<string[]>): Promise<string[]> {
    const kept = this.entries.get(conversationId);
    this.entries.delete(conversationId);
    if (kept && this.now() - kept.at < this.ttlMs) {
      this.entries.set(conversationId, kept);
      return kept.ids;
    }
    const ids = read();
    const entry: Entry = { at: this.now(), ids };
    this.entries.set(conversationId, entry);
    ids.catch(() => this.entries.get(conversationId) === entry && this.entries.delete(conversationId));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
    }
    return ids;
  }

  /** Members joined or left: the next card reads them again. */
  forget(conversationId: string): void {
    this.entries.delete(conversationId);
  }
}

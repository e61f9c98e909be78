/**
 * Status-change posts, exactly once: reads the store's change log from a persisted cursor and
 * hands every status change (isStatusChange) to a poster, once per target conversation (team
 * channels, and personal chats that subscribed). Knows nothing of Bot Framework: the bot
 * implements StatusPoster.
 *
 * Exactly once, also across restarts: each conversation has its own persisted cursor, moved
 * only after its post succeeded; the global cursor moves after every target has its posts.
 * A conversation that removed the app (gone) is forgotten; throttling and server errors are
 * retried with backoff and, when they persist, the run stops without moving any cursor past
 * the failed post, and is tried again later (or after a restart).
 */
import { isStatusChange } from '../domain/changes.js';
import type { ChangeRecord } from '../domain/model.js';
import type { AppStateStore, BoardStore, SavedConversation } from '../store/port.js';

export const GLOBAL_CURSOR = 'status-posts';
export const conversationCursor = (conversationId: string) => `status-posts:${conversationId}`;

export interface StatusPost {
  conversation: SavedConversation;
  /** One change, or (digest) many at once, oldest first. */
  changes: ChangeRecord[];
  digest: boolean;
}

export type PostOutcome =
  | { kind: 'delivered' }
  /** The conversation no longer has the app (403 / 404 from the channel). */
  | { kind: 'gone'; reason: string }
  /** Throttled or a transient failure (429, 5xx, network): try again. */
  | { kind: 'retry'; reason: string; afterMs?: number }
  /** A permanent refusal of this post (another 4xx): retrying cannot help. */
  | { kind: 'rejected'; reason: string };

export interface StatusPoster {
  post(post: StatusPost): Promise<PostOutcome>;
}

export interface StatusPostsOptions {
  store: BoardStore;
  poster: StatusPoster;
  /** More status changes than this for one conversation in one run become one digest card. */
  digestThreshold?: number;
  /** Attempts of one post within a run before the run gives up for now. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** When a run gave up on a post, it is tried again after this long. */
  retryLaterMs?: number;
  batchSize?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Whether a conversation hears status posts: team channels always, chats after subscribing. */
export function isPostTarget(c: SavedConversation): boolean {
  return c.scope === 'channel' || c.subscribed;
}

/** Splits one conversation's pending status changes into posts: each alone, or one digest. */
export function planPosts(conversation: SavedConversation, pending: ChangeRecord[], digestThreshold: number): StatusPost[] {
  if (pending.length === 0) return [];
  if (pending.length > digestThreshold) return [{ conversation, changes: pending, digest: true }];
  return pending.map((change) => ({ conversation, changes: [change], digest: false }));
}

class GaveUp extends Error {}

export class StatusPostNotifier {
  private readonly state: AppStateStore;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private readonly o: Required<Omit<StatusPostsOptions, 'store' | 'poster'>>;

  constructor(private readonly options: StatusPostsOptions) {
    this.state = options.store.appState;
    this.o = {
      digestThreshold: options.digestThreshold ?? 3,
      maxAttempts: options.maxAttempts ?? 5,
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      retryLaterMs: options.retryLaterMs ?? 30_000,
      batchSize: options.batchSize ?? 200,
      log: options.log ?? ((message, error) => console.error(message, error ?? '')),
    };
  }

  /** On the very first start the log so far is history: posts begin with the next change. */
  async start(): Promise<void> {
    if ((await this.state.getCursor(GLOBAL_CURSOR)) === null) {
      await this.state.setCursor(GLOBAL_CURSOR, await this.options.store.latestChangeSeq());
    }
    await this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.abort.abort();
  }

  /** A conversation that starts hearing posts now (installed, subscribed) gets none of the past. */
  async startConversationAt(conversationId: string): Promise<void> {
    await this.state.setCursor(conversationCursor(conversationId), await this.options.store.latestChangeSeq());
  }

  /** Reads the log and posts what is due; runs one at a time, and once more if called meanwhile. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  /** Resolves when no run is in progress or queued (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const global = (await this.state.getCursor(GLOBAL_CURSOR)) ?? 0;
        const batch = await this.options.store.changesSince(global, this.o.batchSize);
        if (batch.length === 0 || this.stopped) return;
        const end = batch.at(-1)!.seq;
        const relevant = batch.filter((c) => isStatusChange(c.kind));
        const targets = (await this.state.listConversations()).filter(isPostTarget);
        for (const conversation of targets) await this.deliver(conversation, relevant, global, end);
        await this.state.setCursor(GLOBAL_CURSOR, end);
      }
    } catch (error) {
      if (error instanceof GaveUp) {
        this.o.log(`status posts: ${error.message}; trying again in ${this.o.retryLaterMs} ms`);
        this.scheduleRetry();
      } else if (!this.stopped) {
        this.o.log('status posts: the run failed', error);
        this.scheduleRetry();
      }
    }
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.run(), this.o.retryLaterMs);
    this.retryTimer.unref();
  }

  private async deliver(conversation: SavedConversation, relevant: ChangeRecord[], global: number, end: number): Promise<void> {
    const name = conversationCursor(conversation.id);
    const from = Math.max(global, (await this.state.getCursor(name)) ?? 0);
    if (from >= end) return;
    const pending = relevant.filter((c) => c.seq > from);
    for (const post of planPosts(conversation, pending, this.o.digestThreshold)) {
      const outcome = await this.postWithRetry(post);
      if (outcome.kind === 'gone') {
        this.o.log(`status posts: conversation ${conversation.id} removed the app (${outcome.reason}); forgetting it`);
        await this.state.removeConversation(conversation.id);
        return;
      }
      if (outcome.kind === 'rejected') {
        this.o.log(`status posts: conversation ${conversation.id} refused change ${post.changes.map((c) => c.seq).join(',')} for good (${outcome.reason}); skipping it`);
      }
      await this.state.setCursor(name, post.changes.at(-1)!.seq);
    }
    await this.state.setCursor(name, end);
  }

  private async postWithRetry(post: StatusPost): Promise<PostOutcome> {
    let last = '';
    for (let attempt = 0; attempt < this.o.maxAttempts; attempt += 1) {
      if (this.stopped) throw new GaveUp('stopped');
      let outcome: PostOutcome;
      try {
        outcome = await this.options.poster.post(post);
      } catch (error) {
        outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
      }
      if (outcome.kind !== 'retry') return outcome;
      last = outcome.reason;
      if (attempt + 1 < this.o.maxAttempts) await this.sleep(this.delay(attempt, outcome.afterMs));
    }
    throw new GaveUp(`posting change ${post.changes.map((c) => c.seq).join(',')} to ${post.conversation.id} failed ${this.o.maxAttempts} times (${last})`);
  }

  /** Exponential backoff with jitter; a Retry-After from the channel wins when longer. */
  private delay(attempt: number, afterMs?: number): number {
    const backoff = this.o.baseDelayMs * 2 ** attempt;
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    return Math.min(this.o.maxDelayMs, Math.max(jittered, afterMs ?? 0));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
}

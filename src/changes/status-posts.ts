/**
 * Status-change posts, exactly once: reads the store's change log from a persisted cursor and
 * hands every status change (isStatusChange) to a poster, once per target conversation (team
 * channels, and personal chats that subscribed). Knows nothing of Bot Framework: the bot
 * implements StatusPoster.
 *
 * Exactly once, also across restarts and across instances sharing one store:
 * - a conversation's posts are made only under its claim (post-claims.ts: a lease in the app
 *   state), so of two instances reading the same log one posts and the other waits; an instance
 *   that finds the claim held tries again once the lease could have expired, so a holder killed
 *   mid-post delays its posts by at most one lease and loses none;
 * - each conversation has its own persisted cursor, moved forward (never back) right after each
 *   post's 2xx, under the claim; the holder re-reads it after claiming, so nothing posted by the
 *   previous holder is posted again;
 * - the global cursor (where the next run starts reading) moves only as far as every target has
 *   its posts.
 * Per unit (issue 14 item 4): a change of unit X goes to the conversations that follow X
 * (src/store/channel-units.ts; one that never chose follows the default unit), read once per run so
 * a follow made on another instance is obeyed at once; a change of every unit ('*': the scale) goes
 * to all; a unit's creation, archiving or restoring also goes to the default unit's followers
 * (changesFor says why). A subscribed personal chat hears the unit it follows, like a channel.
 * A conversation that removed the app (gone) is forgotten; throttling and server errors are
 * retried with backoff and, when they persist, the run stops without moving any cursor past
 * the failed post, and is tried again later (or after a restart, or by another instance).
 */
import { ALL_UNITS, isStatusChange } from '../domain/changes.js';
import type { ChangeRecord, Unit } from '../domain/model.js';
import type { AppStateStore, BoardStore, SavedConversation } from '../store/port.js';
import type { FollowingMap } from '../store/channel-units.js';
import { PostClaims, type PostClaim } from './post-claims.js';

export const GLOBAL_CURSOR = 'status-posts';
export const conversationCursor = (conversationId: string) => `status-posts:${conversationId}`;
/** The claim (a lease) under which one instance posts a conversation's status changes. */
export const conversationClaim = (conversationId: string) => `status-posts:${conversationId}`;

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
  /** Which unit each conversation follows, read now (ChannelUnits.fresh); absent: every conversation hears every unit. */
  following?: () => Promise<FollowingMap>;
  /** More status changes than this for one conversation in one run become one digest card. */
  digestThreshold?: number;
  /** Attempts of one post within a run before the run gives up for now. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** When a run gave up on a post, it is tried again after this long. */
  retryLaterMs?: number;
  batchSize?: number;
  /** How long a conversation's claim lasts without renewal (an instance killed mid-post blocks it this long). */
  leaseMs?: number;
  now?: () => Date;
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
/** The claim expired and another instance took the conversation over: it posts from here. */
class LostClaim extends Error {}

/** A unit coming into the follow-up or leaving it: created, archived, or restored from the archive. */
export function isUnitLifecycle(change: Pick<ChangeRecord, 'kind' | 'before' | 'after'>): boolean {
  if (change.kind === 'unit.created' || change.kind === 'unit.archived') return true;
  const [before, after] = [change.before as Pick<Unit, 'archived'> | null, change.after as Pick<Unit, 'archived'> | null];
  return change.kind === 'unit.updated' && before?.archived === true && after?.archived === false;
}

/**
 * The changes a conversation hears: those of the unit it follows, those of every unit ('*', the scale),
 * and, where the default unit is followed, every unit's lifecycle (isUnitLifecycle).
 *
 * Why the default unit's followers: a city with 40 units has a channel per unit, and each wants its own
 * board (issue 14 item 4), not 39 other units' comings and goings; a new unit has no followers yet, so
 * posted only to its own it would be heard by nobody. The default unit's followers are where the app
 * lives city-wide: every conversation that never chose a unit (the DPO's subscribed personal chat, the
 * data-protection team's channel as installed) and those that chose the default unit. A unit's own
 * followers hear its archiving and restoring as before; a rename or new people responsible is heard by
 * them alone.
 */
export function changesFor(conversation: SavedConversation, changes: ChangeRecord[], following: FollowingMap | undefined): ChangeRecord[] {
  if (!following) return changes;
  const unitId = following.unitOf(conversation.id);
  const hearsLifecycles = unitId === following.defaultUnit;
  return changes.filter((c) => c.unitId === unitId || c.unitId === ALL_UNITS || (hearsLifecycles && isUnitLifecycle(c)));
}

export class StatusPostNotifier {
  private readonly state: AppStateStore;
  private readonly claims: PostClaims;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryAt = 0;
  private readonly abort = new AbortController();
  private readonly o: Required<Omit<StatusPostsOptions, 'store' | 'poster' | 'now' | 'following'>>;

  constructor(private readonly options: StatusPostsOptions) {
    this.state = options.store.appState;
    this.o = {
      digestThreshold: options.digestThreshold ?? 3,
      maxAttempts: options.maxAttempts ?? 5,
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      retryLaterMs: options.retryLaterMs ?? 30_000,
      batchSize: options.batchSize ?? 200,
      leaseMs: options.leaseMs ?? 120_000,
      log: options.log ?? ((message, error) => console.error(message, error ?? '')),
    };
    this.claims = new PostClaims({ state: this.state, leaseMs: this.o.leaseMs, ...(options.now ? { now: options.now } : {}) });
  }

  /** On the very first start the log so far is history: posts begin with the next change. */
  async start(): Promise<void> {
    if ((await this.state.getCursor(GLOBAL_CURSOR)) === null) {
      await this.state.advanceCursor(GLOBAL_CURSOR, await this.options.store.latestChangeSeq());
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
    await this.state.advanceCursor(conversationCursor(conversationId), await this.options.store.latestChangeSeq());
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
        const following = await this.options.following?.();
        let reached = end;
        for (const conversation of targets) {
          reached = Math.min(reached, await this.deliver(conversation, changesFor(conversation, relevant, following), global, end));
        }
        if (reached > global) await this.state.advanceCursor(GLOBAL_CURSOR, reached);
        if (reached < end) {
          // Another instance is posting there; if it dies doing so, its lease runs out by then.
          this.scheduleRetry(this.o.leaseMs);
          return;
        }
      }
    } catch (error) {
      if (error instanceof GaveUp) {
        this.o.log(`status posts: ${error.message}; trying again in ${this.o.retryLaterMs} ms`);
        this.scheduleRetry(this.o.retryLaterMs);
      } else if (!this.stopped) {
        this.o.log('status posts: the run failed', error);
        this.scheduleRetry(this.o.retryLaterMs);
      }
    }
  }

  /** Runs again after `ms`, unless a run is already due sooner. */
  private scheduleRetry(ms: number): void {
    const at = Date.now() + ms;
    if (this.stopped || (this.retryTimer && this.retryAt <= at)) return;
    clearTimeout(this.retryTimer);
    this.retryAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.run();
    }, ms);
    this.retryTimer.unref();
  }

  /** The seq after which the conversation still waits for posts. */
  private async postedUpTo(conversation: SavedConversation, global: number): Promise<number> {
    return Math.max(global, (await this.state.getCursor(conversationCursor(conversation.id))) ?? 0);
  }

  /**
   * Posts the conversation's pending status changes of this batch under its claim. Answers how
   * far the conversation is served: `end`, or less while another instance holds its claim.
   */
  private async deliver(conversation: SavedConversation, relevant: ChangeRecord[], global: number, end: number): Promise<number> {
    if (relevant.length === 0) return end;
    const before = await this.postedUpTo(conversation, global);
    if (!relevant.some((c) => c.seq > before)) return end;
    const claim = await this.claims.claim(conversationClaim(conversation.id));
    if (!claim) return before;
    try {
      // Re-read under the claim: the previous holder may have posted meanwhile.
      const from = await this.postedUpTo(conversation, global);
      for (const post of planPosts(
        conversation,
        relevant.filter((c) => c.seq > from),
        this.o.digestThreshold,
      )) {
        const outcome = await this.postWithRetry(post, claim);
        if (outcome.kind === 'gone') {
          this.o.log(`status posts: conversation ${conversation.id} removed the app (${outcome.reason}); forgetting it`);
          await this.state.removeConversation(conversation.id);
          return end;
        }
        if (outcome.kind === 'rejected') {
          const seqs = post.changes.map((c) => c.seq).join(',');
          this.o.log(`status posts: conversation ${conversation.id} refused change ${seqs} for good (${outcome.reason}); skipping it`);
        }
        await this.state.advanceCursor(conversationCursor(conversation.id), post.changes.at(-1)!.seq);
      }
      return end;
    } catch (error) {
      if (!(error instanceof LostClaim)) throw error;
      this.o.log(`status posts: the claim on ${conversation.id} expired and was taken over; leaving its posts to the new holder`);
      return this.postedUpTo(conversation, global);
    } finally {
      await claim.release();
    }
  }

  private async postWithRetry(post: StatusPost, claim: PostClaim): Promise<PostOutcome> {
    let last = '';
    for (let attempt = 0; attempt < this.o.maxAttempts; attempt += 1) {
      if (this.stopped) throw new GaveUp('stopped');
      if (!(await claim.keep())) throw new LostClaim();
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
    throw new GaveUp(
      `posting change ${post.changes.map((c) => c.seq).join(',')} to ${post.conversation.id} failed ${this.o.maxAttempts} times (${last})`,
    );
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
      this.abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

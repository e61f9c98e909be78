/**
 * Live updates by conditional polling: GET /api/board with If-None-Match every couple of
 * seconds. Unchanged boards cost a 304 with no body; any change anywhere (tab, bot, API,
 * SharePoint sync) moves the store's change sequence and so the ETag.
 * Only while the tab is seen (Presence): a hidden or suspended tab asks nothing, and checks at once when it is back.
 */
import type { BoardView } from '../../../src/domain/views.js';
import type { Presence } from '../host/presence.js';
import { isSignInFailure, type ApiClient } from './client.js';

export interface PollStatus {
  ok: boolean;
  checkedAt: Date;
  error: Error | null;
}

export interface BoardPollerOptions {
  client: Pick<ApiClient, 'getIfChanged'>;
  path?: string;
  /** Milliseconds between checks (2000 unless told); null: no periodic checks, only start() and refresh(). */
  intervalMs?: number | null;
  onBoard: (board: BoardView) => void;
  onStatus?: (status: PollStatus) => void;
  /** The ETag of a board the caller already has (fetched during boot). */
  initialEtag?: string | null;
  /** Whether the tab is seen; without it, always. Hidden: no periodic checks; seen again: a check at once. */
  presence?: Presence;
}

export class BoardPoller {
  private etag: string | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private seen = true;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: BoardPollerOptions) {
    this.etag = options.initialEtag ?? null;
  }

  /** Checks now and then periodically; a hidden tab checks first when it is seen. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const presence = this.options.presence;
    this.seen = presence?.visible() ?? true;
    this.unsubscribe = presence?.onChange(() => this.presenceChanged(presence.visible())) ?? null;
    if (this.seen) void this.tick();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTimer();
  }

  /** Checks now (after a write of our own). */
  refresh(): Promise<void> {
    this.clearTimer();
    return this.tick();
  }

  /** Hidden: the timer goes (a check under way still lands). Seen again: a check at once, and the timer from there. */
  private presenceChanged(seen: boolean): void {
    if (!this.running || seen === this.seen) return;
    this.seen = seen;
    if (seen) void this.refresh();
    else this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.poll().finally(() => {
      this.inFlight = null;
      const interval = this.options.intervalMs === undefined ? 2000 : this.options.intervalMs;
      if (this.running && this.seen && interval !== null) this.timer = setTimeout(() => void this.tick(), interval);
    });
    return this.inFlight;
  }

  private async poll(): Promise<void> {
    try {
      const result = await this.options.client.getIfChanged<BoardView>(this.options.path ?? '/api/board', this.etag);
      if (!this.running) return;
      if (!result.notModified && result.data) {
        this.etag = result.etag;
        this.options.onBoard(result.data);
      }
      this.options.onStatus?.({ ok: true, checkedAt: new Date(), error: null });
    } catch (error) {
      if (!this.running) return;
      this.options.onStatus?.({ ok: false, checkedAt: new Date(), error: error as Error });
      // Without a sign-in every poll would fail the same way: wait for a new one (a new client and poller).
      if (isSignInFailure(error)) this.stop();
    }
  }
}

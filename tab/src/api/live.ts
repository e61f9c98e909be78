/**
 * Live updates by conditional polling: GET /api/board with If-None-Match every couple of
 * seconds. Unchanged boards cost a 304 with no body; any change anywhere (tab, bot, API,
 * SharePoint sync) moves the store's change sequence and so the ETag.
 */
import type { BoardView } from '../../../src/domain/views.js';
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
}

export class BoardPoller {
  private etag: string | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: BoardPollerOptions) {
    this.etag = options.initialEtag ?? null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Checks now (after a write of our own, or when the page becomes visible again). */
  refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.tick();
  }

  private tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.poll().finally(() => {
      this.inFlight = null;
      const interval = this.options.intervalMs === undefined ? 2000 : this.options.intervalMs;
      if (this.running && interval !== null) this.timer = setTimeout(() => void this.tick(), interval);
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

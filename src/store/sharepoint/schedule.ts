/**
 * One sync schedule shared by every viewer. Board reads never reach Graph per viewer: they are
 * served from synced state (see synced-reads.ts) and may only ask for a sync when the last one is
 * older than `readBoundMs`; concurrent askers, the timer and webhooks share one run.
 *
 * - Polling (no PUBLIC_URL): the timer syncs every SHAREPOINT_SYNC_SECONDS.
 * - Webhooks (PUBLIC_URL): Graph's notifications start syncs; the timer is a slow safety net
 *   (SHAREPOINT_SAFETY_POLL_SECONDS), and reads ask only when that net is overdue.
 * - While Graph asks us to back off (Retry-After), no sync starts; reads keep the last synced
 *   state and say how old it is (freshness()).
 */
export interface SyncOutcome {
  /** Items the sync saw change in any list (the change log included): synced state moved. */
  changed: number;
}

export interface ScheduleOptions {
  /** Timer period: the poll interval, or the safety-net interval with webhooks. */
  intervalMs: number;
  /** A read asks for a sync only when the last one started longer ago than this. */
  readBoundMs: number;
  /** Whether Graph currently asks us to wait (the Graph budget's back-off). */
  throttled: () => boolean;
  now?: () => number;
  /** Told about a failed run (logged by default). */
  onError?: (error: unknown) => void;
}

export interface Freshness {
  /** When the app last confirmed its state against SharePoint; null before the first sync. */
  asOf: Date | null;
  /** True while Graph throttles us or the last sync failed: reads serve older state. */
  stale: boolean;
  reason: 'throttled' | 'sync-failed' | null;
}

export class SyncSchedule {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastSuccess: number | null = null;
  private lastError: unknown = null;
  private readonly listeners: ((outcome: SyncOutcome) => void)[] = [];
  private readonly now: () => number;

  constructor(
    private readonly run: () => Promise<SyncOutcome>,
    private readonly options: ScheduleOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Called after every successful run (synced-reads drops its views when `changed` > 0). */
  onSynced(listener: (outcome: SyncOutcome) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.poke(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Runs a sync now, or once more right after the one running (a webhook or a write during a
   * run must not be missed). Skipped while Graph's back-off lasts; the timer tries again.
   */
  poke(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.options.throttled()) return Promise.resolve();
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.poke();
      }
    });
    return this.running;
  }

  /** A read's request: a sync only when the last one started longer ago than the read bound. */
  readRequested(): void {
    if (this.running || this.now() - this.lastStart < this.options.readBoundMs) return;
    void this.poke();
  }

  /** Resolves when no sync is running (tests and the bench wait for quiet). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  freshness(): Freshness {
    const asOf = this.lastSuccess === null ? null : new Date(this.lastSuccess);
    if (this.options.throttled()) return { asOf, stale: true, reason: 'throttled' };
    if (this.lastError !== null) return { asOf, stale: true, reason: 'sync-failed' };
    return { asOf, stale: false, reason: null };
  }

  /** A read or write that reached SharePoint confirms the state as of now. */
  confirmed(): void {
    this.lastSuccess = this.now();
  }

  private async runOnce(): Promise<void> {
    this.lastStart = this.now();
    try {
      const outcome = await this.run();
      this.lastSuccess = this.lastStart;
      this.lastError = null;
      for (const listener of this.listeners) listener(outcome);
    } catch (error) {
      this.lastError = error;
      (this.options.onError ?? logSyncError)(error);
    }
  }
}

function logSyncError(error: unknown): void {
  console.error('SharePoint sync failed:', error instanceof Error ? error.message : error);
}

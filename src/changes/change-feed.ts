/**
 * The change feed: watches the store's change log and hands every new change, in order,
 * to its subscribers. Whatever path a change came by (tab, bot, SharePoint sync), it
 * reaches the feed through the log, so every path is one path of notification.
 */
import type { ChangeRecord } from '../domain/model.js';
import type { BoardStore } from '../store/port.js';

export type ChangeListener = (changes: ChangeRecord[]) => void | Promise<void>;

export interface ChangeFeedOptions {
  /** How often the log is read when nobody pokes the feed. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: BoardStore,
    private readonly options: ChangeFeedOptions = {},
  ) {}

  /** Starts from the newest change: subscribers hear only what happens from now on. */
  async start(): Promise<void> {
    this.cursor = await this.store.latestChangeSeq();
    this.timer = setInterval(() => void this.poke(), this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The sequence number of the newest change handed out. */
  get position(): number {
    return this.cursor;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the log now (after a local write, or when a webhook says something changed). */
  poke(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.poke();
      }
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const batch = await this.store.changesSince(this.cursor, 500);
        if (batch.length === 0) return;
        this.cursor = batch.at(-1)!.seq;
        const results = await Promise.allSettled([...this.listeners].map(async (listener) => listener(batch)));
        for (const r of results) if (r.status === 'rejected') this.report(r.reason);
      }
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    (this.options.onError ?? console.error)(error);
  }
}

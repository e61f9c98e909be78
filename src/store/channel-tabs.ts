/**
 * Which channels have a DPO Board tab, and the entityId its configuration page gave it
 * (pages.config.setConfig). A card posted in such a channel deep-links into that channel tab;
 * elsewhere it links into the personal tab. Teams tells the bot nothing when a tab is added,
 * so the tab's configuration page tells the server when it saves (PUT /api/channel-tabs/…).
 *
 * Kept as one setting in the app state (both stores), read at start and again at most every
 * `maxAgeMs` when a link is built: a shared schedule per instance, never a read per viewer or per card.
 */
import type { IsoTimestamp } from '../domain/model.js';
import type { AppStateStore } from './port.js';

export const CHANNEL_TABS_SETTING = 'channel-tabs';

export interface ChannelTab {
  channelId: string;
  entityId: string;
  savedAt: IsoTimestamp;
  /** Who saved the tab's configuration (the actor's id). */
  savedBy: string;
}

type Kept = Record<string, ChannelTab>;

export interface ChannelTabsOptions {
  /** How old the copy may get before a lookup reads the setting again (another instance may have saved a tab). */
  maxAgeMs?: number;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export class ChannelTabs {
  private kept: Kept = {};
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    private readonly appState: AppStateStore,
    options: ChannelTabsOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  }

  /** Reads the setting (once at a time: callers during a read share it). */
  load(): Promise<void> {
    this.reading ??= this.appState
      .getSetting(CHANNEL_TABS_SETTING)
      .then((value) => {
        this.kept = keptOf(value);
        this.readAt = this.now();
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** The channel tab's entityId in this channel, from the copy; a stale copy is re-read for the next caller. */
  entityIdOf(channelId: string): string | undefined {
    if (this.now() - this.readAt > this.maxAgeMs && !this.reading) {
      this.load().catch((error: unknown) => this.log('channel tabs: could not read the setting', error));
    }
    return Object.hasOwn(this.kept, channelId) ? this.kept[channelId]?.entityId : undefined;
  }

  list(): ChannelTab[] {
    return Object.values(this.kept);
  }

  /** The configuration page saved a tab in the channel (the latest saved tab is the one links open). */
  async save(tab: ChannelTab): Promise<void> {
    await this.update((kept) => ({ ...kept, [tab.channelId]: tab }));
  }

  /** The tab was removed: links in the channel go to the personal tab again (unless another tab was saved since). */
  async remove(channelId: string, entityId: string): Promise<boolean> {
    let removed = false;
    await this.update((kept) => {
      removed = kept[channelId]?.entityId === entityId;
      if (!removed) return undefined;
      const { [channelId]: _gone, ...rest } = kept;
      return rest;
    });
    return removed;
  }

  /** A compare-and-swap on the setting (two channels' tabs saved at once on two instances are both kept). */
  private async update(change: (kept: Kept) => Kept | undefined): Promise<void> {
    const result = await this.appState.updateSetting(CHANNEL_TABS_SETTING, (value) => change(keptOf(value)));
    this.kept = keptOf(result.value);
    this.readAt = this.now();
  }
}

function keptOf(value: unknown): Kept {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const kept: Kept = {};
  for (const [channelId, tab] of Object.entries(value as Record<string, Partial<ChannelTab>>)) {
    if (typeof tab?.entityId === 'string') {
      kept[channelId] = { channelId, entityId: tab.entityId, savedAt: tab.savedAt ?? '', savedBy: tab.savedBy ?? '' };
    }
  }
  return kept;
}

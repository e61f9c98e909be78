/**
 * Direct edits in SharePoint and the synced state reads are served from, wired for the server.
 *
 * One SyncSchedule per process runs the delta sync (sync.ts): every SHAREPOINT_SYNC_SECONDS
 * without PUBLIC_URL; with PUBLIC_URL, when Graph notifies us (webhooks.ts subscribes every
 * synced list and the change log), plus a safety-net poll every SHAREPOINT_SAFETY_POLL_SECONDS.
 * Board reads go through serveReads(store): served from memory to every viewer, read again from
 * SharePoint only after a sync saw a change or a write went through; so Graph's load does not
 * grow with viewers. server.ts mounts `webhooks` (src/api/graph-webhooks.ts) and calls start()
 * once the server listens (Graph validates the notification URL while subscribing).
 */
import type { SharePointSettings } from '../../config.js';
import type { BoardStore } from '../port.js';
import type { SharePointAppState } from './app-state.js';
import type { SharePointData } from './data-access.js';
import { SyncSchedule, type Freshness } from './schedule.js';
import { DirectEditSync, SUBSCRIBED_LISTS, type EditorResolver } from './sync.js';
import { SyncedReadStore } from './synced-reads.js';
import { NOTIFICATION_PATH, SubscriptionManager } from './webhooks.js';

export interface DirectEdits {
  sync: DirectEditSync;
  schedule: SyncSchedule;
  subscriptions: SubscriptionManager | undefined;
  /** What the notification route (src/api/graph-webhooks.ts) needs. */
  webhooks: { path: string; accepts: SubscriptionManager['accepts']; onChange(): void };
  /** What GET /api/diagnostics and the X-Data-As-Of header show. */
  status: { mode: 'webhooks' | 'polling'; intervalSeconds: number; freshness(): Freshness };
  /** The store whose reads are served from synced state (every read of the app goes through it). */
  serveReads(store: BoardStore): BoardStore;
  start(): Promise<void>;
  stop(): void;
}

export interface DirectEditOptions {
  /** Who a list editor is, with their roles (the identity module's fromSharePointEditor). */
  resolveEditor: EditorResolver;
  /** Runs after a sync saw the synced state move (new change records among it): the change feed. */
  onChanged: () => void;
}

export function createDirectEdits(
  data: SharePointData,
  state: SharePointAppState,
  settings: SharePointSettings,
  options: DirectEditOptions,
): DirectEdits {
  const budget = data.graph.budget;
  const sync = new DirectEditSync(data, state, options.resolveEditor);
  const webhooksOn = Boolean(settings.publicUrl);
  const intervalMs = webhooksOn ? settings.safetyPollMs : settings.syncIntervalMs;
  const schedule = new SyncSchedule(() => sync.syncOnce(), {
    intervalMs,
    readBoundMs: webhooksOn ? settings.safetyPollMs : settings.readSyncMs,
    throttled: () => budget.throttled,
  });
  const readStores: SyncedReadStore[] = [];
  schedule.onSynced(({ changed }) => {
    if (changed === 0) return;
    for (const reads of readStores) reads.invalidate();
    options.onChanged();
  });
  const subscriptions = settings.publicUrl
    ? new SubscriptionManager(data.graph, state, () => data.lists(), settings.publicUrl, SUBSCRIBED_LISTS, settings.webhookClientState)
    : undefined;
  return {
    sync,
    schedule,
    subscriptions,
    webhooks: {
      path: NOTIFICATION_PATH,
      accepts: (n) => subscriptions?.accepts(n) ?? false,
      onChange: () => void schedule.poke(),
    },
    status: { mode: webhooksOn ? 'webhooks' : 'polling', intervalSeconds: intervalMs / 1000, freshness: () => schedule.freshness() },
    serveReads(store) {
      const reads = new SyncedReadStore(store, {
        throttled: () => budget.throttled,
        onRead: () => schedule.readRequested(),
        onLoaded: () => schedule.confirmed(),
        retryAfterMs: settings.readSyncMs,
      });
      readStores.push(reads);
      return reads;
    },
    async start() {
      await schedule.poke();
      schedule.start();
      // Not awaited: Graph validates the notification URL, which must answer while we subscribe.
      void subscriptions?.start();
    },
    stop() {
      schedule.stop();
      subscriptions?.stop();
    },
  };
}

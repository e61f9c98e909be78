/**
 * Direct edits in SharePoint, wired for the server: the delta sync polled on an interval
 * (SHAREPOINT_SYNC_SECONDS, default 30 s) and run at once when Graph notifies us (when
 * PUBLIC_URL is https). server.ts mounts `router` before the /api router and calls start()
 * once the server listens (Graph validates the notification URL while subscribing).
 */
import type express from 'express';
import type { SharePointSettings } from '../../config.js';
import type { SharePointAppState } from './app-state.js';
import type { SharePointData } from './data-access.js';
import { DirectEditSync, SYNCED_LISTS } from './sync.js';
import { notificationRouter, SubscriptionManager } from './webhooks.js';

export interface DirectEdits {
  router: express.Router;
  sync: DirectEditSync;
  subscriptions: SubscriptionManager | undefined;
  start(): Promise<void>;
  stop(): void;
}

export function createDirectEdits(data: SharePointData, state: SharePointAppState, settings: SharePointSettings, onRecorded: () => void): DirectEdits {
  const sync = new DirectEditSync(data, state, onRecorded);
  const run = () => void sync.poke().catch((error: unknown) => console.error('SharePoint sync failed:', error instanceof Error ? error.message : error));
  const subscriptions = settings.publicUrl
    ? new SubscriptionManager(data.graph, state, () => data.lists(), settings.publicUrl, SYNCED_LISTS, settings.webhookClientState)
    : undefined;
  const router = notificationRouter((n) => subscriptions?.accepts(n) ?? false, run);
  let timer: NodeJS.Timeout | undefined;
  return {
    router,
    sync,
    subscriptions,
    async start() {
      await sync.poke().catch((error: unknown) => console.error('SharePoint sync failed at start:', error instanceof Error ? error.message : error));
      timer = setInterval(run, settings.syncIntervalMs);
      timer.unref();
      // Not awaited: Graph validates the notification URL, which must answer while we subscribe.
      void subscriptions?.start();
    },
    stop() {
      clearInterval(timer);
      subscriptions?.stop();
    },
  };
}

/**
 * Graph change notifications for the synced lists: the subscriptions
 * (https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks; the route
 * Graph calls, with its validation handshake and 202, is src/api/graph-webhooks.ts):
 *  - list subscriptions (changeType 'updated') live at most 42,300 minutes; they are renewed
 *    when less than 7 days remain (checked every 6 hours) and re-created when Graph lost them.
 * Subscriptions and their clientState are kept in the app-state list, shared by instances.
 */
import crypto from 'node:crypto';
import { GraphHttpError, type GraphApi } from '../../graph/client.js';
import type { SharePointAppState } from './app-state.js';
import type { ListKey } from './schema.js';
import type { SiteLists } from './site.js';

/** Where Graph sends notifications (under PUBLIC_URL); src/api/graph-webhooks.ts answers there. */
export const NOTIFICATION_PATH = '/graph/notifications';
export const MAX_LIST_SUBSCRIPTION_MINUTES = 42_300;
/** We ask for a bit less than the maximum, and renew when fewer than 7 days remain. */
const LIFETIME_MINUTES = MAX_LIST_SUBSCRIPTION_MINUTES - 60;
const RENEW_WHEN_LEFT_MS = 7 * 24 * 3600_000;
const SUBSCRIPTIONS_KEY = 'graph:subscriptions';

interface StoredSubscription {
  id: string;
  list: ListKey;
  resource: string;
  expirationDateTime: string;
}
interface SubscriptionState {
  clientState: string;
  notificationUrl: string;
  subscriptions: StoredSubscription[];
}

/** The fields of a change notification the manager checks, already known to be strings (src/api/graph-webhooks.ts). */
interface CheckedNotification {
  subscriptionId: string;
  clientState: string;
}

export class SubscriptionManager {
  private current: SubscriptionState | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly graph: GraphApi,
    private readonly state: SharePointAppState,
    private readonly lists: () => Promise<SiteLists>,
    private readonly publicUrl: string,
    private readonly listKeys: ListKey[],
    private readonly configuredClientState?: string,
    /** Renew when less than this is left (default 7 days). */
    private readonly renewWhenLeftMs = RENEW_WHEN_LEFT_MS,
  ) {}

  get notificationUrl(): string {
    return `${this.publicUrl}${NOTIFICATION_PATH}`;
  }

  /** Whether a notification comes from one of our subscriptions with our clientState. */
  accepts(n: CheckedNotification): boolean {
    const s = this.current;
    if (!s || !safeEqual(n.clientState, s.clientState)) return false;
    return s.subscriptions.some((x) => x.id === n.subscriptionId);
  }

  /**
   * Makes sure every list has a live subscription, then checks again every 6 hours. A failed
   * attempt (e.g. the public URL is not reachable yet) is retried after 5 s, 10 s, 20 s ... up
   * to the 6-hour rhythm; meanwhile the poll picks up direct edits.
   */
  async start(): Promise<boolean> {
    return this.attempt(5_000);
  }

  private async attempt(nextFailureDelay: number): Promise<boolean> {
    if (this.stopped) return false;
    try {
      await this.ensure();
      this.schedule(6 * 3600_000, 5_000);
      return true;
    } catch (error) {
      console.error(
        `Graph subscriptions could not be set up (retry in ${nextFailureDelay / 1000} s):`,
        error instanceof Error ? error.message : error,
      );
      this.schedule(nextFailureDelay, Math.min(nextFailureDelay * 2, 6 * 3600_000));
      return false;
    }
  }

  private schedule(ms: number, nextFailureDelay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(nextFailureDelay), ms);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async ensure(): Promise<SubscriptionState> {
    const now = new Date();
    const lists = await this.lists();
    const { value: next } = await this.state.update<SubscriptionState>(SUBSCRIPTIONS_KEY, (current) => current ?? this.fresh());
    // Work on a copy, then save it under the eTag (another instance may be renewing too; its result is as good).
    const working: SubscriptionState = { ...next, notificationUrl: this.notificationUrl, subscriptions: [...next.subscriptions] };
    if (next.notificationUrl !== this.notificationUrl) working.subscriptions = [];
    this.current = working;
    for (const key of this.listKeys) {
      const resource = `sites/${lists.siteId}/lists/${lists.id(key)}`;
      const existing = working.subscriptions.find((s) => s.list === key && s.resource === resource);
      const fresh = await this.renewOrCreate(existing, key, resource, working.clientState, now);
      working.subscriptions = [...working.subscriptions.filter((s) => s.list !== key), fresh];
      this.current = { ...working };
    }
    await this.state.update<SubscriptionState>(SUBSCRIPTIONS_KEY, () => working);
    return working;
  }

  private fresh(): SubscriptionState {
    return {
      clientState: this.configuredClientState ?? crypto.randomBytes(24).toString('base64url'),
      notificationUrl: this.notificationUrl,
      subscriptions: [],
    };
  }

  private async renewOrCreate(
    existing: StoredSubscription | undefined,
    list: ListKey,
    resource: string,
    clientState: string,
    now: Date,
  ): Promise<StoredSubscription> {
    const expirationDateTime = new Date(now.getTime() + LIFETIME_MINUTES * 60_000).toISOString();
    if (existing && Date.parse(existing.expirationDateTime) - now.getTime() > this.renewWhenLeftMs) return existing;
    if (existing) {
      try {
        await this.graph.request('PATCH', `/subscriptions/${existing.id}`, { expirationDateTime });
        return { ...existing, expirationDateTime };
      } catch (error) {
        if (!(error instanceof GraphHttpError) || error.status !== 404) throw error;
      }
    }
    const { body } = await this.graph.request<{ id: string; expirationDateTime: string }>('POST', '/subscriptions', {
      changeType: 'updated',
      notificationUrl: this.notificationUrl,
      resource,
      expirationDateTime,
      clientState,
    });
    return { id: body.id, list, resource, expirationDateTime: body.expirationDateTime ?? expirationDateTime };
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

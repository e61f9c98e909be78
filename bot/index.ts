/**
 * The bot, assembled: the Bot Framework endpoint (POST /api/messages), the handler and the
 * status-post notifier. The only module of bot/ the server imports; botbuilder stays behind it,
 * so a move to the Microsoft 365 Agents SDK touches bot/ alone.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { BotSettings } from '../src/config.js';
import { StatusPostNotifier } from '../src/changes/status-posts.js';
import { PostClaims } from '../src/changes/post-claims.js';
import { DomainError, details } from '../src/domain/errors.js';
import type { BoardStore } from '../src/store/port.js';
import { adapterResponse, botAppIdOf, createAdapter } from './adapter.js';
import { DpoBot } from './bot.js';
import type { Identity } from '../src/identity/index.js';
import type { LinkSettings } from './links.js';
import { createStatusPoster, type PosterOptions } from './poster.js';
import { createScheduledPoster } from './proactive.js';
import { Scheduler } from '../src/schedule/scheduler.js';
import { findResponsible } from '../src/schedule/reminders.js';
import { StatusRequestDesk } from './status-requests.js';
import { ChannelUnits } from '../src/store/channel-units.js';

export interface BotOptions {
  settings: BotSettings;
  store: BoardStore;
  defaultUnit: string;
  /** The server's own address, for links when PUBLIC_URL is unset (known once it listens). */
  serverUrl: () => string;
  /** Reads the change log now (ChangeFeed.poke). */
  afterWrite: () => void;
  log?: (message: string, error?: unknown) => void;
  /** Who Teams users are: the process's one identity module (src/identity), shared with the API and the sync. */
  identity: Pick<Identity, 'fromTeamsAccount'>;
  /** The channel tab saved in a channel (src/store/channel-tabs.ts): cards there deep-link into it. */
  channelTabOf?: (channelId: string) => string | undefined;
  /**
   * Which unit each conversation follows (src/store/channel-units.ts): the process's one, shared with the
   * channel tab's configuration route; one on the store's app state when absent.
   */
  channelUnits?: ChannelUnits;
  /** The schedule's clock (reminders and the weekly digest, src/schedule/); tests inject one. */
  now?: () => Date;
}

export interface BotRuntime {
  router: Router;
  /** Reminders of overdue work and the weekly digest (src/schedule/scheduler.ts). */
  schedule: Scheduler;
  notifier: StatusPostNotifier;
  /** Status requests (bot/status-requests.ts): the API sends the tab's requests through it; undefined when the store keeps none. */
  statusRequests: StatusRequestDesk | undefined;
  /** Catches up on status posts missed while the server was down. */
  start(): Promise<void>;
  stop(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isLoopbackUrl(value: unknown): boolean {
  try {
    const host = new URL(String(value)).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || LOOPBACK.has(host);
  } catch {
    return false;
  }
}

/** A body that is no activity at all (not an object with a `type`) is refused before the adapter sees it. */
function activityShaped(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const ok = typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
  next(ok ? undefined : new DomainError('invalid_input', details('ingen Bot Framework-aktivitet.', 'not a Bot Framework activity.')));
}

/** Without credentials nothing is authenticated: accept only local callers that want replies sent locally. */
function localOnly(req: Request, _res: Response, next: NextFunction): void {
  const local = LOOPBACK.has(req.socket.remoteAddress ?? '');
  const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
  next(local && isLoopbackUrl(serviceUrl) ? undefined : new DomainError('bot_local_only'));
}

/** Reminders and the weekly digest of every unit, to the conversations that follow it, sent as proactive messages (bot/proactive.ts). */
function createSchedule(
  options: BotOptions,
  poster: PosterOptions,
  channelUnits: ChannelUnits,
  statusRequests: StatusRequestDesk | undefined,
  log: (message: string, error?: unknown) => void,
): Scheduler {
  const { schedule, retry } = options.settings;
  return new Scheduler({
    store: options.store,
    poster: createScheduledPoster({ ...poster, timeZone: schedule.digest?.timeZone ?? schedule.reminders?.timeZone ?? 'Europe/Stockholm' }),
    unitId: options.defaultUnit,
    following: () => channelUnits.fresh(),
    findResponsible: findResponsible(options.identity),
    digest: schedule.digest,
    reminders: schedule.reminders,
    leaseMs: retry.leaseMs,
    retryLaterMs: retry.retryLaterMs,
    checkMs: schedule.checkMs,
    // A status request past its due date gets its one reminder on the same ticks and clock.
    alsoOnTick: statusRequests ? [(now: Date) => statusRequests.remindPastDue(now)] : [],
    log,
    ...(options.now ? { now: options.now } : {}),
  });
}

export function createBot(options: BotOptions): BotRuntime {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const appState = options.store.appState;
  const credentials = options.settings.credentials;
  const adapter = createAdapter(credentials, log);
  const links = (): LinkSettings => ({
    publicUrl: options.settings.publicUrl ?? options.serverUrl(),
    teamsAppId: options.settings.teamsAppId,
    tabEntityId: options.settings.tabEntityId,
    ...(options.channelTabOf ? { channelTabOf: options.channelTabOf } : {}),
  });
  const channelUnits =
    options.channelUnits ?? new ChannelUnits(appState, { defaultUnit: options.defaultUnit, listUnits: () => options.store.listUnits() });
  const posterOptions: PosterOptions = { adapter, botAppId: botAppIdOf(credentials), store: options.store, links, channelUnits };
  const poster = createStatusPoster(posterOptions);
  const notifier = new StatusPostNotifier({
    store: options.store,
    poster,
    // A change of a unit goes to the conversations following it, read once per run.
    following: () => channelUnits.fresh(),
    digestThreshold: options.settings.digestThreshold,
    log,
    ...options.settings.retry,
  });
  const statusRequests = options.store.statusRequests
    ? new StatusRequestDesk({
        adapter,
        botAppId: botAppIdOf(credentials),
        store: options.store,
        identity: options.identity,
        links,
        claims: new PostClaims({ state: appState, leaseMs: options.settings.retry.leaseMs }),
        startPostsAt: (id) => notifier.startConversationAt(id),
        afterWrite: options.afterWrite,
        defaultUnit: options.defaultUnit,
        log,
      })
    : undefined;
  const bot = new DpoBot({
    store: options.store,
    appState,
    identity: options.identity,
    links,
    defaultUnit: options.defaultUnit,
    startPostsAt: (id) => notifier.startConversationAt(id),
    afterWrite: options.afterWrite,
    ...(statusRequests ? { statusRequests } : {}),
    digestAt: options.settings.schedule.digest,
    channelUnits,
  });

  const router = express.Router();
  router.post(
    '/api/messages',
    express.json({ limit: '256kb' }),
    activityShaped,
    ...(credentials.kind === 'none' ? [localOnly] : []),
    (req, res, next) => {
      adapter.process(req, adapterResponse(res, next), (context) => bot.run(context)).catch(next);
    },
  );
  const schedule = createSchedule(options, posterOptions, channelUnits, statusRequests, log);
  return {
    router,
    notifier,
    schedule,
    statusRequests,
    async start() {
      await notifier.start();
      schedule.start();
    },
    stop() {
      notifier.stop();
      schedule.stop();
    },
  };
}

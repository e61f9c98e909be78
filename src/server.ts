/**
 * Composition root: config -> store -> API -> listen. The only module that knows every piece.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from './config.js';
import { bearerToken, cachedUnitPeople, createIdentity, type Identity, type UnitPeopleSource } from './identity/index.js';
import { createApiRouter, type ApiOptions } from './api/router.js';
import { createReportsRouter } from './api/reports-router.js';
import { createScaleRouter } from './api/scale-router.js';
import { createChannelTabsRouter } from './api/channel-tabs-router.js';
import { CHANNEL_UNITS_MAX_AGE_MS, ChannelUnits } from './store/channel-units.js';
import { ChannelTabs } from './store/channel-tabs.js';
import { createSessionRouter } from './api/session.js';
import { finalHandlers, securityHeaders } from './api/security.js';
import { createTabRouter } from './web/tab.js';
import { createDiagnosticsRouter, dataAsOfHeaders } from './api/diagnostics.js';
import { graphWebhookRouter } from './api/graph-webhooks.js';
import { ChangeFeed } from './changes/change-feed.js';
import type { BoardStore } from './store/port.js';
import { importSeedFile, openStore, type OpenedStore } from './store/open.js';
import type { DirectEdits } from './store/sharepoint/direct-edits.js';
import type { GraphApi } from './graph/client.js';
import { delegatingProvider, onBehalfOf } from './graph/on-behalf-of.js';
import type { BotRuntime } from '../bot/index.js';

export interface RunningServer {
  url: string;
  store: BoardStore;
  feed: ChangeFeed;
  /** The bot (POST /api/messages) and its status-post notifier; undefined when BOT_ENABLED=false. */
  bot: BotRuntime | undefined;
  close(): Promise<void>;
}

/**
 * The one identity module of the process (one role cache), on the SharePoint store's Graph client when there is one;
 * the units' people responsible are read from the store (synced state).
 */
function identityOf(config: Config, opened: OpenedStore, units: UnitPeopleSource = opened.store): Identity {
  return createIdentity(config, { graph: opened.graph, units });
}

/** GRAPH_ON_BEHALF_OF=true: a signed-in person's writes go to SharePoint with their token (same MSAL application). */
function delegationOf(config: Config, graph: GraphApi | undefined): ApiOptions['delegation'] {
  const tokens = delegatingProvider(graph?.tokens);
  if (!config.graphOnBehalfOf || !tokens) return undefined;
  return (req) => {
    const token = bearerToken(req);
    return token ? onBehalfOf(tokens, token, config.graphOnBehalfOfScopes) : undefined;
  };
}

/**
 * Which unit each conversation follows (issue 14): one per server, shared by the tab's configuration page and the bot.
 * SQLite: every lookup reads the setting (one local query), so another instance's follow counts at once; SharePoint:
 * the setting is read at most once a minute per instance (a Graph request), never per viewer.
 */
function channelUnitsOf(config: Config, store: BoardStore): ChannelUnits {
  const maxAgeMs = config.store === 'sqlite' ? 0 : CHANNEL_UNITS_MAX_AGE_MS;
  return new ChannelUnits(store.appState, { defaultUnit: config.defaultUnit, listUnits: () => store.listUnits(), maxAgeMs });
}

export function createApp(
  config: Config,
  opened: OpenedStore,
  feed: ChangeFeed,
  directEdits?: DirectEdits,
  bot?: Pick<BotRuntime, 'router'> & Partial<Pick<BotRuntime, 'statusRequests'>>,
  identity: Identity = identityOf(config, opened),
  channelTabs: ChannelTabs = new ChannelTabs(opened.store.appState),
  channelUnits: ChannelUnits = channelUnitsOf(config, opened.store),
): express.Express {
  const { store } = opened;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders);
  const afterWrite = () => void feed.poke();
  // Graph change notifications for direct SharePoint edits (STORE=sharepoint), before /api.
  if (directEdits) app.use(graphWebhookRouter(directEdits.webhooks));
  // How fresh the synced SharePoint data is (X-Data-As-Of), and GET /api/diagnostics for the DPO and CISO.
  if (directEdits) app.use('/api', dataAsOfHeaders(directEdits.status));
  if (opened.graph)
    app.use(
      '/api',
      createDiagnosticsRouter(identity, { graph: opened.graph.budget, ...(directEdits ? { sync: directEdits.status } : {}) }),
    );
  // The Bot Framework endpoint, POST /api/messages, before the /api routers.
  if (bot) app.use(bot.router);
  app.use(
    '/api',
    createSessionRouter({
      authMode: config.authMode,
      entra: config.entra,
      demoUsers: identity.demoUsers,
      tabDefaultUser: config.tab.defaultUser,
    }),
  );
  app.use(createTabRouter(config.tab.distDir));
  app.use('/api/reports', createReportsRouter({ store, identity, defaultUnit: config.defaultUnit, contact: config.report.contact }));
  const delegation = delegationOf(config, opened.graph);
  if (opened.scaleSetup) {
    app.use('/api', createScaleRouter({ store, scaleSetup: opened.scaleSetup, identity, defaultUnit: config.defaultUnit, afterWrite }));
  }
  app.use('/api', createChannelTabsRouter({ channelTabs, channelUnits, identity, units: store }));
  app.use(
    '/api',
    createApiRouter({
      store,
      identity,
      defaultUnit: config.defaultUnit,
      afterWrite,
      ...(delegation ? { delegation } : {}),
      statusRequests: bot?.statusRequests,
    }),
  );
  // Whatever no router answered, and every error, without internals (stack, paths) in any mode.
  app.use(...finalHandlers((error) => console.error(error)));
  return app;
}

export interface StartOptions {
  /** The clock of the bot's schedule (reminders, the weekly digest); tests inject one. */
  now?: () => Date;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const opened = await openStore(config);
  // The units' people responsible are read from the served store (synced state, set below), never from Graph per request.
  let readsFrom: BoardStore = opened.store;
  const identity = identityOf(
    config,
    opened,
    cachedUnitPeople({
      listUnits: () => readsFrom.listUnits(),
      version: async () => `${await readsFrom.latestChangeSeq()}.${readsFrom.contentTag?.() ?? ''}`,
    }),
  );
  let feed: ChangeFeed | undefined;
  const directEdits = opened.directEdits?.({
    resolveEditor: (editor) => identity.fromSharePointEditor(editor),
    onChanged: () => void feed?.poke(),
  });
  // STORE=sharepoint: every read (API, bot, change feed) is served from synced state, never per viewer.
  const store = directEdits ? directEdits.serveReads(opened.store) : opened.store;
  readsFrom = store;
  const served: OpenedStore = { ...opened, store, ...(opened.scaleSetup ? { scaleSetup: opened.scaleSetup.over(store) } : {}) };
  if (config.seedOnStart && (await store.isEmpty())) {
    const added = await importSeedFile(store, config.seedFile);
    console.log(`seeded an empty store: ${JSON.stringify(added)}`);
  }
  // The DPO's scale setup, from the store: every surface reads the store's scale, which follows it.
  await served.scaleSetup?.load();
  // Every local write and every sync that saw the state move pokes the feed; the interval only
  // catches changes another instance wrote. On SharePoint the feed reads the synced state (no
  // Graph request of its own); another instance's changes arrive with the sync.
  feed = new ChangeFeed(store, { intervalMs: config.sharepoint?.syncIntervalMs ?? 1000 });
  await feed.start();
  // A change of the scale setup, by this instance or another on the same store, is read again: the live scale follows it.
  const scaleSetup = served.scaleSetup;
  if (scaleSetup) feed.subscribe((changes) => scaleSetup.followChanges(changes));
  // Which channels have a DPO Board tab: the bot's cards there open it (issue 13, item 1).
  const channelTabs = new ChannelTabs(store.appState);
  await channelTabs.load();
  const channelUnits = channelUnitsOf(config, store);
  let url = '';
  // The bot SDK (botbuilder, adaptive cards: ~75 MB) is loaded only when the bot runs.
  const bot = config.bot
    ? (await import('../bot/index.js')).createBot({
        settings: config.bot,
        identity,
        store,
        defaultUnit: config.defaultUnit,
        serverUrl: () => url,
        afterWrite: () => void feed?.poke(),
        channelTabOf: (channelId) => channelTabs.entityIdOf(channelId),
        channelUnits,
        ...(options.now ? { now: options.now } : {}),
      })
    : undefined;
  if (bot) feed.subscribe(() => void bot.notifier.run());
  const server = http.createServer(createApp(config, served, feed, directEdits, bot, identity, channelTabs, channelUnits));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  await directEdits?.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  url = `http://${host}:${port}`;
  await bot?.start();
  return {
    url,
    store,
    feed,
    bot,
    async close() {
      bot?.stop();
      feed.stop();
      directEdits?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bot?.notifier.idle();
      await bot?.schedule.idle();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config);
  console.log(`DPO Board listening on ${running.url} (store: ${config.store}, auth: ${config.authMode}, data: ${config.dataDir})`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

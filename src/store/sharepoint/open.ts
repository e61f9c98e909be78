/**
 * Opens the SharePoint side from the settings (STORE=sharepoint): one data-access object on one
 * Graph client, the store and the shared app state on it, and the direct-edit sync ready to wire.
 * The site and lists are resolved on first use.
 */
import type { SharePointSettings } from '../../config.js';
import type { Scale } from '../../domain/scale.js';
import type { GraphApi } from '../../graph/client.js';
import { createGraphApi } from '../../graph/factory.js';
import type { FetchLike } from '../../graph/middleware.js';
import { SharePointAppState } from './app-state.js';
import { SharePointData } from './data-access.js';
import { createDirectEdits, type DirectEditOptions, type DirectEdits } from './direct-edits.js';
import { SharePointStore } from './sharepoint-store.js';

export interface OpenedSharePoint {
  store: SharePointStore;
  data: SharePointData;
  state: SharePointAppState;
  graph: GraphApi;
  /** The direct-edit sync, its schedule, the notification route and the synced reads (see direct-edits.ts). */
  directEdits: (options: DirectEditOptions) => DirectEdits;
}

/** The store and its app state on one data-access object (tests pass their own, e.g. a faulty one). */
export function sharePointOn(data: SharePointData): { store: SharePointStore; state: SharePointAppState } {
  const state = new SharePointAppState(data);
  return { store: new SharePointStore(data, state), state };
}

export function openSharePoint(settings: SharePointSettings, scale: Scale, fetch?: FetchLike): OpenedSharePoint {
  const graph = createGraphApi(settings, fetch ? { fetch } : {});
  const data = new SharePointData({ graph, site: settings.site, scale });
  const { store, state } = sharePointOn(data);
  return { store, data, state, graph, directEdits: (options) => createDirectEdits(data, state, settings, options) };
}

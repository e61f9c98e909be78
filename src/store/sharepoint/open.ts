/** Opens the SharePoint store from the settings (STORE=sharepoint). The site and lists are resolved on first use. */
import type { SharePointSettings } from '../../config.js';
import type { Scale } from '../../domain/scale.js';
import { createGraphApi } from '../../graph/factory.js';
import type { FetchLike } from '../../graph/middleware.js';
import { SharePointStore } from './sharepoint-store.js';

export function openSharePointStore(settings: SharePointSettings, scale: Scale, fetch?: FetchLike): SharePointStore {
  const graph = createGraphApi(settings, fetch ? { fetch } : {});
  return new SharePointStore({ graph, site: settings.site, scale });
}

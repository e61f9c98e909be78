/**
 * The site and its lists: resolves SHAREPOINT_SITE_ID (or a site URL) to a site id and the
 * provisioned lists to their ids, and builds the Graph URLs the store reads and writes.
 *
 * Site by path: https://learn.microsoft.com/en-us/graph/api/site-getbypath
 * Lists: https://learn.microsoft.com/en-us/graph/api/list-list
 * Items: https://learn.microsoft.com/en-us/graph/api/listitem-list (expand=fields(select=...))
 */
import type { GraphApi } from '../../graph/client.js';
import type { Scale } from '../../domain/scale.js';
import { listDefinitions, selectOf, type ListDef, type ListKey } from './schema.js';

export interface SiteRef {
  /** A site id (hostname,siteCollectionId,webId) or a site URL such as https://contoso.sharepoint.com/sites/dpo. */
  site: string;
}

/** A site URL becomes /sites/{hostname}:/{server-relative-path}; an id is used as it is. */
export async function resolveSiteId(graph: GraphApi, site: string): Promise<string> {
  if (!/^https:\/\//i.test(site)) return site;
  const url = new URL(site);
  const path = url.pathname.replace(/\/+$/, '');
  const body = await graph.get<{ id: string }>(path ? `/sites/${url.hostname}:${path}` : `/sites/${url.hostname}`);
  return body.id;
}

export class MissingListError extends Error {
  override name = 'MissingListError';
}

export class SiteLists {
  readonly defs: Map<ListKey, ListDef>;
  private constructor(
    readonly siteId: string,
    private readonly ids: Map<ListKey, string>,
    scale: Scale,
  ) {
    this.defs = new Map(listDefinitions(scale).map((d) => [d.key, d]));
  }

  static async open(graph: GraphApi, site: string, scale: Scale): Promise<SiteLists> {
    const siteId = await resolveSiteId(graph, site);
    const { items } = await graph.getAll<{ id: string; displayName: string }>(`/sites/${siteId}/lists?$select=id,displayName`);
    const byName = new Map(items.map((l) => [l.displayName, l.id]));
    const ids = new Map<ListKey, string>();
    const missing: string[] = [];
    for (const def of listDefinitions(scale)) {
      const id = byName.get(def.displayName);
      if (id) ids.set(def.key, id);
      else missing.push(def.displayName);
    }
    if (missing.length > 0) {
      throw new MissingListError(`SharePoint site ${siteId} lacks the lists ${missing.join(', ')}; run npm run provision`);
    }
    return new SiteLists(siteId, ids, scale);
  }

  id(key: ListKey): string {
    return this.ids.get(key)!;
  }

  def(key: ListKey): ListDef {
    return this.defs.get(key)!;
  }

  listPath(key: ListKey): string {
    return `/sites/${this.siteId}/lists/${this.id(key)}`;
  }

  itemPath(key: ListKey, itemId: string | number): string {
    return `${this.listPath(key)}/items/${itemId}`;
  }

  /** The documented form: items?expand=fields(select=...), with an optional OData filter on indexed columns. */
  itemsUrl(key: ListKey, filter?: string, top = 999): string {
    const select = selectOf(this.def(key)).join(',');
    const parts = [`expand=fields(select=${select})`, `$top=${top}`];
    if (filter) parts.push(`$filter=${encodeURIComponent(filter)}`);
    return `${this.listPath(key)}/items?${parts.join('&')}`;
  }

  itemUrl(key: ListKey, itemId: string | number): string {
    return `${this.itemPath(key, itemId)}?expand=fields(select=${selectOf(this.def(key)).join(',')})`;
  }

  deltaUrl(key: ListKey): string {
    return `${this.listPath(key)}/items/delta?expand=fields(select=${selectOf(this.def(key)).join(',')})`;
  }
}

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Filters on indexed columns work without the "HonorNonIndexedQueries" preference; we send it for safety anyway. */
export const FILTER_HEADERS = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };

/**
 * Reading a list's changes with delta: https://learn.microsoft.com/en-us/graph/api/listitem-delta
 * Start without a token, follow @odata.nextLink (pages may be empty) until an
 * @odata.deltaLink, keep that as the cursor. A 410 Gone carries a Location header with a
 * nextLink that starts a fresh enumeration; deleted items carry the `deleted` facet.
 */
import { GraphApi, GraphHttpError, type BatchRequest, type BatchResponse, type Page } from '../../graph/client.js';
import type { ListItem } from './items.js';

export interface DeltaResult {
  items: ListItem[];
  deltaLink: string;
  /** True when the cursor had expired (410) and the items are a fresh enumeration of the whole list. */
  restarted: boolean;
}

/** The request for a cursor (or a first enumeration), in a form a $batch can carry when the link is under the base URL. */
export function deltaBatchRequest(graph: GraphApi, id: string, cursor: string | null, initialPath: string): BatchRequest | null {
  const url = cursor ? graph.relative(cursor) : initialPath;
  return url ? { id, method: 'GET', url } : null;
}

/** Reads a delta to its end, starting from a first page already fetched (in a batch) or from the cursor. */
export async function readDelta(
  graph: GraphApi,
  cursor: string | null,
  initialPath: string,
  first?: BatchResponse<Page<ListItem>>,
  itemUrl?: (id: string) => string,
): Promise<DeltaResult> {
  let page: Page<ListItem>;
  let restarted = false;
  try {
    if (first) page = GraphApi.ok(first);
    else page = await graph.get<Page<ListItem>>(cursor ?? initialPath);
  } catch (error) {
    if (!(error instanceof GraphHttpError) || error.status !== 410) throw error;
    restarted = true;
    page = await graph.get<Page<ListItem>>(error.header('location') ?? initialPath);
  }
  const { items, deltaLink } = await graph.continuePaging(page);
  if (!deltaLink) throw new Error('delta ended without an @odata.deltaLink');
  const latest = lastOccurrence(items);
  return { items: itemUrl ? await withFields(graph, latest, itemUrl) : latest, deltaLink, restarted };
}

/** Items a delta returned without their fields are read again, in batches, with them. */
async function withFields(graph: GraphApi, items: ListItem[], itemUrl: (id: string) => string): Promise<ListItem[]> {
  const bare = items.filter((i) => !i.deleted && !i.fields);
  if (bare.length === 0) return items;
  const answers = await graph.batch<ListItem>(bare.map((i) => ({ id: i.id, method: 'GET', url: itemUrl(i.id) })));
  return items.flatMap((i) => {
    if (i.deleted || i.fields) return [i];
    const answer = answers.get(i.id);
    if (answer?.status === 404) return [{ id: i.id, deleted: { state: 'deleted' } }];
    return [GraphApi.ok(answer)];
  });
}

/** The same item may appear more than once in a delta feed; the last occurrence wins. */
function lastOccurrence(items: ListItem[]): ListItem[] {
  const byId = new Map<string, ListItem>();
  for (const item of items) {
    byId.delete(item.id);
    byId.set(item.id, item);
  }
  return [...byId.values()];
}

/**
 * SharePoint data access: the one module that talks to the DPO Board lists through Graph.
 * The store (BoardStore port), the app state, the seed import, the direct-edit sync and the
 * webhooks all go through it; none of them builds list URLs or batches of its own.
 *
 * It owns:
 * - list resolution (the site and its lists, resolved once, again after a failure);
 * - reads: several lists and items in one JSON $batch, every @odata.nextLink followed, with a
 *   fallback to whole-list reads when the endpoint refuses a $filter;
 * - writes: create (one, or many in $batches of 20), PATCH under If-Match (eTag), delete;
 *   a person's credential (on-behalf-of) is carried per write;
 * - the change log: the append (item id = sequence number) and its delta mirror;
 * - items people left in a state the app cannot use (reported once each, never thrown);
 * - field names typed from schema.ts (ItemFields<K>).
 *
 * listitem-list:   https://learn.microsoft.com/en-us/graph/api/listitem-list
 * listitem-create: https://learn.microsoft.com/en-us/graph/api/listitem-create
 * listitem-update: https://learn.microsoft.com/en-us/graph/api/listitem-update (If-Match -> 412)
 * listitem-delete: https://learn.microsoft.com/en-us/graph/api/listitem-delete
 * JSON batching:   https://learn.microsoft.com/en-us/graph/json-batching
 * docs/graph-calls.md lists every request and the documented defaults it relies on.
 */
import type { ChangeRecord, NewChange } from '../../domain/model.js';
import type { Scale } from '../../domain/scale.js';
import { BATCH_LIMIT, GraphApi, type BatchRequest, type BatchResponse, type Page } from '../../graph/client.js';
import type { DelegatedCredential } from '../port.js';
import { ChangeLogMirror } from './change-log.js';
import { etagOf, FieldReader, ItemProblem, write, type ListItem } from './items.js';
import type { ItemFields, ListKey } from './schema.js';
import { FILTER_HEADERS, SiteLists } from './site.js';

export interface SharePointDataOptions {
  graph: GraphApi;
  /** Site id or site URL. */
  site: string;
  scale: Scale;
  /** Told about every item a person left in a state the app cannot use (once per item and message). */
  onProblem?: (problem: ItemProblem) => void;
}

/** One read in a batch: a list query (optionally filtered on indexed columns), or one item by id. */
export type ReadSpec = { list: ListKey; filter?: string } | { list: ListKey; itemId: number | string };
export type Reads<K extends string> = Record<K, ReadSpec>;

/** One item to create in a batch. */
export interface NewItem<K extends ListKey = ListKey> {
  list: K;
  fields: ItemFields<K>;
}

/** The outcome of one planned create: the item, or why Graph refused it. */
export type Created = { ok: true; list: ListKey; item: ListItem } | { ok: false; list: ListKey; error: Error };

/** An eTag no item has: a write under it is refused (412). */
const SUPERSEDED_ETAG = '"superseded"';

/** Whether a value read back equals the one written, as SharePoint stores it (numbers, ISO times, lookup ids as strings). */
function sameValue(stored: unknown, written: unknown): boolean {
  const empty = (x: unknown) => x === undefined || x === null || x === '';
  if (empty(stored) || empty(written)) return empty(stored) && empty(written);
  if (typeof stored === 'number' || typeof written === 'number') return Number(stored) === Number(written);
  const text = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));
  const [a, b] = [text(stored), text(written)];
  const isTime = (x: string) => /^\d{4}-\d{2}-\d{2}T/.test(x);
  // SharePoint keeps date and time columns to the second.
  const second = (x: string) => Math.floor(Date.parse(x) / 1000);
  return isTime(a) && isTime(b) ? second(a) === second(b) : a === b;
}

export class SharePointData {
  readonly graph: GraphApi;
  readonly scale: Scale;
  private readonly site: string;
  private opening: Promise<SiteLists> | undefined;
  private mirror: ChangeLogMirror | undefined;
  /** Whether list reads filter on the server ($filter on indexed columns); callers filter again either way. */
  private serverFilters = true;
  private readonly seenProblems = new Set<string>();
  private readonly recentProblems: ItemProblem[] = [];
  private readonly onProblem: (problem: ItemProblem) => void;
  /** Direct list changes the sync has seen (part of the views' cache key). */
  private listChanges = 0;

  constructor(options: SharePointDataOptions) {
    this.graph = options.graph;
    this.site = options.site;
    this.scale = options.scale;
    this.onProblem = options.onProblem ?? ((p) => console.warn(`SharePoint: ${p.message}`));
  }

  // ---- lists ------------------------------------------------------------------------------------

  /** The site's lists, resolved once (and again after a failure). */
  lists(): Promise<SiteLists> {
    this.opening ??= SiteLists.open(this.graph, this.site, this.scale).then(
      (lists) => {
        this.mirror = new ChangeLogMirror(this.graph, lists, (p) => this.reportProblem(p));
        return lists;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  // ---- problems people left in the lists --------------------------------------------------------

  /** Values people typed that the app cannot use, newest last (also logged once each). */
  get problems(): readonly ItemProblem[] {
    return this.recentProblems;
  }

  reportProblem(problem: ItemProblem): void {
    if (this.seenProblems.has(problem.message)) return;
    this.seenProblems.add(problem.message);
    this.recentProblems.push(problem);
    if (this.recentProblems.length > 200) this.recentProblems.shift();
    this.onProblem(problem);
  }

  /** Parses items leniently: an item a person broke is reported and left out, the rest is returned. */
  parse<T>(key: ListKey, items: ListItem[], fn: (r: FieldReader) => T, lists: SiteLists): T[] {
    const out: T[] = [];
    for (const item of items) {
      try {
        out.push(fn(new FieldReader(lists.def(key).displayName, item)));
      } catch (error) {
        if (error instanceof ItemProblem) this.reportProblem(error);
        else throw error;
      }
    }
    return out;
  }

  // ---- direct changes seen by the sync -----------------------------------------------------------

  /** Called by the direct-edit sync with the number of changed items a delta brought. */
  noteListChanges(count: number): void {
    this.listChanges += count;
  }

  get listChangeCount(): number {
    return this.listChanges;
  }

  // ---- reads -------------------------------------------------------------------------------------

  /**
   * Reads several lists (and items) in one $batch, then follows each answer's nextLinks.
   * With `withChanges`, the change log's delta rides along in the same batch.
   */
  async readMany<K extends string>(specs: Reads<K>, withChanges = false): Promise<Record<K, ListItem[]>> {
    const lists = await this.lists();
    const mirror = this.mirror!;
    const filterOf = (spec: ReadSpec) => ('filter' in spec && this.serverFilters ? spec.filter : undefined);
    const requests: BatchRequest[] = Object.entries<ReadSpec>(specs).map(([id, spec]) => {
      if ('itemId' in spec) return { id, method: 'GET', url: lists.itemUrl(spec.list, spec.itemId) };
      const filter = filterOf(spec);
      return { id, method: 'GET', url: lists.itemsUrl(spec.list, filter), ...(filter ? { headers: FILTER_HEADERS } : {}) };
    });
    const changeRequest = withChanges ? mirror.batchRequest('$changes') : null;
    if (changeRequest) requests.push(changeRequest);
    const answers = await this.graph.batch<Page<ListItem> & ListItem>(requests);
    // A Graph endpoint that cannot filter these columns (400/501): read whole lists, filter here.
    const refused = Object.entries<ReadSpec>(specs).some(
      ([id, spec]) => filterOf(spec) && [400, 501].includes(answers.get(id)?.status ?? 0),
    );
    if (refused) {
      this.serverFilters = false;
      console.warn('SharePoint: the Graph endpoint refused a $filter on an indexed column; reading whole lists and filtering in the app');
      return this.readMany(specs, withChanges);
    }
    const out = {} as Record<K, ListItem[]>;
    const changes = changeRequest ? (answers.get('$changes') as BatchResponse<Page<ListItem>> | undefined) : undefined;
    await Promise.all([
      ...Object.entries<ReadSpec>(specs).map(async ([id, spec]) => {
        out[id as K] = await this.itemsOf(answers.get(id), spec, filterOf(spec));
      }),
      withChanges ? mirror.refresh(changes) : Promise.resolve(),
    ]);
    return out;
  }

  private async itemsOf(
    answer: BatchResponse<Page<ListItem> & ListItem> | undefined,
    spec: ReadSpec,
    filter?: string,
  ): Promise<ListItem[]> {
    if ('itemId' in spec) return answer?.status === 404 ? [] : [GraphApi.ok(answer)];
    return (await this.graph.continuePaging<ListItem>(GraphApi.ok(answer), filter ? FILTER_HEADERS : undefined)).items;
  }

  // ---- writes ------------------------------------------------------------------------------------

  /** `as`: the person's credential (on-behalf-of); the app's own token when absent. */
  async createItem<K extends ListKey>(key: K, fields: ItemFields<K>, as?: DelegatedCredential): Promise<ListItem> {
    const lists = await this.lists();
    return (await this.graph.request<ListItem>('POST', `${lists.listPath(key)}/items`, { fields }, {}, as)).body;
  }

  /**
   * Creates many items in $batches of 20, each batch chained with dependsOn so the items are created (and
   * numbered) in the order given: Graph runs unchained batch requests in an order of its own. A request
   * that was not run because one before it failed (424) goes in the next batch. Each answer is reported, none thrown.
   */
  async createMany(items: NewItem[]): Promise<Created[]> {
    const lists = await this.lists();
    const results = new Map<number, Created>();
    let pending = items.map((_, i) => i);
    while (pending.length > 0) {
      const chunk = pending.slice(0, BATCH_LIMIT);
      const requests: BatchRequest[] = chunk.map((i, k) => ({
        id: String(i),
        method: 'POST',
        url: `${lists.listPath(items[i]!.list)}/items`,
        body: { fields: items[i]!.fields },
        ...(k > 0 ? { dependsOn: [String(chunk[k - 1])] } : {}),
      }));
      const answers = await this.graph.batch<ListItem>(requests);
      const skipped = chunk.filter((i) => answers.get(String(i))?.status === 424);
      for (const i of chunk.filter((x) => !skipped.includes(x))) results.set(i, this.created(items[i]!.list, answers.get(String(i))));
      // The first request of a chunk never waits on another, so every round settles at least one item.
      pending = [...skipped, ...pending.slice(chunk.length)];
    }
    return items.map((_, i) => results.get(i)!);
  }

  private created(list: ListKey, answer: BatchResponse<ListItem> | undefined): Created {
    try {
      return { ok: true, list, item: GraphApi.ok(answer) };
    } catch (error) {
      return { ok: false, list, error: error as Error };
    }
  }

  /**
   * PATCH .../items/{id}/fields under If-Match (none when `eTag` is empty); a 412 surfaces as GraphHttpError.
   * Returns the item's new eTag when Graph sent one: it answers a fieldValueSet, which promises none
   * (https://learn.microsoft.com/en-us/graph/api/listitem-update). patchForETag reads it when it is needed.
   */
  async patchItem<K extends ListKey>(
    key: K,
    itemId: string,
    fields: ItemFields<K>,
    eTag: string,
    as?: DelegatedCredential,
  ): Promise<string | null> {
    const lists = await this.lists();
    const path = `${lists.itemPath(key, itemId)}/fields`;
    const { body, headers } = await this.graph.request<Record<string, unknown>>(
      'PATCH',
      path,
      fields,
      eTag ? { 'If-Match': eTag } : {},
      as,
    );
    const answered = body?.['@odata.etag'] ?? headers.get('etag');
    return typeof answered === 'string' && answered ? answered : null;
  }

  /**
   * patchItem for a caller that writes the item again under its eTag (the app state). When Graph sent no eTag,
   * the item is read again, and its eTag is ours only if it still holds what we wrote; otherwise an eTag that
   * matches nothing is returned, so the next conditional write fails (412) instead of overwriting someone else's.
   */
  async patchForETag<K extends ListKey>(key: K, itemId: string, fields: ItemFields<K>, eTag: string): Promise<string> {
    const answered = await this.patchItem(key, itemId, fields, eTag);
    if (answered) return answered;
    const { item } = await this.readMany({ item: { list: key, itemId } });
    const now = item[0];
    const ours = now && Object.entries(fields).every(([name, value]) => sameValue(now.fields?.[name], value));
    return ours ? etagOf(now) : SUPERSEDED_ETAG;
  }

  async deleteItem(key: ListKey, itemId: string, eTag?: string, as?: DelegatedCredential): Promise<void> {
    const lists = await this.lists();
    await this.graph.request('DELETE', lists.itemPath(key, itemId), undefined, eTag ? { 'If-Match': eTag } : {}, as);
  }

  // ---- the change log ----------------------------------------------------------------------------

  /** Appends one record to the change log list; its item id is the sequence number. */
  async appendChange(change: NewChange, as?: DelegatedCredential): Promise<ChangeRecord> {
    const item = await this.createItem('changes', write.change(change), as);
    const record: ChangeRecord = { ...change, seq: Number(item.id) };
    (await this.changeLog()).add(record);
    return record;
  }

  /** Appends the change; if that fails, runs `undo` (the item write taken back) so nothing is half written, and throws. */
  async appendChangeOrUndo(change: NewChange, undo: () => Promise<void>, as?: DelegatedCredential): Promise<ChangeRecord> {
    try {
      return await this.appendChange(change, as);
    } catch (error) {
      await undo().catch((undoError: unknown) => console.error('SharePoint: could not undo a write whose change record failed', undoError));
      throw error;
    }
  }

  /** The change log mirror as the last read left it (a board read refreshes it in its batch). */
  async changeLog(): Promise<ChangeLogMirror> {
    await this.lists();
    return this.mirror!;
  }

  /** The change log mirror brought up to date with its own delta request. */
  async freshChangeLog(): Promise<ChangeLogMirror> {
    const mirror = await this.changeLog();
    await mirror.refresh();
    return mirror;
  }
}

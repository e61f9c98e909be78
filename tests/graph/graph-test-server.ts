/**
 * A local Microsoft Graph stand-in for the SharePoint store: the endpoints DPO Board uses,
 * in the documented wire format, over HTTPS with a throwaway certificate.
 *
 * Pages it follows (learn.microsoft.com/en-us/graph/...):
 *  - api/site-getbypath, api/list-list, api/list-create, api/list-list-columns,
 *    api/list-post-columns, api/columndefinition-update
 *  - api/listitem-list   GET  /sites/{site}/lists/{list}/items?expand=fields(select=...)
 *  - api/listitem-get    GET  /sites/{site}/lists/{list}/items/{id}?expand=fields
 *  - api/listitem-create POST /sites/{site}/lists/{list}/items {fields}
 *  - api/listitem-update PATCH /sites/{site}/lists/{list}/items/{id}/fields (If-Match -> 412)
 *  - api/listitem-delete DELETE /sites/{site}/lists/{list}/items/{id}
 *  - api/listitem-delta  GET  .../items/delta (nextLink/deltaLink, `deleted` facet, 410 + Location)
 *  - json-batching       POST /$batch (at most 20 requests; per-response status/headers/body)
 *  - throttling          429 with Retry-After (seconds)
 *  - api/subscription-post-subscriptions, change-notifications-delivery-webhooks
 *    (validationToken handshake, notifications with clientState, expiry up to 42,300 minutes for lists)
 *  - paging              @odata.nextLink, also after empty pages
 *  - directory (roles)   servicePrincipals(appId=...), users/{id}/appRoleAssignments,
 *    users/{id}/checkMemberGroups: see graph-directory.ts
 *  - delegated tokens    a person's token (on-behalf-of) is accepted like the app's; items the
 *    request creates or changes record that person in createdBy/lastModifiedBy, as SharePoint does
 * Lookup and person columns are read back as `<Name>LookupId` strings; an item's eTag is a
 * quoted "{guid},{version}"; dates are ISO timestamps.
 *
 * As strict as the documentation: it returns no more than Graph promises, so a test fails when
 * the app relies on a generosity of the real service (docs/graph-calls.md lists the same rules):
 *  - hidden columns are left out of GET .../columns unless `hidden` is in $select, and hidden
 *    field values are left out of an item's fields unless named in the fields' select
 *    (https://learn.microsoft.com/en-us/graph/api/resources/columndefinition);
 *  - $select returns only the properties named (https://learn.microsoft.com/en-us/graph/query-parameters#select-parameter);
 *  - a $filter may use one indexed field at a time, and a non-indexed one only with
 *    Prefer: HonorNonIndexedQueriesWarningMayFailRandomly (https://learn.microsoft.com/en-us/graph/api/listitem-list);
 *  - pages are as small as the server likes ($top is a maximum, not a promise) and every page may
 *    end with an @odata.nextLink (https://learn.microsoft.com/en-us/graph/paging);
 *  - a delta feed may repeat an item (the last occurrence wins) (https://learn.microsoft.com/en-us/graph/api/listitem-delta);
 *  - a $batch runs its requests in an order of its own unless they chain with dependsOn, and
 *    answers them in yet another order (https://learn.microsoft.com/en-us/graph/json-batching);
 *  - PATCH .../fields answers the fieldValueSet only: no eTag in the body, no ETag header
 *    (https://learn.microsoft.com/en-us/graph/api/listitem-update);
 *  - a second column with a name the list has is refused as SharePoint words it;
 *  - a document library (list-create with `list: { template: 'documentLibrary' }`,
 *    https://learn.microsoft.com/en-us/graph/api/resources/listinfo) holds files: its items are created by
 *    uploading through the drive (https://learn.microsoft.com/en-us/graph/api/driveitem-put-content; here
 *    userUpload, as a person in SharePoint), never by POST .../items, which SharePoint refuses for a library;
 *    its optional Title is not required, and an item's webUrl is the file's address
 *    (https://learn.microsoft.com/en-us/graph/api/resources/listitem: "All items in a SharePoint document
 *    library can be represented as a listItem or driveItem resource").
 */
import crypto from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DirectoryError, GraphDirectory } from './graph-directory.js';
import { testCert } from './tls.js';

type Json = Record<string, unknown>;

export interface Identity {
  id: string;
  displayName: string;
  email?: string;
}

export const APP_IDENTITY: Identity = { id: 'app-dpo-board', displayName: 'DPO Board' };

interface Column {
  id: string;
  name: string;
  displayName: string;
  description?: string;
  required: boolean;
  indexed: boolean;
  hidden: boolean;
  enforceUniqueValues: boolean;
  def: Json;
}

interface Item {
  id: number;
  guid: string;
  version: number;
  fields: Json;
  created: string;
  modified: string;
  createdBy: Identity;
  modifiedBy: Identity;
  deleted: boolean;
  /** List change counter when the item last changed (for delta). */
  changed: number;
  /** A document library's item: the file's name. */
  fileName?: string;
}

interface List {
  id: string;
  displayName: string;
  name: string;
  description: string;
  hidden: boolean;
  template: string;
  columns: Column[];
  items: Map<number, Item>;
  nextId: number;
  counter: number;
  /** Delta tokens issued before this epoch are expired (410). */
  epoch: number;
  created: string;
}

export interface Fault {
  method?: string;
  /** Matched against the path after /v1.0 (query included). */
  path?: RegExp;
  status?: number;
  retryAfter?: string;
  /** Delay before answering, in ms (a slow answer). */
  delayMs?: number;
  /** How many matching requests it hits; default 1. */
  times?: number;
  /** Only inside a $batch (true), only outside (false), or both (undefined). */
  inBatch?: boolean;
}

export interface Subscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  clientState?: string;
  expirationDateTime: string;
}

export interface Delivery {
  subscriptionId: string;
  status: number;
  ms: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  inBatch: boolean;
  status: number;
  /** Whose token the request carried (APP_IDENTITY's id for the app's own token). */
  caller: string;
}

export interface GraphTestServerOptions {
  token?: string;
  pageSize?: number;
  hostname?: string;
  sitePath?: string;
  /** Insert an empty page (with a nextLink) before the first page of every collection. */
  emptyFirstPages?: boolean;
  /** Trusts this CA when delivering notifications (the app's public https front). */
  notificationCa?: string;
  /** Answer 400 to any $filter (a Graph endpoint that cannot filter these columns). */
  refuseFilters?: boolean;
  /** Delta pages carry items without their fields (ids and eTags only). */
  deltaWithoutFields?: boolean;
  /** Accept duplicates in columns that ask for unique values (a site that does not enforce them). */
  ignoreUnique?: boolean;
}

const MAX_LIST_SUBSCRIPTION_MINUTES = 42_300;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: Record<string, string>;
  body: unknown;
  inBatch: boolean;
  /** Who the bearer token stands for; set once the token is checked. */
  caller?: Identity;
}

interface Res {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const unb64 = <T>(s: string): T | null => {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
};

export class GraphTestServer {
  readonly token: string;
  readonly hostname: string;
  readonly sitePath: string;
  readonly siteId: string;
  pageSize: number;
  emptyFirstPages: boolean;
  refuseFilters: boolean;
  deltaWithoutFields: boolean;
  ignoreUnique: boolean;
  readonly lists = new Map<string, List>();
  readonly faults: Fault[] = [];
  readonly requests: LoggedRequest[] = [];
  readonly subscriptions = new Map<string, Subscription>();
  readonly deliveries: Delivery[] = [];
  /** The tenant's directory (app roles, users, groups). */
  readonly directory = new GraphDirectory();
  /** Delegated tokens (on-behalf-of) -> the person they were issued for. */
  private readonly delegated = new Map<string, Identity>();
  private server: https.Server | undefined;
  private baseUrl = '';
  private readonly notificationAgent: https.Agent | undefined;
  private pendingNotify = new Map<string, NodeJS.Timeout>();
  private now = () => new Date();

  constructor(options: GraphTestServerOptions = {}) {
    this.token = options.token ?? 'test-token-' + crypto.randomUUID();
    this.hostname = options.hostname ?? 'contoso.sharepoint.com';
    this.sitePath = options.sitePath ?? '/sites/dpo';
    this.siteId = `${this.hostname},${crypto.randomUUID()},${crypto.randomUUID()}`;
    this.pageSize = options.pageSize ?? 5;
    this.emptyFirstPages = options.emptyFirstPages ?? false;
    this.refuseFilters = options.refuseFilters ?? false;
    this.deltaWithoutFields = options.deltaWithoutFields ?? false;
    this.ignoreUnique = options.ignoreUnique ?? false;
    this.notificationAgent = options.notificationCa ? new https.Agent({ ca: options.notificationCa }) : undefined;
  }

  /** e.g. https://127.0.0.1:port/v1.0 */
  get url(): string {
    return this.baseUrl + '/v1.0';
  }

  get siteUrl(): string {
    return `https://${this.hostname}${this.sitePath}`;
  }

  async start(): Promise<this> {
    const { key, cert } = testCert();
    this.server = https.createServer({ key, cert }, (req, res) => void this.onHttp(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.pendingNotify.values()) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests counted since `from` (an index into `requests`); batches count once. */
  countSince(from: number): number {
    return this.requests.slice(from).filter((r) => !r.inBatch).length;
  }

  /** A delegated Graph token for the person, as Entra ID issues on behalf of them. */
  personToken(who: Identity): string {
    const token = `delegated-${who.id}-${crypto.randomUUID()}`;
    this.delegated.set(token, who);
    return token;
  }

  private callerOf(authorization: string | undefined): Identity | undefined {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined) return undefined;
    return token === this.token ? APP_IDENTITY : this.delegated.get(token);
  }

  // ---- people editing lists in SharePoint ------------------------------------------------------

  list(displayName: string): List {
    const list = [...this.lists.values()].find((l) => l.displayName === displayName);
    if (!list) throw new Error(`no list ${displayName}`);
    return list;
  }

  items(displayName: string): Item[] {
    return [...this.list(displayName).items.values()].filter((i) => !i.deleted);
  }

  /** Edits an item as a person in the SharePoint UI would: no checks beyond SharePoint's own; a new version, eTag and "Modified by". */
  userEdit(displayName: string, id: number, fields: Json, who: Identity): Item {
    const list = this.list(displayName);
    const item = list.items.get(id);
    if (!item || item.deleted) throw new Error(`no item ${id} in ${displayName}`);
    Object.assign(item.fields, normalizeFields(fields));
    this.touch(list, item, who);
    return item;
  }

  userCreate(displayName: string, fields: Json, who: Identity): Item {
    return this.createItem(this.list(displayName), normalizeFields(fields), who);
  }

  /**
   * Uploads a file to a document library as a person in SharePoint would (the drive's upload, which creates the
   * file's list item), with the column values they fill in; "Created by" is the person.
   */
  userUpload(displayName: string, fileName: string, fields: Json, who: Identity): Item {
    const list = this.list(displayName);
    if (list.template !== 'documentLibrary') throw new Error(`${displayName} is not a document library`);
    const item = this.createItem(list, normalizeFields(fields), who);
    item.fileName = fileName;
    return item;
  }

  userDelete(displayName: string, id: number): void {
    const list = this.list(displayName);
    const item = list.items.get(id);
    if (!item) throw new Error(`no item ${id}`);
    item.deleted = true;
    list.counter += 1;
    item.changed = list.counter;
    this.notify(list);
  }

  /** Makes every delta token of the list expire: the next delta call answers 410 Gone. */
  expireDeltaTokens(displayName: string): void {
    this.list(displayName).epoch += 1;
  }

  // ---- HTTP ----------------------------------------------------------------------------------------

  private async onHttp(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(res, { status: 400, headers: {}, body: errorBody('BadRequest', 'Unable to read JSON request payload.') });
    }
    const path = url.pathname.startsWith('/v1.0') ? url.pathname.slice('/v1.0'.length) : url.pathname;
    const out = await this.handle({
      method: (req.method ?? 'GET').toUpperCase(),
      path: decodeURIComponent(path),
      query: url.searchParams,
      rawQuery: url.search,
      headers,
      body,
      inBatch: false,
    });
    send(res, out);
  }

  private async handle(req: Req): Promise<Res> {
    let res: Res;
    try {
      req.caller = this.callerOf(req.headers.authorization);
      if (!req.caller) {
        throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      }
      await this.applyFault(req);
      res = await this.route(req);
    } catch (error) {
      if (error instanceof HttpError) res = { status: error.status, headers: error.headers, body: errorBody(error.code, error.message) };
      else if (error instanceof DirectoryError) res = { status: error.status, headers: {}, body: errorBody(error.code, error.message) };
      else res = { status: 500, headers: {}, body: errorBody('generalException', String(error)) };
    }
    this.requests.push({
      method: req.method,
      path: req.path + req.rawQuery,
      inBatch: req.inBatch,
      status: res.status,
      caller: req.caller?.id ?? '',
    });
    return res;
  }

  private async applyFault(req: Req): Promise<void> {
    const fault = this.faults.find(
      (f) =>
        (f.times ?? 1) > 0 &&
        (f.method === undefined || f.method === req.method) &&
        (f.path === undefined || f.path.test(req.path + req.rawQuery)) &&
        (f.inBatch === undefined || f.inBatch === req.inBatch),
    );
    if (!fault) return;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.status) {
      const code =
        fault.status === 429
          ? 'TooManyRequests'
          : fault.status === 503
            ? 'serviceNotAvailable'
            : fault.status === 504
              ? 'gatewayTimeout'
              : 'injected';
      throw new HttpError(fault.status, code, 'injected fault', fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {});
    }
  }

  private async route(req: Req): Promise<Res> {
    const p = req.path.replace(/\/+$/, '');
    if (p === '/$batch' && req.method === 'POST') return this.batch(req);
    if (p === '/subscriptions') return req.method === 'POST' ? this.subscribe(req) : this.ok({ value: [...this.subscriptions.values()] });
    let m = /^\/subscriptions\/([^/]+)$/.exec(p);
    if (m) return this.subscription(req, m[1]!);
    const directory = this.directory.route({ ...req, path: p }, (all) => {
      const answer = this.page(req, all);
      return { status: answer.status, body: answer.body as Json };
    });
    if (directory) return this.ok(directory.body, directory.status);
    m = /^\/sites\/([^/:]+):(\/.*)$/.exec(p);
    if (m) {
      if (m[1] !== this.hostname || m[2] !== this.sitePath) throw new HttpError(404, 'itemNotFound', 'Requested site could not be found');
      return this.ok(this.siteJson());
    }
    m = /^\/sites\/([^/]+)(\/.*)?$/.exec(p);
    if (!m) throw new HttpError(400, 'BadRequest', `Resource not found for the segment '${p}'.`);
    if (m[1] !== this.siteId) throw new HttpError(404, 'itemNotFound', 'Requested site could not be found');
    const rest = m[2] ?? '';
    if (rest === '') return this.ok(this.siteJson());
    if (rest === '/lists') {
      if (req.method === 'POST') return this.createList(req);
      return this.page(
        req,
        [...this.lists.values()].map((l) => selected(this.listJson(l), req)),
      );
    }
    m = /^\/lists\/([^/]+)(\/.*)?$/.exec(rest);
    if (!m) throw new HttpError(400, 'BadRequest', `Unsupported segment ${rest}`);
    const list = this.findList(m[1]!);
    const sub = m[2] ?? '';
    if (sub === '') return this.ok(selected(this.listJson(list), req));
    if (sub === '/columns') return req.method === 'POST' ? this.createColumn(list, req) : this.ok({ value: this.columnsJson(list, req) });
    m = /^\/columns\/([^/]+)$/.exec(sub);
    if (m && req.method === 'PATCH') return this.updateColumn(list, m[1]!, req);
    if (sub === '/items/delta' || sub === '/items/microsoft.graph.delta()') return this.delta(list, req);
    if (sub === '/items') return req.method === 'POST' ? this.create(list, req) : this.listItems(list, req);
    m = /^\/items\/(\d+)(\/fields)?$/.exec(sub);
    if (m) return this.item(list, Number(m[1]), Boolean(m[2]), req);
    throw new HttpError(400, 'BadRequest', `Unsupported segment ${sub}`);
  }

  private ok(body: unknown, status = 200, headers: Record<string, string> = {}): Res {
    return { status, headers, body };
  }

  // ---- sites, lists, columns -------------------------------------------------------------------

  private siteJson(): Json {
    return { id: this.siteId, name: 'dpo', displayName: 'Dataskydd', webUrl: this.siteUrl };
  }

  private findList(idOrTitle: string): List {
    const list = this.lists.get(idOrTitle) ?? [...this.lists.values()].find((l) => l.displayName === idOrTitle);
    if (!list) throw new HttpError(404, 'itemNotFound', 'The requested list was not found');
    return list;
  }

  private listJson(l: List): Json {
    return {
      '@odata.etag': `"${l.id},${l.counter}"`,
      id: l.id,
      name: l.name,
      displayName: l.displayName,
      description: l.description,
      createdDateTime: l.created,
      webUrl: `${this.siteUrl}/Lists/${l.name}`,
      list: { contentTypesEnabled: false, hidden: l.hidden, template: l.template },
    };
  }

  private createList(req: Req): Res {
    const body = (req.body ?? {}) as Json;
    const displayName = text(body.displayName);
    if (!displayName) throw new HttpError(400, 'invalidRequest', 'displayName is required');
    if ([...this.lists.values()].some((l) => l.displayName === displayName)) {
      throw new HttpError(
        409,
        'nameAlreadyExists',
        `A list, survey, discussion board, or document library with the specified title '${displayName}' already exists.`,
      );
    }
    const info = (body.list ?? {}) as Json;
    const list: List = {
      id: crypto.randomUUID(),
      displayName,
      name: displayName.replace(/[^A-Za-z0-9]/g, ''),
      description: text(body.description),
      hidden: Boolean(info.hidden),
      template: text(info.template, 'genericList'),
      columns: [],
      items: new Map(),
      nextId: 1,
      counter: 0,
      epoch: 0,
      created: this.now().toISOString(),
    };
    list.columns.push({
      id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247',
      name: 'Title',
      displayName: 'Title',
      // A file's Title is optional in a document library.
      required: list.template !== 'documentLibrary',
      indexed: false,
      hidden: false,
      enforceUniqueValues: false,
      def: { text: { maxLength: 255 } },
    });
    for (const c of (body.columns ?? []) as Json[]) list.columns.push(toColumn(c, this));
    this.lists.set(list.id, list);
    return this.ok({ ...this.listJson(list), columns: list.columns.map(columnJson) }, 201);
  }

  /** Exposed for column validation (lookup targets). */
  hasList(id: string): boolean {
    return this.lists.has(id);
  }

  /**
   * GET .../columns: "By default, columnDefinitions and field values for hidden columns aren't shown. To list
   * hidden columnDefinitions, include hidden in your $select statement."
   * (https://learn.microsoft.com/en-us/graph/api/resources/columndefinition)
   */
  private columnsJson(list: List, req: Req): Json[] {
    const select = selectOf(req);
    const visible = select?.includes('hidden') ? list.columns : list.columns.filter((c) => !c.hidden);
    return visible.map((c) => selected(columnJson(c), req));
  }

  private createColumn(list: List, req: Req): Res {
    const body = (req.body ?? {}) as Json;
    // SharePoint refuses a second field with an internal name the list has (the issue's first-run failure).
    if (list.columns.some((c) => c.name === body.name))
      throw new HttpError(400, 'invalidRequest', `A duplicate field name "${String(body.name)}" was found.`);
    const column = toColumn(body, this);
    list.columns.push(column);
    return this.ok(columnJson(column), 201);
  }

  private updateColumn(list: List, id: string, req: Req): Res {
    const column = list.columns.find((c) => c.id === id);
    if (!column) throw new HttpError(404, 'itemNotFound', 'column not found');
    const body = (req.body ?? {}) as Json;
    if (typeof body.displayName === 'string') column.displayName = body.displayName;
    if (typeof body.description === 'string') column.description = body.description;
    for (const flag of ['required', 'indexed', 'hidden', 'enforceUniqueValues'] as const)
      if (typeof body[flag] === 'boolean') column[flag] = body[flag];
    for (const type of TYPES) if (body[type] && typeof body[type] === 'object') column.def = { [type]: body[type] };
    return this.ok(columnJson(column));
  }

  // ---- items -------------------------------------------------------------------------------------

  private etag(item: Item): string {
    return `"${item.guid},${item.version}"`;
  }

  private itemJson(list: List, item: Item, select: string[] | null, withFields: boolean): Json {
    if (item.deleted) return { id: String(item.id), deleted: { state: 'deleted' } };
    const who = (i: Identity) => ({ user: { id: i.id, displayName: i.displayName, ...(i.email ? { email: i.email } : {}) } });
    const json: Json = {
      '@odata.etag': this.etag(item),
      eTag: this.etag(item),
      id: String(item.id),
      createdDateTime: item.created,
      lastModifiedDateTime: item.modified,
      webUrl:
        item.fileName !== undefined
          ? `${this.siteUrl}/${encodeURIComponent(list.displayName)}/${encodeURIComponent(item.fileName)}`
          : `${this.siteUrl}/Lists/${list.name}/${item.id}_.000`,
      createdBy: who(item.createdBy),
      lastModifiedBy: who(item.modifiedBy),
      parentReference: { id: list.id, siteId: this.siteId },
      contentType: item.fileName !== undefined ? { id: '0x0101', name: 'Document' } : { id: '0x0100', name: 'Item' },
    };
    if (withFields) json.fields = this.fieldsJson(list, item, select);
    return json;
  }

  private fieldsJson(list: List, item: Item, select: string[] | null): Json {
    const all: Json = {
      '@odata.etag': this.etag(item),
      id: String(item.id),
      ContentType: 'Item',
      Modified: item.modified,
      Created: item.created,
      AuthorLookupId: String(hashId(item.createdBy.id)),
      EditorLookupId: String(hashId(item.modifiedBy.id)),
      _UIVersionString: `${item.version}.0`,
      Attachments: false,
      ...item.fields,
    };
    if (!select) {
      // Hidden field values are left out unless named in the select (columnDefinition page, see columnsJson).
      const hidden = new Set(list.columns.filter((c) => c.hidden).flatMap((c) => [c.name, `${c.name}LookupId`]));
      return Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== null && v !== undefined && !hidden.has(k)));
    }
    const out: Json = { '@odata.etag': all['@odata.etag'], id: all.id };
    for (const name of select) if (all[name] !== null && all[name] !== undefined) out[name] = all[name];
    return out;
  }

  /** expand=fields(select=a,b) or $expand=fields($select=a,b): null = every field; undefined = no fields. */
  private fieldSelect(req: Req): string[] | null | undefined {
    const expand = req.query.get('expand') ?? req.query.get('$expand');
    if (!expand) return undefined;
    const m = /^fields(?:\((?:\$?select=([^)]*))?\))?$/.exec(expand.trim());
    if (!m) throw new HttpError(400, 'BadRequest', `Parsing OData Select and Expand failed: ${expand}`);
    return m[1] ? m[1].split(',').map((s) => s.trim()) : null;
  }

  private checkFields(list: List, fields: Json, current: Item | null): Json {
    const out: Json = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith('@odata')) continue;
      const base = name.endsWith('LookupId') ? name.slice(0, -'LookupId'.length) : name;
      const column = list.columns.find((c) => c.name === base);
      if (!column) throw new HttpError(400, 'invalidRequest', `Field '${name}' is not recognized`);
      out[name] = coerce(column, name, value);
    }
    for (const column of list.columns.filter((c) => c.enforceUniqueValues && !this.ignoreUnique)) {
      const value = out[column.name];
      if (value === undefined || value === null) continue;
      const clash = [...list.items.values()].some((i) => !i.deleted && i !== current && i.fields[column.name] === value);
      if (clash)
        throw new HttpError(
          409,
          'nameAlreadyExists',
          `This value already exists in the column ${column.displayName}; it requires unique values.`,
        );
    }
    return out;
  }

  private createItem(list: List, fields: Json, who: Identity): Item {
    const at = this.now().toISOString();
    list.counter += 1;
    const item: Item = {
      id: list.nextId++,
      guid: crypto.randomUUID(),
      version: 1,
      fields,
      created: at,
      modified: at,
      createdBy: who,
      modifiedBy: who,
      deleted: false,
      changed: list.counter,
    };
    list.items.set(item.id, item);
    this.notify(list);
    return item;
  }

  private touch(list: List, item: Item, who: Identity): void {
    item.version += 1;
    item.modified = new Date(Math.max(this.now().getTime(), Date.parse(item.modified) + 1)).toISOString();
    item.modifiedBy = who;
    list.counter += 1;
    item.changed = list.counter;
    this.notify(list);
  }

  private create(list: List, req: Req): Res {
    if (list.template === 'documentLibrary') {
      throw new HttpError(400, 'invalidRequest', 'Files and folders should only be added to a DocumentLibrary via the OneDrive API');
    }
    const body = (req.body ?? {}) as Json;
    const fields = this.checkFields(list, (body.fields ?? {}) as Json, null);
    const item = this.createItem(list, fields, req.caller ?? APP_IDENTITY);
    return this.ok(this.itemJson(list, item, null, true), 201, { ETag: this.etag(item) });
  }

  private item(list: List, id: number, fieldsPath: boolean, req: Req): Res {
    const item = list.items.get(id);
    if (!item || item.deleted) throw new HttpError(404, 'itemNotFound', 'Item not found');
    if (req.method === 'GET') {
      if (fieldsPath) return this.ok(this.fieldsJson(list, item, null));
      const select = this.fieldSelect(req);
      return this.ok(this.itemJson(list, item, select ?? null, select !== undefined), 200, { ETag: this.etag(item) });
    }
    const ifMatch = req.headers['if-match'];
    if (ifMatch && ifMatch !== '*' && ifMatch.replace(/^W\//, '') !== this.etag(item)) {
      throw new HttpError(412, 'preconditionFailed', 'The eTag provided does not match the current version of the item.');
    }
    if (req.method === 'DELETE') {
      item.deleted = true;
      list.counter += 1;
      item.changed = list.counter;
      this.notify(list);
      return { status: 204, headers: {} };
    }
    if (req.method === 'PATCH') {
      const body = (req.body ?? {}) as Json;
      const fields = this.checkFields(list, fieldsPath ? body : ((body.fields ?? {}) as Json), item);
      Object.assign(item.fields, fields);
      this.touch(list, item, req.caller ?? APP_IDENTITY);
      if (!fieldsPath) return this.ok(this.itemJson(list, item, null, true), 200, { ETag: this.etag(item) });
      // "returns a 200 OK response code and a fieldValueSet" (https://learn.microsoft.com/en-us/graph/api/listitem-update):
      // a fieldValueSet has no eTag, and no ETag header is promised, so none is sent.
      const { '@odata.etag': etag, ...fieldValues } = this.fieldsJson(list, item, null);
      void etag;
      return this.ok(fieldValues, 200);
    }
    throw new HttpError(405, 'methodNotAllowed', req.method);
  }

  private listItems(list: List, req: Req): Res {
    const filter = req.query.get('$filter');
    if (filter && this.refuseFilters) throw new HttpError(400, 'invalidRequest', `Invalid filter clause: ${filter}`);
    const match = filter ? compileFilter(filter, list, req.headers.prefer) : () => true;
    const select = this.fieldSelect(req);
    const items = [...list.items.values()].filter((i) => !i.deleted && match(i.fields));
    return this.page(req, items, (i) => this.itemJson(list, i, select ?? null, select !== undefined));
  }

  /** Server-driven paging: $top caps the page; the nextLink carries $skiptoken. */
  private page<T>(req: Req, all: T[], toJson: (x: T) => Json = (x) => x as Json): Res {
    const top = Math.min(Number(req.query.get('$top') ?? this.pageSize) || this.pageSize, this.pageSize);
    const skipToken = req.query.get('$skiptoken');
    if (this.emptyFirstPages && skipToken === null && all.length > 0) {
      return this.ok({ value: [], '@odata.nextLink': this.link(req, { $skiptoken: 'Paged=TRUE&p_ID=0' }) });
    }
    const offset = skipToken ? Number(/p_ID=(\d+)/.exec(skipToken)?.[1] ?? 0) : 0;
    const slice = all.slice(offset, offset + top).map(toJson);
    const body: Json = { value: slice };
    if (offset + top < all.length) body['@odata.nextLink'] = this.link(req, { $skiptoken: `Paged=TRUE&p_ID=${offset + top}` });
    return this.ok(body);
  }

  private link(req: Req, set: Record<string, string>): string {
    const q = new URLSearchParams(req.query);
    for (const [k, v] of Object.entries(set)) q.set(k, v);
    return `${this.url}${req.path}?${q.toString()}`;
  }

  // ---- delta -------------------------------------------------------------------------------------

  private delta(list: List, req: Req): Res {
    const tokenParam = req.query.get('token');
    const select = this.fieldSelect(req);
    type Token = { l: string; e: number; since: number; upto: number; offset: number; empty?: boolean };
    let token: Token;
    if (tokenParam === 'latest') {
      return this.ok({
        value: [],
        '@odata.deltaLink': this.deltaLink(req, { l: list.id, e: list.epoch, since: list.counter, upto: list.counter, offset: 0 }),
      });
    }
    if (tokenParam) {
      const parsed = unb64<Token>(tokenParam);
      if (!parsed || parsed.l !== list.id) throw new HttpError(400, 'invalidRequest', 'Invalid delta token');
      if (parsed.e !== list.epoch) {
        const expand = encodeURIComponent(req.query.get('expand') ?? req.query.get('$expand') ?? '');
        const fresh = `${this.url}${req.path}${select === undefined ? '' : `?expand=${expand}`}`;
        throw new HttpError(410, 'resyncRequired', 'The delta token has expired; start a new enumeration.', { Location: fresh });
      }
      token = parsed.upto === -1 ? { ...parsed, upto: list.counter } : parsed;
    } else {
      token = { l: list.id, e: list.epoch, since: 0, upto: list.counter, offset: 0, empty: this.emptyFirstPages };
    }
    if (token.empty) {
      return this.ok({ value: [], '@odata.nextLink': this.deltaLink(req, { ...token, empty: false }) });
    }
    const changed = [...list.items.values()]
      .filter((i) => i.changed > token.since && i.changed <= token.upto && !(token.since === 0 && i.deleted))
      .sort((a, b) => a.changed - b.changed);
    // "The same item might appear more than once in a delta feed": every later page repeats the previous page's last item.
    const slice = changed.slice(Math.max(0, token.offset - 1), token.offset + this.pageSize);
    const value = slice.map((i) => this.itemJson(list, i, select ?? null, !this.deltaWithoutFields));
    if (token.offset + this.pageSize < changed.length) {
      return this.ok({ value, '@odata.nextLink': this.deltaLink(req, { ...token, offset: token.offset + this.pageSize }) });
    }
    return this.ok({
      value,
      '@odata.deltaLink': this.deltaLink(req, { l: list.id, e: list.epoch, since: token.upto, upto: -1, offset: 0 }),
    });
  }

  private deltaLink(req: Req, token: Record<string, unknown>): string {
    const q = new URLSearchParams(req.query);
    q.set('token', b64(token));
    return `${this.url}${req.path}?${q.toString()}`;
  }

  // ---- $batch --------------------------------------------------------------------------------------

  private async batch(req: Req): Promise<Res> {
    const requests = ((req.body ?? {}) as { requests?: Json[] }).requests;
    if (!Array.isArray(requests)) throw new HttpError(400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > 20) throw new HttpError(400, 'BadRequest', 'Number of batch requests exceeds the limit of 20.');
    const ids = new Set(requests.map((r) => String(r.id)));
    if (ids.size !== requests.length) throw new HttpError(400, 'BadRequest', 'Batch request ids must be unique.');
    // Requests without dependsOn run in an order of the server's choosing (here: last first); a batch that
    // chains every request with dependsOn runs in that order, and one whose dependency failed answers 424.
    const chained = requests.every((r, i) => i === 0 || (Array.isArray(r.dependsOn) && r.dependsOn.includes(String(requests[i - 1]!.id))));
    const order = chained ? requests : [...requests].reverse();
    const statusOf = new Map<string, number>();
    const responses = [];
    for (const r of order) {
      const failedDependency = ((r.dependsOn ?? []) as string[]).find((d) => (statusOf.get(d) ?? 200) >= 400);
      if (failedDependency !== undefined) {
        statusOf.set(String(r.id), 424);
        responses.push({
          id: r.id,
          status: 424,
          headers: { 'Content-Type': 'application/json' },
          body: errorBody('failedDependency', 'A request it depends on failed.'),
        });
        continue;
      }
      const url = new URL(text(r.url), 'https://batch.invalid/');
      const headers: Record<string, string> = { authorization: req.headers.authorization ?? '' };
      for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
      const inner = await this.handle({
        method: text(r.method, 'GET').toUpperCase(),
        path: decodeURIComponent(url.pathname.replace(/^\/v1\.0/, '')),
        query: url.searchParams,
        rawQuery: url.search,
        headers,
        body: r.body,
        inBatch: true,
      });
      statusOf.set(String(r.id), inner.status);
      responses.push({
        id: r.id,
        status: inner.status,
        headers: { 'Content-Type': 'application/json', ...inner.headers },
        ...(inner.body !== undefined ? { body: inner.body } : {}),
      });
    }
    // "Responses to the batched requests might appear in a different order": answered in neither order.
    return this.ok({ responses: shuffled(responses) });
  }

  // ---- subscriptions and notifications ---------------------------------------------------------------

  private async subscribe(req: Req): Promise<Res> {
    const body = (req.body ?? {}) as Json;
    const resource = text(body.resource);
    const m = /^\/?sites\/([^/]+)\/lists\/([^/]+)$/.exec(resource);
    if (!m || m[1] !== this.siteId || !this.lists.has(m[2]!))
      throw new HttpError(400, 'InvalidRequest', `Unsupported resource ${resource}`);
    if (body.changeType !== 'updated') throw new HttpError(400, 'InvalidRequest', "SharePoint lists support only changeType 'updated'");
    const notificationUrl = text(body.notificationUrl);
    if (!notificationUrl.startsWith('https://')) throw new HttpError(400, 'InvalidRequest', 'notificationUrl must be https');
    const expiration = this.checkExpiration(body.expirationDateTime);
    const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${crypto.randomUUID()}`;
    const started = Date.now();
    const answer = await this.post(
      `${notificationUrl}${notificationUrl.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(validationToken)}`,
      '',
      'text/plain',
      10_000,
    ).catch(() => null);
    const ok =
      answer !== null &&
      answer.status === 200 &&
      answer.body === validationToken &&
      /^text\/plain/.test(answer.contentType) &&
      Date.now() - started <= 10_000;
    if (!ok)
      throw new HttpError(
        400,
        'InvalidRequest',
        'Subscription validation request failed. Response must exactly match validationToken query parameter.',
      );
    const sub: Subscription = {
      id: crypto.randomUUID(),
      resource,
      changeType: 'updated',
      notificationUrl,
      ...(typeof body.clientState === 'string' ? { clientState: body.clientState } : {}),
      expirationDateTime: expiration,
    };
    this.subscriptions.set(sub.id, sub);
    return this.ok(
      {
        '@odata.context': `${this.url}/$metadata#subscriptions/$entity`,
        ...sub,
        applicationId: 'test-app',
        creatorId: 'test-app',
        latestSupportedTlsVersion: 'v1_2',
      },
      201,
    );
  }

  private checkExpiration(value: unknown): string {
    const at = Date.parse(text(value));
    if (Number.isNaN(at)) throw new HttpError(400, 'InvalidRequest', 'expirationDateTime is required');
    const minutes = (at - Date.now()) / 60_000;
    if (minutes <= 0 || minutes > MAX_LIST_SUBSCRIPTION_MINUTES) {
      throw new HttpError(
        400,
        'InvalidRequest',
        `Subscription expiration can only be ${MAX_LIST_SUBSCRIPTION_MINUTES} minutes in the future.`,
      );
    }
    return new Date(at).toISOString();
  }

  private subscription(req: Req, id: string): Res {
    const sub = this.subscriptions.get(id);
    if (!sub) throw new HttpError(404, 'ResourceNotFound', 'The object was not found.');
    if (req.method === 'GET') return this.ok(sub);
    if (req.method === 'DELETE') {
      this.subscriptions.delete(id);
      return { status: 204, headers: {} };
    }
    if (req.method === 'PATCH') {
      sub.expirationDateTime = this.checkExpiration(((req.body ?? {}) as Json).expirationDateTime);
      return this.ok(sub);
    }
    throw new HttpError(405, 'methodNotAllowed', req.method);
  }

  /** Notifications are sent shortly after a change (SharePoint batches them; we wait 30 ms). */
  private notify(list: List): void {
    const resource = `sites/${this.siteId}/lists/${list.id}`;
    for (const sub of this.subscriptions.values()) {
      if (sub.resource.replace(/^\//, '') !== resource) continue;
      if (this.pendingNotify.has(sub.id)) continue;
      this.pendingNotify.set(
        sub.id,
        setTimeout(() => {
          this.pendingNotify.delete(sub.id);
          void this.deliver(sub);
        }, 30),
      );
    }
  }

  private async deliver(sub: Subscription): Promise<void> {
    const payload = {
      value: [
        {
          subscriptionId: sub.id,
          clientState: sub.clientState ?? null,
          changeType: 'updated',
          resource: sub.resource,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          tenantId: '00000000-0000-0000-0000-000000000001',
          resourceData: null,
        },
      ],
    };
    const started = Date.now();
    const answer = await this.post(sub.notificationUrl, JSON.stringify(payload), 'application/json', 30_000).catch(() => null);
    this.deliveries.push({ subscriptionId: sub.id, status: answer?.status ?? 0, ms: Date.now() - started });
  }

  /** Sends a forged notification (for clientState checks). */
  async sendNotification(url: string, payload: unknown): Promise<{ status: number; body: string }> {
    const r = await this.post(url, JSON.stringify(payload), 'application/json', 10_000);
    return { status: r.status, body: r.body };
  }

  private post(
    url: string,
    body: string,
    contentType: string,
    timeoutMs: number,
  ): Promise<{ status: number; body: string; contentType: string }> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
          agent: this.notificationAgent,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              contentType: String(res.headers['content-type'] ?? ''),
            }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
}

// ---- helpers ------------------------------------------------------------------------------------------

const TYPES = ['text', 'number', 'choice', 'dateTime', 'lookup', 'personOrGroup', 'boolean', 'currency'] as const;

function toColumn(c: Json, server: GraphTestServer): Column {
  const name = text(c.name);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new HttpError(400, 'invalidRequest', `Invalid column name ${name}`);
  const type = TYPES.find((t) => c[t] && typeof c[t] === 'object');
  if (!type) throw new HttpError(400, 'invalidRequest', `Column ${name} has no type facet`);
  const def: Json = { [type]: c[type] };
  if (type === 'lookup') {
    const listId = text(((c.lookup ?? {}) as Json).listId);
    if (!server.hasList(listId)) throw new HttpError(400, 'invalidRequest', `Lookup list ${listId} does not exist`);
  }
  return {
    id: crypto.randomUUID(),
    name,
    displayName: text(c.displayName, name),
    ...(typeof c.description === 'string' ? { description: c.description } : {}),
    required: Boolean(c.required),
    indexed: Boolean(c.indexed),
    hidden: Boolean(c.hidden),
    enforceUniqueValues: Boolean(c.enforceUniqueValues),
    def,
  };
}

function columnJson(c: Column): Json {
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    description: c.description ?? '',
    required: c.required,
    indexed: c.indexed,
    hidden: c.hidden,
    enforceUniqueValues: c.enforceUniqueValues,
    readOnly: false,
    ...c.def,
  };
}

/** Values as SharePoint stores them; a bad value from the API is a 400 (a person's odd value comes via userEdit). */
function coerce(column: Column, name: string, value: unknown): unknown {
  if (value === null || value === '') return null;
  const type = Object.keys(column.def)[0];
  const bad = () => new HttpError(400, 'invalidRequest', `Invalid value '${text(value)}' for field ${name}`);
  switch (type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw bad();
      return n;
    }
    case 'choice': {
      const choices = ((column.def.choice as Json).choices ?? []) as string[];
      if (typeof value !== 'string' || (!choices.includes(value) && !(column.def.choice as Json).allowTextEntry)) throw bad();
      return value;
    }
    case 'dateTime': {
      const t = Date.parse(text(value));
      if (Number.isNaN(t)) throw bad();
      return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'lookup':
    case 'personOrGroup': {
      if (!name.endsWith('LookupId')) throw new HttpError(400, 'invalidRequest', `Set ${name}LookupId to write a lookup`);
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw bad();
      return String(n);
    }
    case 'boolean':
      return Boolean(value);
    default:
      if (typeof value !== 'string') return text(value);
      return value;
  }
}

/** What a person's edit stores: lookups as LookupId strings, the rest as typed. */
function normalizeFields(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, k.endsWith('LookupId') && v !== null ? text(v) : v]));
}

const HONOR_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

/**
 * `fields/A eq 'x' and fields/B eq 5`. "When filtering on indexed fields, the service can only filter on one
 * indexed field at a time" (https://learn.microsoft.com/en-us/graph/api/listitem-list): a second indexed field
 * is refused; a field that is not indexed needs the Prefer: HonorNonIndexedQueriesWarningMayFailRandomly header.
 */
function compileFilter(filter: string, list: List, prefer: string | undefined): (fields: Json) => boolean {
  const indexed = new Set(list.columns.filter((c) => c.indexed).flatMap((c) => [c.name, `${c.name}LookupId`]));
  const parsed = filter.split(/\s+and\s+/i).map((clause) => {
    const m = /^\s*fields\/(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?))\s*$/.exec(clause);
    if (!m) throw new HttpError(400, 'invalidRequest', `Invalid filter clause: ${clause}`);
    return { name: m[1]!, str: m[2], num: m[3] };
  });
  if (parsed.filter((c) => indexed.has(c.name)).length > 1) {
    throw new HttpError(400, 'invalidRequest', 'The service can only filter on one indexed field at a time.');
  }
  const plain = parsed.find((c) => !indexed.has(c.name));
  if (plain && !(prefer ?? '').includes(HONOR_NON_INDEXED)) {
    throw new HttpError(
      400,
      'invalidRequest',
      `Field '${plain.name}' cannot be referenced in filter or orderby as it is not indexed. ` +
        `Provide the 'Prefer: ${HONOR_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`,
    );
  }
  const clauses = parsed.map(
    ({ name, str, num }) =>
      (f: Json) =>
        str !== undefined ? f[name] === str.replace(/''/g, "'") : Number(f[name]) === Number(num),
  );
  return (f) => clauses.every((c) => c(f));
}

/** $select on a collection or entity: only the properties named (and OData annotations) come back. */
function selectOf(req: Req): string[] | null {
  const raw = req.query.get('$select') ?? req.query.get('select');
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

function selected(json: Json, req: Req): Json {
  const select = selectOf(req);
  if (!select) return json;
  return Object.fromEntries(Object.entries(json).filter(([k]) => k.startsWith('@odata') || select.includes(k)));
}

/** A JSON value as text: strings as they are, numbers and booleans written out, anything else the fallback. */
function text(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

/** A fixed permutation that is neither the order given nor its reverse (odd positions first). */
function shuffled<T>(xs: T[]): T[] {
  return [...xs.filter((_, i) => i % 2 === 1), ...xs.filter((_, i) => i % 2 === 0)];
}

function hashId(id: string): number {
  let h = 7;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 100_000;
  return h + 1;
}

function errorBody(code: string, message: string): Json {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } } };
}

function send(res: import('node:http').ServerResponse, out: Res): void {
  const headers: Record<string, string> = { ...out.headers };
  if (out.body !== undefined) headers['Content-Type'] = 'application/json; odata.metadata=minimal; charset=utf-8';
  res.writeHead(out.status, headers);
  res.end(out.body !== undefined ? JSON.stringify(out.body) : undefined);
}

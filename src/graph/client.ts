/**
 * The Graph client factory and a small typed façade over it: JSON requests with status and
 * headers, paging that follows every @odata.nextLink as given (also through empty pages),
 * and JSON batching.
 *
 * Paging: https://learn.microsoft.com/en-us/graph/paging
 * JSON batching: https://learn.microsoft.com/en-us/graph/json-batching
 */
import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  Client,
  GraphError,
  GraphRequest,
  ResponseType,
} from '@microsoft/microsoft-graph-client';
import { toAuthenticationProvider, type TokenProvider } from './auth.js';
import { GraphBudget, isThrottled } from './budget.js';
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  RetryTimeoutMiddleware,
  TimeoutError,
  TransportMiddleware,
  keepsWaiting,
  parseRetryAfter,
  retryDelay,
  sleep,
  type FetchLike,
  type RetryPolicy,
} from './middleware.js';

export interface GraphOptions {
  /** e.g. https://graph.microsoft.com/v1.0 — must be https. */
  baseUrl: string;
  tokens: TokenProvider;
  retry?: Partial<RetryPolicy>;
  /** Transport; the global fetch unless a test gives one that trusts its own CA. */
  fetch?: FetchLike;
}

export interface GraphResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A non-2xx answer from Graph, with its error code and message as Graph wrote them. */
export class GraphHttpError extends Error {
  override name = 'GraphHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
    readonly headers: Headers | Record<string, string>,
  ) {
    super(`Graph ${status} ${code}: ${message}`);
  }

  header(name: string): string | null {
    if (this.headers instanceof Headers) return this.headers.get(name);
    const key = Object.keys(this.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? (this.headers[key] ?? null) : null;
  }
}

function errorOf(status: number, body: unknown, headers: Headers | Record<string, string>): GraphHttpError {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return new GraphHttpError(status, error?.code ?? `http${status}`, error?.message ?? 'request failed', body, headers);
}

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Relative to the version root, e.g. /sites/{id}/lists/{id}/items. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * Ids of requests in the same batch that must run first; without it Graph runs a batch's requests in
   * an order of its own (https://learn.microsoft.com/en-us/graph/json-batching#sequencing-requests-with-the-dependson-property).
   * Ids not in the same $batch are dropped, and so is the chain of a request sent again after a throttled answer.
   */
  dependsOn?: string[];
}

export interface BatchResponse<T = unknown> {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** JSON batching allows at most 20 requests per batch. */
export const BATCH_LIMIT = 20;

export class GraphApi {
  readonly baseUrl: string;
  /** The client's own token provider (app-only in production); on-behalf-of providers share its MSAL application. */
  readonly tokens: TokenProvider;
  /** Requests, their cost, throttled answers and Graph's current back-off (GET /api/diagnostics shows it). */
  readonly budget = new GraphBudget();
  private readonly client: Client;
  private readonly transport: TransportMiddleware;
  private readonly policy: RetryPolicy;

  constructor(options: GraphOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:') throw new Error(`GRAPH_BASE_URL must use https: ${options.baseUrl}`);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokens = options.tokens;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.transport = new TransportMiddleware(options.fetch ?? ((input, init) => fetch(input, init)), this.budget);
    const retry = new RetryTimeoutMiddleware(this.policy, this.budget);
    const auth = new AuthenticationHandler(toAuthenticationProvider(options.tokens));
    retry.setNext(auth);
    auth.setNext(this.transport);
    // The SDK adds the token only for the Graph hosts it knows and the custom hosts given here.
    this.client = Client.initWithMiddleware({ middleware: retry, customHosts: new Set([base.hostname]) });
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.transport.requestCount;
  }

  /** Absolute URL for a path relative to the version root (absolute URLs pass unchanged). */
  url(pathOrUrl: string): string {
    return /^https:\/\//i.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
  }

  /** The path relative to the version root, when the URL lives under the base URL (for $batch). */
  relative(absoluteUrl: string): string | null {
    return absoluteUrl.startsWith(this.baseUrl + '/') ? absoluteUrl.slice(this.baseUrl.length) : null;
  }

  /**
   * One request. `as` sends it with another token provider than the client's own (a person's
   * on-behalf-of token for a write); the SDK's AuthenticationHandler takes it per request.
   */
  async request<T = unknown>(
    method: BatchRequest['method'],
    pathOrUrl: string,
    body?: unknown,
    headers: Record<string, string> = {},
    as?: TokenProvider,
  ): Promise<GraphResponse<T>> {
    const request = this.client.api(this.url(pathOrUrl)).headers(headers).responseType(ResponseType.RAW);
    if (as) {
      // Got here, not inside the SDK, so a refusal (e.g. consent missing) reaches the caller as itself.
      const token = await as.getToken();
      request.middlewareOptions([new AuthenticationHandlerOptions({ getAccessToken: async () => token })]);
    }
    const raw: Response = await this.send(request, method, body);
    const text = await raw.text();
    const parsed = text.length > 0 && /json/i.test(raw.headers.get('content-type') ?? 'json') ? safeJson(text) : text;
    if (!raw.ok) throw errorOf(raw.status, parsed, raw.headers);
    return { status: raw.status, headers: raw.headers, body: parsed as T };
  }

  /** Sends through the SDK; a failure before any answer (timeout, network) comes back as itself, not wrapped. */
  private async send(request: GraphRequest, method: BatchRequest['method'], body: unknown): Promise<Response> {
    try {
      // ResponseType.RAW: the SDK resolves with the fetch Response itself (typed any by the SDK).
      if (method === 'GET') return (await request.get()) as Response;
      if (method === 'DELETE') return (await request.delete()) as Response;
      if (method === 'POST') return (await request.post(body)) as Response;
      if (method === 'PUT') return (await request.put(body)) as Response;
      return (await request.patch(body)) as Response;
    } catch (error) {
      if (error instanceof GraphError && error.code === 'TimeoutError') throw new TimeoutError(error.message);
      throw error;
    }
  }

  async get<T = unknown>(pathOrUrl: string, headers?: Record<string, string>): Promise<T> {
    return (await this.request<T>('GET', pathOrUrl, undefined, headers)).body;
  }

  /** Reads a collection to its end, following each @odata.nextLink exactly as given. */
  async getAll<T>(pathOrUrl: string, headers?: Record<string, string>): Promise<{ items: T[]; deltaLink?: string }> {
    return this.continuePaging<T>(await this.get<Page<T>>(pathOrUrl, headers), headers);
  }

  /** Continues from a first page already read (e.g. one that came back inside a $batch). */
  async continuePaging<T>(first: Page<T>, headers?: Record<string, string>): Promise<{ items: T[]; deltaLink?: string }> {
    const items: T[] = [...(first.value ?? [])];
    let page = first;
    while (page['@odata.nextLink']) {
      page = await this.get<Page<T>>(page['@odata.nextLink'], headers);
      items.push(...(page.value ?? []));
    }
    return page['@odata.deltaLink'] ? { items, deltaLink: page['@odata.deltaLink'] } : { items };
  }

  /**
   * Sends requests as JSON batches of at most 20, in order; answers that are throttled or
   * unavailable inside a batch are sent again (in the next batch) after their Retry-After,
   * writes until Graph takes them (see RetryPolicy.writeWaitMs).
   */
  async batch<T = unknown>(requests: BatchRequest[]): Promise<Map<string, BatchResponse<T>>> {
    const results = new Map<string, BatchResponse<T>>();
    const startedAt = Date.now();
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const retry: BatchRequest[] = [];
      let wait = 0;
      for (let i = 0; i < pending.length; i += BATCH_LIMIT) {
        const chunk = pending.slice(i, i + BATCH_LIMIT);
        const body = await this.sendBatch<T>(chunk);
        for (const response of body.responses ?? []) {
          const headers = lowerKeys(response.headers ?? {});
          const item = { ...response, headers };
          const request = chunk.find((r) => r.id === item.id)!;
          if (isThrottled(item.status)) this.budget.recordThrottled(parseRetryAfter(headers['retry-after']));
          if (RETRYABLE_STATUSES.has(item.status) && keepsWaiting(this.policy, request.method !== 'GET', item.status, attempt, startedAt)) {
            retry.push(standalone(request));
            wait = Math.max(wait, retryDelay(this.policy, attempt, headers['retry-after']));
          } else {
            results.set(item.id, item);
          }
        }
      }
      pending = retry;
      if (pending.length > 0) await sleep(wait);
    }
    return results;
  }

  /** One $batch request; a batch of reads only is sent again after a timeout (a batch with writes is not). */
  private async sendBatch<T>(chunk: BatchRequest[]): Promise<{ responses: BatchResponse<T>[] }> {
    const readsOnly = chunk.every((r) => r.method === 'GET');
    for (let attempt = 0; ; attempt += 1) {
      try {
        const ids = new Set(chunk.map((r) => r.id));
        return (await this.request<{ responses: BatchResponse<T>[] }>('POST', '/$batch', { requests: chunk.map((r) => toWire(r, ids)) }))
          .body;
      } catch (error) {
        if (!(error instanceof TimeoutError) || !readsOnly || attempt >= this.policy.maxRetries) throw error;
      }
    }
  }

  /** The body of a batch answer, or its error thrown as a GraphHttpError. */
  static ok<T>(response: BatchResponse<T> | undefined): T {
    if (!response) throw new GraphHttpError(500, 'missingBatchResponse', 'a batch answer is missing', null, {});
    if (response.status >= 400) throw errorOf(response.status, response.body, response.headers);
    return response.body;
  }
}

/** The request without its place in a chain (sent again on its own). */
function standalone({ dependsOn, ...request }: BatchRequest): BatchRequest {
  void dependsOn;
  return request;
}

function toWire(r: BatchRequest, idsInBatch: Set<string>): Record<string, unknown> {
  const headers = { ...(r.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...r.headers };
  const dependsOn = (r.dependsOn ?? []).filter((id) => idsInBatch.has(id));
  return {
    id: r.id,
    method: r.method,
    url: r.url,
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
  };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The app's Graph budget: every HTTP request it sends, what it costs, the throttled answers
 * and the back-off they impose. One per Graph client (one per process), read by the
 * diagnostics endpoint and by the sync (which does not start while Graph asks us to wait).
 *
 * Cost: SharePoint limits each app per tenant in resource units per minute, and a Graph request
 * has a fixed cost: 1 for a single item or a delta with a token, 2 for a multi-item query, a
 * delta without a token, or a create/update/delete, 5 for permission operations; the requests in
 * a $batch count one by one.
 * https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 *
 * Back-off: a 429 (or 503) carries Retry-After; every request waits it out, since throttled
 * requests count against the limit too. https://learn.microsoft.com/en-us/graph/throttling
 */
const MINUTE_MS = 60_000;

export interface GraphUsage {
  /** HTTP requests sent in the last 60 s (a $batch is one). */
  requestsLastMinute: number;
  /** SharePoint resource units of those requests (a $batch counts each request inside). */
  costLastMinute: number;
  /** Throttled answers (429, 503) in the last 60 s, inside batches too. */
  throttledLastMinute: number;
  requestsTotal: number;
  throttledTotal: number;
  /** Until when Graph asked us to wait; null when it does not. */
  backoffUntil: string | null;
  backoffSeconds: number;
}

interface Entry {
  at: number;
  cost: number;
  throttled: number;
}

export class GraphBudget {
  private readonly recent: Entry[] = [];
  private requestsTotal = 0;
  private throttledTotal = 0;
  private backoffEnd = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** One HTTP request sent and its answer (status 0: no answer). */
  recordRequest(cost: number, status: number, retryAfterMs: number | null): void {
    this.requestsTotal += 1;
    this.push({ at: this.now(), cost, throttled: 0 });
    if (isThrottled(status)) this.recordThrottled(retryAfterMs);
  }

  /** A throttled answer (a whole request, or one inside a $batch) and the wait it asks for. */
  recordThrottled(retryAfterMs: number | null): void {
    this.throttledTotal += 1;
    this.push({ at: this.now(), cost: 0, throttled: 1 });
    if (retryAfterMs !== null) this.backoffEnd = Math.max(this.backoffEnd, this.now() + retryAfterMs);
  }

  /** Whether Graph has asked us to wait and the time is not up. */
  get throttled(): boolean {
    return this.now() < this.backoffEnd;
  }

  /** Resolves once any back-off Graph asked for has passed. */
  async waitForBackoff(): Promise<void> {
    for (let left = this.backoffEnd - this.now(); left > 0; left = this.backoffEnd - this.now())
      await new Promise<void>((resolve) => setTimeout(resolve, left));
  }

  usage(): GraphUsage {
    this.prune();
    const sum = (f: (e: Entry) => number) => this.recent.reduce((n, e) => n + f(e), 0);
    const left = Math.max(0, this.backoffEnd - this.now());
    return {
      requestsLastMinute: sum((e) => (e.throttled ? 0 : 1)),
      costLastMinute: sum((e) => e.cost),
      throttledLastMinute: sum((e) => e.throttled),
      requestsTotal: this.requestsTotal,
      throttledTotal: this.throttledTotal,
      backoffUntil: left > 0 ? new Date(this.backoffEnd).toISOString() : null,
      backoffSeconds: Math.ceil(left / 1000),
    };
  }

  private push(entry: Entry): void {
    this.recent.push(entry);
    this.prune();
  }

  private prune(): void {
    const from = this.now() - MINUTE_MS;
    let drop = 0;
    while (drop < this.recent.length && this.recent[drop]!.at <= from) drop += 1;
    if (drop > 0) this.recent.splice(0, drop);
  }
}

export function isThrottled(status: number): boolean {
  return status === 429 || status === 503;
}

interface WireRequest {
  method?: string;
  url?: string;
}

/** The resource units one HTTP request costs (see the page cited above); a $batch is the sum of its requests. */
export function costOf(method: string, url: string, body?: unknown): number {
  const path = pathOf(url);
  if (method.toUpperCase() === 'POST' && /\/\$batch$/.test(path)) {
    const requests = batchRequests(body);
    return requests.reduce((n, r) => n + costOf(r.method ?? 'GET', r.url ?? '', undefined), 0);
  }
  if (/\/permissions(\/|$)|\$expand=permissions/i.test(url)) return 5;
  if (method.toUpperCase() !== 'GET') return 2;
  if (/\/delta$/.test(path)) return /[?&](token|\$deltatoken|\$skiptoken)=/i.test(url) ? 1 : 2;
  return /\/(items|lists|columns|subscriptions|value)$/.test(path) ? 2 : 1;
}

function pathOf(url: string): string {
  const noQuery = url.split('?')[0] ?? '';
  return noQuery.replace(/\/+$/, '');
}

function batchRequests(body: unknown): WireRequest[] {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return [];
    }
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  return Array.isArray(requests) ? (requests as WireRequest[]) : [];
}

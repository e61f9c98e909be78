/**
 * The Graph SDK middleware chain used by DPO Board: retry (with timeouts) -> authentication
 * (the SDK's handler, which adds the token only for Graph hosts and the configured custom
 * host) -> transport (fetch, injectable for tests).
 *
 * Throttling: https://learn.microsoft.com/en-us/graph/throttling — a 429 (and a 503/504)
 * carries Retry-After in seconds; honour it, otherwise back off exponentially.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { costOf, GraphBudget, isThrottled } from './budget.js';

export const RETRYABLE_STATUSES = new Set([429, 503, 504]);

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff step when the server gives no Retry-After, in ms (doubled per attempt, full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
  /**
   * Writes are never dropped for throttling: a throttled write (429/503: Graph did not process it)
   * is sent again after each Retry-After, past maxRetries, until this much time has passed.
   */
  writeWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  writeWaitMs: 15 * 60_000,
};

/** Whether a request answered `status` on attempt `attempt` (0-based), first sent at `startedAt`, is sent again. */
export function keepsWaiting(
  policy: RetryPolicy,
  write: boolean,
  status: number,
  attempt: number,
  startedAt: number,
  now = Date.now(),
): boolean {
  if (attempt < policy.maxRetries) return true;
  return isThrottled(status) && write && now - startedAt < policy.writeWaitMs;
}

/** Retry-After as seconds (integer or fractional) or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** How long to wait before retry number `attempt` (0-based). */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfter: string | null | undefined, random = Math.random): number {
  const told = parseRetryAfter(retryAfter);
  if (told !== null) return Math.min(told, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function methodOf(context: Context): string {
  return (context.options?.method ?? 'GET').toUpperCase();
}

/** Whether the request changes anything: not a GET, nor a $batch of GETs only. */
function writes(context: Context): boolean {
  const method = methodOf(context);
  if (method === 'GET') return false;
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  if (method !== 'POST' || !/\/\$batch(\?|$)/.test(url) || typeof context.options?.body !== 'string') return true;
  try {
    const { requests } = JSON.parse(context.options.body) as { requests?: { method?: string }[] };
    return !Array.isArray(requests) || requests.some((r) => (r.method ?? 'GET').toUpperCase() !== 'GET');
  } catch {
    return true;
  }
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

abstract class ChainedMiddleware implements Middleware {
  protected next: Middleware | undefined;
  setNext(next: Middleware): void {
    this.next = next;
  }
  abstract execute(context: Context): Promise<void>;
}

/**
 * Retries throttled and unavailable answers; gives every attempt its own timeout. No attempt
 * starts while Graph's back-off (a Retry-After seen on any request) is running.
 */
export class RetryTimeoutMiddleware extends ChainedMiddleware {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly budget: GraphBudget = new GraphBudget(),
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    // The SDK's authentication handler appends the Authorization header; each attempt starts from the original headers.
    const original = copyHeaders(context.options?.headers);
    const startedAt = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      (context.options ??= {}).headers = copyHeaders(original);
      await this.budget.waitForBackoff();
      const timedOut = await this.attempt(context);
      const status = context.response?.status ?? 0;
      const retryable = timedOut ? methodOf(context) === 'GET' : RETRYABLE_STATUSES.has(status);
      const again = timedOut ? attempt < this.policy.maxRetries : keepsWaiting(this.policy, writes(context), status, attempt, startedAt);
      if (!retryable || !again) {
        if (timedOut) throw new TimeoutError(`Graph request timed out after ${this.policy.timeoutMs} ms`);
        return;
      }
      const wait = retryDelay(this.policy, attempt, context.response?.headers.get('Retry-After'));
      await context.response?.body?.cancel().catch(() => undefined);
      await sleep(wait);
    }
  }

  /** One attempt; true when it timed out. */
  private async attempt(context: Context): Promise<boolean> {
    const options = (context.options ??= {});
    options.signal = AbortSignal.timeout(this.policy.timeoutMs);
    try {
      await this.next!.execute(context);
      return false;
    } catch (error) {
      if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return true;
      throw error;
    }
  }
}

function copyHeaders(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) {
    const out: Record<string, string> = {};
    headers.forEach((value, key) => (out[key] = value));
    return out;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers as [string, string][]);
  return { ...(headers as Record<string, string>) };
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The end of the chain: sends the request with fetch and counts it, its cost and a throttled answer in the budget. */
export class TransportMiddleware extends ChainedMiddleware {
  requestCount = 0;
  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly budget: GraphBudget = new GraphBudget(),
  ) {
    super();
  }
  async execute(context: Context): Promise<void> {
    this.requestCount += 1;
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const cost = costOf(methodOf(context), url, context.options?.body);
    try {
      context.response = await this.fetchImpl(context.request, context.options);
    } catch (error) {
      this.budget.recordRequest(cost, 0, null);
      throw error;
    }
    const response = context.response;
    this.budget.recordRequest(cost, response.status, parseRetryAfter(response.headers.get('Retry-After')));
  }
}

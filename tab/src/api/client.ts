/**
 * The tab's HTTP client. Every request names the tab as its client and asks for errors in
 * the UI language; writes carry an Idempotency-Key. Identity: the demo user header in
 * AUTH_MODE=local, a Teams SSO bearer token otherwise (never in a query string), asked
 * for again once when the server answers 401 (it expired, or Teams' cached one was revoked).
 * A client is for one unit (issue 14): every request names it (`?unit=`), unless the path names one
 * itself; without a unit the server answers for its default unit.
 */
import type { Locale } from '../../../src/domain/model.js';
import { SignInError } from '../auth/sso.js';

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isConflict = (error: unknown): boolean => error instanceof ApiError && error.status === 409;

/** `getToken(true)` asks the host for a new token instead of a kept one. */
export type Identity = { kind: 'local'; userId: string } | { kind: 'token'; getToken: (fresh: boolean) => Promise<string> };

/** ApiError codes for a token the host could not give: consent is missing, or sign-in failed otherwise. */
export const CONSENT_REQUIRED = 'consent_required';
export const SIGN_IN_FAILED = 'sign_in_failed';

/** Not signed in: no token from the host, or the server refused the one it got. Retrying alone will not help. */
export const isSignInFailure = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 401 || error.code === CONSENT_REQUIRED || error.code === SIGN_IN_FAILED);

export interface ClientOptions {
  identity: Identity;
  locale: Locale;
  /** Text for failures that never reached the server. */
  networkMessage: string;
  /** Text for a failed Teams sign-in; `{reason}` is the host's reason. */
  signInMessage?: string;
  fetch?: typeof fetch;
  base?: string;
  /** The unit every request is about; null or absent: the server's default unit. */
  unit?: string | null;
}

export interface Conditional<T> {
  notModified: boolean;
  etag: string | null;
  data: T | null;
}

/**
 * How fresh the server's synced data is (SharePoint): X-Data-As-Of on every answer, and
 * X-Data-Stale (why: 'throttled' or 'sync-failed') while the server serves older data.
 */
export interface DataFreshness {
  asOf: string | null;
  stale: string | null;
}

export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export class ApiClient {
  private readonly doFetch: typeof fetch;
  private readonly base: string;
  private freshnessNow: DataFreshness = { asOf: null, stale: null };
  private readonly freshnessListeners = new Set<() => void>();

  constructor(private readonly options: ClientOptions) {
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.base = options.base ?? '';
  }

  private async token(fresh: boolean): Promise<string> {
    const id = this.options.identity;
    if (id.kind !== 'token') throw new Error('no token identity');
    try {
      return await id.getToken(fresh);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const code = error instanceof SignInError && error.needsConsent ? CONSENT_REQUIRED : SIGN_IN_FAILED;
      throw new ApiError(0, code, (this.options.signInMessage ?? '{reason}').replace('{reason}', reason));
    }
  }

  private async headers(extra: Record<string, string>, freshToken: boolean): Promise<Record<string, string>> {
    const id = this.options.identity;
    const auth: Record<string, string> =
      id.kind === 'local' ? { 'X-Local-User': id.userId } : { Authorization: `Bearer ${await this.token(freshToken)}` };
    return { Accept: 'application/json', 'Accept-Language': this.options.locale, 'X-DPO-Client': 'tab', ...auth, ...extra };
  }

  /** The unit this client's requests are about (null: the server's default unit). */
  get unit(): string | null {
    return this.options.unit ?? null;
  }

  /** The same identity and language, asking about another unit. */
  forUnit(unit: string | null): ApiClient {
    return unit === this.unit ? this : new ApiClient({ ...this.options, unit });
  }

  /** The path with this client's unit in its query, unless it names a unit already. */
  private scoped(path: string): string {
    const unit = this.options.unit;
    if (!unit || /[?&]unit=/.test(path)) return path;
    return `${path}${path.includes('?') ? '&' : '?'}unit=${encodeURIComponent(unit)}`;
  }

  /** The freshness the last answer reported (useSyncExternalStore reads it). */
  freshness = (): DataFreshness => this.freshnessNow;

  onFreshness = (listener: () => void): (() => void) => {
    this.freshnessListeners.add(listener);
    return () => this.freshnessListeners.delete(listener);
  };

  private noteFreshness(res: Response): void {
    const asOf = res.headers.get('X-Data-As-Of');
    const stale = res.headers.get('X-Data-Stale');
    if (asOf === this.freshnessNow.asOf && stale === this.freshnessNow.stale) return;
    this.freshnessNow = { asOf, stale };
    for (const listener of this.freshnessListeners) listener();
  }

  private async send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const res = await this.sendOnce(method, path, body, extra, false);
    this.noteFreshness(res);
    // A refused token is asked for again once; the retry's answer stands (a write keeps its Idempotency-Key).
    if (res.status !== 401 || this.options.identity.kind !== 'token') return res;
    return this.sendOnce(method, path, body, extra, true);
  }

  private async sendOnce(
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string>,
    freshToken: boolean,
  ): Promise<Response> {
    const headers = await this.headers(body === undefined ? extra : { 'Content-Type': 'application/json', ...extra }, freshToken);
    try {
      return await this.doFetch(this.base + this.scoped(path), {
        method,
        headers,
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'network', this.options.networkMessage);
    }
  }

  private static async fail(res: Response): Promise<never> {
    let body: Partial<ApiErrorBody> = {};
    try {
      body = (await res.json()) as ApiErrorBody;
    } catch {
      /* not JSON: fall back to the status text */
    }
    throw new ApiError(res.status, body.error?.code ?? 'http_' + res.status, body.error?.message ?? `${res.status} ${res.statusText}`);
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.send('GET', path);
    if (!res.ok) return ApiClient.fail(res);
    return (await res.json()) as T;
  }

  /** GET with If-None-Match: a 304 means nothing changed since `etag`. */
  async getIfChanged<T>(path: string, etag: string | null): Promise<Conditional<T>> {
    const res = await this.send('GET', path, undefined, etag ? { 'If-None-Match': etag } : {});
    if (res.status === 304) return { notModified: true, etag, data: null };
    if (!res.ok) return ApiClient.fail(res);
    return { notModified: false, etag: res.headers.get('ETag'), data: (await res.json()) as T };
  }

  /** A file download (a report): the bytes and the file name from Content-Disposition. */
  async download(path: string): Promise<{ blob: Blob; fileName: string }> {
    const res = await this.send('GET', path, undefined, { Accept: '*/*' });
    if (!res.ok) return ApiClient.fail(res);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    return { blob: await res.blob(), fileName: name ? decodeURIComponent(name) : path.split('?')[0]!.split('/').pop()! };
  }

  /** DELETE: answers the server's JSON (a repeat of a delete is harmless). */
  async remove<T>(path: string): Promise<T> {
    const res = await this.send('DELETE', path);
    if (!res.ok) return ApiClient.fail(res);
    return (await res.json()) as T;
  }

  /** A write; `key` makes a retry of the same submission safe. */
  async write<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown, key = newIdempotencyKey()): Promise<T> {
    const res = await this.send(method, path, body, { 'Idempotency-Key': key });
    if (!res.ok) return ApiClient.fail(res);
    return (await res.json()) as T;
  }
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../tab/src/api/client.js';
import { BoardPoller } from '../../tab/src/api/live.js';

/** A server that answers /api/board with an ETag and 304 for a matching If-None-Match, like src/api/router.ts. */
function boardServer() {
  let seq = 1;
  const seen: (string | null)[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = init.headers as Record<string, string>;
    const tag = `W/"board-${seq}"`;
    seen.push(headers['If-None-Match'] ?? null);
    if (headers['If-None-Match'] === tag) return new Response(null, { status: 304 });
    return new Response(JSON.stringify({ changeSeq: seq }), { status: 200, headers: { ETag: tag } });
  }) as typeof fetch;
  return { fetchImpl, seen, change: () => (seq += 1) };
}

describe('BoardPoller', () => {
  it('sends the last ETag, skips 304s and reports a changed board', async () => {
    const server = boardServer();
    const client = new ApiClient({
      identity: { kind: 'local', userId: 'dpo' },
      locale: 'sv',
      networkMessage: 'x',
      fetch: server.fetchImpl,
    });
    const boards: number[] = [];
    const poller = new BoardPoller({ client, intervalMs: 10_000, onBoard: (b) => boards.push(b.changeSeq) });
    poller.start();
    await poller.refresh();
    await poller.refresh();
    expect(boards).toEqual([1]);
    expect(server.seen).toEqual([null, 'W/"board-1"']);
    server.change();
    await poller.refresh();
    expect(boards).toEqual([1, 2]);
    expect(server.seen.at(-1)).toBe('W/"board-1"');
    poller.stop();
  });

  it('reports a lost connection and recovers', async () => {
    let up = false;
    const fetchImpl = (async () => {
      if (!up) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ changeSeq: 5 }), { status: 200, headers: { ETag: 'W/"5"' } });
    }) as typeof fetch;
    const client = new ApiClient({
      identity: { kind: 'local', userId: 'dpo' },
      locale: 'en',
      networkMessage: 'The server does not answer.',
      fetch: fetchImpl,
    });
    const statuses: boolean[] = [];
    const errors: string[] = [];
    const poller = new BoardPoller({
      client,
      intervalMs: 10_000,
      onBoard: () => undefined,
      onStatus: (s) => (statuses.push(s.ok), s.error && errors.push(s.error.message)),
    });
    poller.start();
    await poller.refresh();
    up = true;
    await poller.refresh();
    poller.stop();
    expect(statuses).toEqual([false, true]);
    expect(errors).toEqual(['The server does not answer.']);
  });
});

describe('BoardPoller without a clock (intervalMs null, as the component tests run the tab)', () => {
  afterEach(() => vi.useRealTimers());

  it('checks at start and when asked, and never sets a timer', async () => {
    vi.useFakeTimers();
    const server = boardServer();
    const client = new ApiClient({
      identity: { kind: 'local', userId: 'dpo' },
      locale: 'sv',
      networkMessage: 'x',
      fetch: server.fetchImpl,
    });
    const poller = new BoardPoller({ client, intervalMs: null, onBoard: () => undefined });
    poller.start();
    await poller.refresh();
    expect(server.seen).toEqual([null]);
    expect(vi.getTimerCount()).toBe(0);
    await poller.refresh();
    expect(server.seen).toEqual([null, 'W/"board-1"']);
    expect(vi.getTimerCount()).toBe(0);
    poller.stop();
  });

  it('sets its timer when it has an interval', async () => {
    vi.useFakeTimers();
    const server = boardServer();
    const client = new ApiClient({
      identity: { kind: 'local', userId: 'dpo' },
      locale: 'sv',
      networkMessage: 'x',
      fetch: server.fetchImpl,
    });
    const poller = new BoardPoller({ client, intervalMs: 2000, onBoard: () => undefined });
    poller.start();
    await poller.refresh();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.seen).toEqual([null, 'W/"board-1"']);
    poller.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('ApiClient', () => {
  it('sends identity, client, language and an Idempotency-Key on writes, and turns error bodies into ApiError', async () => {
    const calls: RequestInit[] = [];
    const fetchImpl = (async (_u: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push(init);
      return new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Your role may not do this (writeStatus).' } }), {
        status: 403,
      });
    }) as typeof fetch;
    const client = new ApiClient({ identity: { kind: 'local', userId: 'reader' }, locale: 'en', networkMessage: 'x', fetch: fetchImpl });
    await expect(client.write('POST', '/api/control-points/1/status-updates', { text: 'x' }, 'key-1')).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'Your role may not do this (writeStatus).',
    });
    const headers = calls[0]!.headers as Record<string, string>;
    expect(headers).toMatchObject({
      'X-Local-User': 'reader',
      'X-DPO-Client': 'tab',
      'Accept-Language': 'en',
      'Idempotency-Key': 'key-1',
      'Content-Type': 'application/json',
    });
  });

  it('uses a bearer token, never a query string, when not in local mode', async () => {
    const urls: string[] = [];
    const calls: RequestInit[] = [];
    const fetchImpl = (async (u: RequestInfo | URL, init: RequestInit = {}) => {
      urls.push(u instanceof Request ? u.url : u.toString());
      calls.push(init);
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const client = new ApiClient({
      identity: { kind: 'token', getToken: async () => 'tok' },
      locale: 'sv',
      networkMessage: 'x',
      fetch: fetchImpl,
    });
    await client.get('/api/me');
    expect((calls[0]!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(urls[0]).toBe('/api/me');
  });
});

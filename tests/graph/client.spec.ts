/**
 * The Graph client against the local test server: throttling (429 + Retry-After, also
 * fractional and inside a $batch), 503/504 with backoff, timeouts on slow answers, paging
 * through empty pages, and the token sent only to the configured host.
 * Throttling: https://learn.microsoft.com/en-us/graph/throttling
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticTokenProvider } from '../../src/graph/auth.js';
import { GraphApi, GraphHttpError } from '../../src/graph/client.js';
import { parseRetryAfter, retryDelay, DEFAULT_RETRY_POLICY } from '../../src/graph/middleware.js';
import { GraphTestServer } from './graph-test-server.js';
import { fetchTrusting, testCert } from './tls.js';

describe('Graph client', () => {
  let server: GraphTestServer;
  let graph: GraphApi;
  let listPath: string;

  beforeAll(async () => {
    server = await new GraphTestServer({ pageSize: 3, emptyFirstPages: true }).start();
    graph = new GraphApi({
      baseUrl: server.url,
      tokens: new StaticTokenProvider(server.token),
      fetch: fetchTrusting(testCert().cert),
      retry: { baseDelayMs: 20, maxDelayMs: 1000, timeoutMs: 300, maxRetries: 4 },
    });
    const { body } = await graph.request<{ id: string }>('POST', `/sites/${server.siteId}/lists`, {
      displayName: 'Prov',
      columns: [{ name: 'N', number: {} }],
      list: { template: 'genericList' },
    });
    listPath = `/sites/${server.siteId}/lists/${body.id}`;
    for (let n = 1; n <= 10; n += 1) await graph.request('POST', `${listPath}/items`, { fields: { Title: `item ${n}`, N: n } });
  });
  afterAll(async () => server.stop());

  const mark = () => server.requests.length;

  it('reads every page, also after an empty first page, following each nextLink as given', async () => {
    const from = mark();
    const { items } = await graph.getAll<{ fields: { N: number } }>(`${listPath}/items?expand=fields(select=N)`);
    expect(items.map((i) => i.fields.N)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(server.countSince(from)).toBe(5); // empty page + 4 pages of 3
  });

  it('retries a 429 after its fractional Retry-After', async () => {
    server.faults.push({ method: 'GET', path: /\/items\/1\b/, status: 429, retryAfter: '0.25' });
    const from = mark();
    const started = Date.now();
    const item = await graph.get<{ id: string }>(`${listPath}/items/1`);
    expect(item.id).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(server.requests.slice(from).map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries 503 and 504 without Retry-After with backoff, and gives up after the limit', async () => {
    server.faults.push(
      { method: 'GET', path: /\/items\/2\b/, status: 503, times: 2 },
      { method: 'GET', path: /\/items\/2\b/, status: 504 },
    );
    const from = mark();
    expect((await graph.get<{ id: string }>(`${listPath}/items/2`)).id).toBe('2');
    expect(server.requests.slice(from).map((r) => r.status)).toEqual([503, 503, 504, 200]);
    server.faults.push({ method: 'GET', path: /\/items\/3\b/, status: 503, times: 10 });
    const error = await graph.get(`${listPath}/items/3`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphHttpError);
    expect((error as GraphHttpError).status).toBe(503);
    server.faults.length = 0;
  });

  it('retries only the throttled requests inside a $batch, honouring their Retry-After', async () => {
    server.faults.push({ path: /\/items\/4\b/, status: 429, retryAfter: '0.1', inBatch: true });
    const from = mark();
    const answers = await graph.batch([4, 5, 6].map((n) => ({ id: `r${n}`, method: 'GET' as const, url: `${listPath}/items/${n}` })));
    expect([...answers.values()].map((a) => a.status)).toEqual([200, 200, 200]);
    expect(server.countSince(from)).toBe(2);
    // Graph runs a batch's requests in an order of its own (json-batching): item 4 was throttled once, then read alone.
    const inner = server.requests.slice(from).filter((r) => r.inBatch);
    expect(inner.map((r) => `${r.path.replace(/^.*\/items\//, '')} ${r.status}`).sort()).toEqual(['4 200', '4 429', '5 200', '6 200']);
    expect(inner.at(-1)).toMatchObject({ status: 200 });
    expect(inner.at(-1)!.path).toMatch(/\/items\/4$/);
  });

  it('times out a slow GET and tries again; a slow POST is not repeated', async () => {
    server.faults.push({ method: 'GET', path: /\/items\/7\b/, delayMs: 800 });
    expect((await graph.get<{ id: string }>(`${listPath}/items/7`)).id).toBe('7');
    server.faults.push({ method: 'POST', path: /\/items$/, delayMs: 800 });
    const error = await graph.request('POST', `${listPath}/items`, { fields: { Title: 'slow' } }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('sends a $batch of reads again after a timeout', async () => {
    server.faults.push({ method: 'POST', path: /\$batch/, delayMs: 800 });
    const answers = await graph.batch([{ id: 'a', method: 'GET', url: `${listPath}/items/8` }]);
    expect(answers.get('a')?.status).toBe(200);
  });

  it('sends the token to the configured host only, never to another host', async () => {
    const elsewhere = server.url.replace('127.0.0.1', 'localhost');
    const error = await graph.get(`${elsewhere}/sites/${server.siteId}`).catch((e: unknown) => e);
    expect((error as GraphHttpError).status).toBe(401);
    expect((await graph.get<{ id: string }>(`/sites/${server.siteId}`)).id).toBe(server.siteId);
  });

  it('refuses a base URL that is not https', () => {
    expect(() => new GraphApi({ baseUrl: 'http://graph.example/v1.0', tokens: new StaticTokenProvider('x') })).toThrow(/https/);
  });

  it('reads Retry-After as seconds, fractions or an HTTP date, and backs off with jitter when it is missing', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(Date.now() + 3000).toUTCString(), Date.now())).toBeGreaterThan(1000);
    expect(parseRetryAfter('soon')).toBeNull();
    const delays = [0, 1, 2, 3].map((attempt) => retryDelay(DEFAULT_RETRY_POLICY, attempt, null, () => 1));
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 0, null, () => 0)).toBe(250);
  });
});

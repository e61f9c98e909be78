/**
 * The Graph budget: requests and their SharePoint cost in the last minute, throttled answers and
 * the back-off they impose; a throttled write waits and is sent until Graph takes it.
 *  - costs: https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 *    (1 RU: single item, delta with a token; 2 RU: multi-item query, delta without a token,
 *    create/update/delete; 5 RU: permissions; each request in a $batch counts)
 *  - throttling: https://learn.microsoft.com/en-us/graph/throttling (429 + Retry-After; wait it out)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticTokenProvider } from '../../src/graph/auth.js';
import { costOf, GraphBudget } from '../../src/graph/budget.js';
import { GraphApi } from '../../src/graph/client.js';
import { DEFAULT_RETRY_POLICY, keepsWaiting } from '../../src/graph/middleware.js';
import { GraphTestServer } from './graph-test-server.js';
import { fetchTrusting, testCert } from './tls.js';

describe('the cost of a Graph request in SharePoint resource units', () => {
  const list = 'https://graph.microsoft.com/v1.0/sites/s/lists/l';
  it.each([
    ['GET', `${list}/items/7?expand=fields`, 1],
    ['GET', `${list}/items?expand=fields(select=Title)`, 2],
    ['GET', `${list}/items/delta?expand=fields`, 2],
    ['GET', `${list}/items/delta?token=abc`, 1],
    ['POST', `${list}/items`, 2],
    ['PATCH', `${list}/items/7/fields`, 2],
    ['DELETE', `${list}/items/7`, 2],
    ['GET', `${list}/items/7/permissions`, 5],
  ])('%s %s costs %i', (method, url, cost) => {
    expect(costOf(method, url)).toBe(cost);
  });

  it('counts each request inside a $batch', () => {
    const body = JSON.stringify({
      requests: [
        { id: '1', method: 'GET', url: '/sites/s/lists/l/items?expand=fields' },
        { id: '2', method: 'GET', url: '/sites/s/lists/l/items/delta?token=x' },
        { id: '3', method: 'PATCH', url: '/sites/s/lists/l/items/3/fields' },
      ],
    });
    expect(costOf('POST', 'https://graph.microsoft.com/v1.0/$batch', body)).toBe(5);
  });
});

describe('GraphBudget', () => {
  it('keeps a one-minute window of requests, cost and throttled answers, and the back-off Graph asked for', () => {
    let now = 1_000_000;
    const budget = new GraphBudget(() => now);
    budget.recordRequest(2, 200, null);
    budget.recordRequest(1, 429, 30_000);
    expect(budget.throttled).toBe(true);
    expect(budget.usage()).toMatchObject({ requestsLastMinute: 2, costLastMinute: 3, throttledLastMinute: 1, backoffSeconds: 30 });
    expect(budget.usage().backoffUntil).toBe(new Date(now + 30_000).toISOString());
    now += 30_000;
    expect(budget.throttled).toBe(false);
    expect(budget.usage()).toMatchObject({ backoffUntil: null, backoffSeconds: 0, requestsLastMinute: 2 });
    now += 31_000;
    expect(budget.usage()).toMatchObject({
      requestsLastMinute: 0,
      costLastMinute: 0,
      throttledLastMinute: 0,
      requestsTotal: 2,
      throttledTotal: 1,
    });
  });

  it('a throttled write keeps waiting past maxRetries until writeWaitMs; a read gives up at maxRetries', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 2, writeWaitMs: 60_000 };
    expect(keepsWaiting(policy, false, 429, 2, 0, 1000)).toBe(false);
    expect(keepsWaiting(policy, true, 429, 9, 0, 59_000)).toBe(true);
    expect(keepsWaiting(policy, true, 429, 9, 0, 60_000)).toBe(false);
    // Only a throttled answer means Graph did not take the write; a 504 may have been processed.
    expect(keepsWaiting(policy, true, 504, 2, 0, 1000)).toBe(false);
  });
});

describe('the Graph client counts into its budget', () => {
  let server: GraphTestServer;
  let graph: GraphApi;
  let listPath: string;

  beforeAll(async () => {
    server = await new GraphTestServer({ pageSize: 50 }).start();
    graph = new GraphApi({
      baseUrl: server.url,
      tokens: new StaticTokenProvider(server.token),
      fetch: fetchTrusting(testCert().cert),
      retry: { baseDelayMs: 5, maxDelayMs: 1000, timeoutMs: 5000, maxRetries: 1 },
    });
    const { body } = await graph.request<{ id: string }>('POST', `/sites/${server.siteId}/lists`, {
      displayName: 'Budget',
      columns: [{ name: 'N', number: {} }],
      list: { template: 'genericList' },
    });
    listPath = `/sites/${server.siteId}/lists/${body.id}`;
  });
  afterAll(async () => server.stop());

  it('a write throttled more often than maxRetries is sent until Graph takes it, and the 429s are counted', async () => {
    const before = graph.budget.usage();
    server.faults.push({ method: 'POST', path: /\/items$/, status: 429, retryAfter: '0.05', times: 3 });
    const { body } = await graph.request<{ id: string }>('POST', `${listPath}/items`, { fields: { Title: 'kept', N: 1 } });
    expect(body.id).toBeTruthy();
    const after = graph.budget.usage();
    expect(after.requestsTotal - before.requestsTotal).toBe(4);
    expect(after.throttledTotal - before.throttledTotal).toBe(3);
    expect(after.costLastMinute - before.costLastMinute).toBe(8);
    expect(server.items('Budget').map((i) => i.fields.Title)).toContain('kept');
  });

  it('a read throttled past maxRetries fails, and throttled answers inside a $batch count too', async () => {
    const before = graph.budget.usage();
    server.faults.push({ method: 'GET', path: /\/items\/1\b/, status: 429, retryAfter: '0.01', times: 2 });
    await expect(graph.get(`${listPath}/items/1`)).rejects.toMatchObject({ status: 429 });
    server.faults.push({ path: /\/items\/1\b/, status: 429, retryAfter: '0.01', inBatch: true });
    const answers = await graph.batch([{ id: 'a', method: 'GET', url: `${listPath}/items/1` }]);
    expect(answers.get('a')?.status).toBe(200);
    expect(graph.budget.usage().throttledTotal - before.throttledTotal).toBe(3);
  });
});

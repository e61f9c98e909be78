/**
 * The Graph test server holds back what the documentation does not promise, so the app's tests fail
 * when the app relies on it. Each case names the page it follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { GraphApi, GraphHttpError, type BatchRequest } from '../../src/graph/client.js';
import { provisionLists } from '../../src/store/sharepoint/provision.js';
import { graphFor } from '../store/sharepoint/harness.js';
import { GraphTestServer } from './graph-test-server.js';

type Json = Record<string, unknown>;

describe('the Graph test server is as strict as the documentation', () => {
  let server: GraphTestServer;
  let graph: GraphApi;
  let listPath: string;
  let itemId: number;

  beforeAll(async () => {
    server = await new GraphTestServer({ pageSize: 2 }).start();
    graph = graphFor(server);
    await provisionLists(graph, server.siteUrl, DEFAULT_SCALE);
    const list = server.list('DPO Anvisningar');
    listPath = `/sites/${server.siteId}/lists/${list.id}`;
    for (const n of [1, 2, 3]) {
      server.userCreate(
        'DPO Anvisningar',
        { Title: `IIFS 0${n}`, UnitKey: 'u', Number: n, Code: `IIFS 0${n}`, State: 'Klar', Version: n, AppSnapshot: '{}' },
        { id: 'p', displayName: 'P' },
      );
    }
    itemId = server.items('DPO Anvisningar')[0]!.id;
  });
  afterAll(() => server.stop());

  // https://learn.microsoft.com/en-us/graph/api/resources/columndefinition
  it('lists hidden columns only when hidden is in $select, and then only the properties selected', async () => {
    const plain = (await graph.getAll<Json>(`${listPath}/columns`)).items;
    expect(plain.map((c) => c.name)).not.toContain('AppSnapshot');
    expect(plain.map((c) => c.name)).toContain('State');
    const all = (await graph.getAll<Json>(`${listPath}/columns?$select=name,hidden`)).items;
    expect(all.filter((c) => c.name === 'AppSnapshot')).toEqual([{ name: 'AppSnapshot', hidden: true }]);
  });

  it('leaves hidden field values out of an item unless they are named in the select', async () => {
    const bare = await graph.get<{ fields: Json }>(`${listPath}/items/${itemId}?expand=fields`);
    expect(bare.fields).toMatchObject({ State: 'Klar' });
    expect(bare.fields).not.toHaveProperty('AppSnapshot');
    expect(bare.fields).not.toHaveProperty('Version');
    const named = await graph.get<{ fields: Json }>(`${listPath}/items/${itemId}?expand=fields(select=State,AppSnapshot)`);
    expect(named.fields).toMatchObject({ State: 'Klar', AppSnapshot: '{}' });
    expect(named.fields).not.toHaveProperty('Code');
  });

  // https://learn.microsoft.com/en-us/graph/api/listitem-list
  it('filters on one indexed field at a time; a field that is not indexed needs the Prefer header', async () => {
    const two = `$filter=${encodeURIComponent("fields/UnitKey eq 'u' and fields/Number eq 2")}`;
    await expect(graph.get(`${listPath}/items?${two}`)).rejects.toMatchObject({ status: 400 });
    const plain = `$filter=${encodeURIComponent("fields/Code eq 'IIFS 02'")}`;
    const refused = await graph.get(`${listPath}/items?${plain}`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraphHttpError);
    expect((refused as GraphHttpError).message).toMatch(/HonorNonIndexedQueriesWarningMayFailRandomly/);
    const { items } = await graph.getAll<Json>(`${listPath}/items?${plain}`, { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' });
    expect(items).toHaveLength(1);
  });

  // https://learn.microsoft.com/en-us/graph/paging
  it('pages as it likes whatever $top asks for', async () => {
    const first = await graph.get<{ value: unknown[]; '@odata.nextLink'?: string }>(`${listPath}/items?$top=999`);
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toBeDefined();
  });

  // https://learn.microsoft.com/en-us/graph/api/listitem-update
  it('answers a PATCH of fields with the fieldValueSet only, without an eTag', async () => {
    const { body, headers } = await graph.request<Json>('PATCH', `${listPath}/items/${itemId}/fields`, { Note: 'x' });
    expect(body).toMatchObject({ Note: 'x' });
    expect(body).not.toHaveProperty('@odata.etag');
    expect(headers.get('etag')).toBeNull();
  });

  // https://learn.microsoft.com/en-us/graph/json-batching
  it('runs a batch in its own order unless its requests are chained with dependsOn', async () => {
    const create = (id: string, n: number, dependsOn?: string[]): BatchRequest => ({
      id,
      method: 'POST',
      url: `${listPath}/items`,
      body: { fields: { Title: `T${n}`, UnitKey: 'batch', Number: n, Code: `C${n}`, State: 'Klar' } },
      ...(dependsOn ? { dependsOn } : {}),
    });
    const from = server.requests.length;
    await graph.batch([create('a', 101), create('b', 102), create('c', 103)]);
    const order = () =>
      server
        .items('DPO Anvisningar')
        .filter((i) => i.fields.UnitKey === 'batch')
        .map((i) => i.fields.Number);
    expect(order()).not.toEqual([101, 102, 103]);
    await graph.batch([create('d', 201), create('e', 202, ['d']), create('f', 203, ['e'])]);
    expect(order().filter((n) => Number(n) > 200)).toEqual([201, 202, 203]);
    const raw = server.requests.slice(from).filter((r) => !r.inBatch);
    expect(raw).toHaveLength(2);
  });
});

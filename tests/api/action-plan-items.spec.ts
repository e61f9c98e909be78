/**
 * The action plan's own items (åtgärder: neither instructions nor trainings) over real HTTP, on a real
 * SQLite file seeded from the report: the CISO and editors add and change them, everyone reads them
 * with the action plan, each write is one change record in the log the bot posts from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionPlanItem, ChangeRecord } from '../../src/domain/model.js';
import type { ActionPlanView } from '../../src/domain/views.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const plan = async (): Promise<ActionPlanView> => (await (await server.call('reader', 'GET', '/api/action-plan')).json()) as ActionPlanView;
const errorCode = async (res: Response): Promise<string> => ((await res.json()) as { error: { code: string } }).error.code;
const changesSince = async (seq: number): Promise<ChangeRecord[]> =>
  ((await (await server.call('reader', 'GET', `/api/changes?since=${seq}`)).json()) as { changes: ChangeRecord[] }).changes;
const latestSeq = async (): Promise<number> =>
  ((await (await server.call('reader', 'GET', '/api/changes?since=0&limit=500')).json()) as { cursor: number }).cursor;

const body = { text: 'Införande av loggningsrutin', state: 'planned', periodFrom: '2025-Q2', periodTo: '2025-Q3', dueDate: '2025-09-30' };

describe('action-plan items over HTTP', () => {
  it('the CISO adds an item (201), last in the plan; the same Idempotency-Key answers the same item', async () => {
    const since = await latestSeq();
    const headers = { 'Idempotency-Key': 'item-add-1' };
    const res = await server.call('ciso', 'POST', '/api/action-plan/items', body, headers);
    expect(res.status).toBe(201);
    const created = (await res.json()) as ActionPlanItem;
    expect(created).toMatchObject({ ...body, instruction: null, version: 1, updatedBy: 'ciso' });
    const again = await server.call('ciso', 'POST', '/api/action-plan/items', body, headers);
    expect(again.status).toBe(201);
    expect(((await again.json()) as ActionPlanItem).id).toBe(created.id);
    const view = await plan();
    expect(view.items.at(-1)).toEqual(created);
    expect(view.items.filter((i) => i.text === body.text)).toHaveLength(1);
    const log = await changesSince(since);
    expect(log.map((c) => [c.kind, c.source, c.entityId])).toEqual([['actionPlanItem.created', 'api', `actionPlanItem:${created.id}`]]);
  });

  it('an editor changes an item under its version; a stale version is 409 and changes nothing', async () => {
    const [first] = (await plan()).items;
    const res = await server.call('editor', 'PATCH', `/api/action-plan/items/${first!.id}`, {
      state: 'ongoing',
      instruction: 1,
      version: first!.version,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: first!.id, state: 'ongoing', instruction: 1, version: first!.version + 1 });
    const stale = await server.call('ciso', 'PATCH', `/api/action-plan/items/${first!.id}`, { state: 'done', version: first!.version });
    expect([stale.status, await errorCode(stale)]).toEqual([409, 'conflict']);
    expect((await plan()).items[0]).toMatchObject({ state: 'ongoing', version: first!.version + 1 });
  });

  it('refuses the DPO and readers (403), bad input (400), unknown items (404) and instructions (422), and stores nothing', async () => {
    const [first] = (await plan()).items;
    const since = await latestSeq();
    const cases: [string, string, string, unknown, number, string][] = [
      ['dpo', 'POST', '/api/action-plan/items', body, 403, 'forbidden'],
      ['reader', 'POST', '/api/action-plan/items', body, 403, 'forbidden'],
      ['reader', 'PATCH', `/api/action-plan/items/${first!.id}`, { state: 'done' }, 403, 'forbidden'],
      ['ciso', 'POST', '/api/action-plan/items', { ...body, text: ' ' }, 400, 'invalid_input'],
      ['ciso', 'POST', '/api/action-plan/items', { ...body, periodFrom: 'Q2 2025' }, 400, 'invalid_input'],
      ['ciso', 'POST', '/api/action-plan/items', { ...body, dueDate: '2025-02-30' }, 400, 'invalid_input'],
      ['ciso', 'POST', '/api/action-plan/items', { ...body, owner: 'someone' }, 400, 'invalid_input'],
      ['ciso', 'POST', '/api/action-plan/items', { ...body, periodFrom: '2026-Q1' }, 422, 'unprocessable'],
      ['ciso', 'POST', '/api/action-plan/items', { ...body, instruction: 77 }, 422, 'unprocessable'],
      ['ciso', 'PATCH', `/api/action-plan/items/${first!.id}`, {}, 400, 'invalid_input'],
      ['ciso', 'PATCH', '/api/action-plan/items/999999', { state: 'done' }, 404, 'not_found'],
      ['ciso', 'PATCH', '/api/action-plan/items/abc', { state: 'done' }, 400, 'invalid_input'],
    ];
    for (const [who, method, url, payload, status, code] of cases) {
      const res = await server.call(who, method, url, payload);
      expect([who, method, url, res.status, await errorCode(res)]).toEqual([who, method, url, status, code]);
    }
    expect(await changesSince(since)).toEqual([]);
    expect((await plan()).items[0]).toEqual(first);
  });

  it('answers a refusal in the caller’s language', async () => {
    const res = await server.call('reader', 'POST', '/api/action-plan/items', body, { 'Accept-Language': 'sv' });
    const error = ((await res.json()) as { error: { message: string } }).error;
    expect(error.message).toMatch(/ändra handlingsplanen/);
  });
});

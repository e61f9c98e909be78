/** Evidence routes over real HTTP, on a real SQLite file seeded from the report: roles, https only, bad input, in both languages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

import type { Evidence } from '../../src/domain/evidence.js';

interface Failure {
  error: { code: string };
}
const json = async <T = Evidence>(res: Response) => (await res.json()) as T;
const link = {
  title: 'Protokoll, förvaltningens ledningsgrupp',
  url: 'https://intraservice.sharepoint.com/sites/dpo/Shared%20Documents/protokoll-2024-06.pdf',
  kind: 'minutes',
  date: '2024-06-18',
};
const listOf = async (n: number) =>
  (await json<{ evidence: Evidence[] }>(await server.call('reader', 'GET', `/api/control-points/${n}/evidence`))).evidence;

describe('evidence on a control point over HTTP', () => {
  it('lists no evidence on a seeded control point and answers 404 for one that does not exist', async () => {
    expect(await listOf(3)).toEqual([]);
    expect((await server.call('reader', 'GET', '/api/control-points/13/evidence')).status).toBe(404);
  });

  it('lets the DPO, the CISO and an editor add a link (201, who and when recorded) and everyone read it', async () => {
    for (const who of ['dpo', 'ciso', 'editor']) {
      const res = await server.call(who, 'POST', '/api/control-points/5/evidence', { ...link, title: `${link.title} (${who})` });
      expect(res.status, who).toBe(201);
      const saved = await json(res);
      expect(saved).toMatchObject({ controlPoint: 5, origin: 'link', addedBy: who });
      expect(saved.addedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(await listOf(5)).toHaveLength(3);
  });

  it('refuses a reader with 403 before reading the body, in Swedish and English, and stores nothing', async () => {
    const res = await server.call('reader', 'POST', '/api/control-points/6/evidence', link);
    expect(res.status).toBe(403);
    const body = await json<Failure>(res);
    expect(body.error.code).toBe('forbidden');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|\/work\//);
    expect(await listOf(6)).toEqual([]);
  });

  it('takes https links only, with the reason in both languages', async () => {
    const res = await server.call('dpo', 'POST', '/api/control-points/6/evidence', { ...link, url: 'http://intranet/protokoll.pdf' });
    expect(res.status).toBe(400);
    const body = await json<Failure>(res);
    expect(body.error.code).toBe('invalid_input');
    expect(JSON.stringify(body)).toContain('https');
    expect(await listOf(6)).toEqual([]);
  });

  it('answers 400 for bad input: unknown kind, bad date, missing title, unknown field', async () => {
    for (const bad of [
      { ...link, kind: 'memo' },
      { ...link, date: '18/6 2024' },
      { ...link, title: '' },
      { ...link, secret: true },
      { url: link.url },
    ]) {
      const res = await server.call('dpo', 'POST', '/api/control-points/6/evidence', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await listOf(6)).toEqual([]);
  });

  it('removes a link for whoever added it or the DPO (a reader may not) and answers 404 after', async () => {
    const added = await json(await server.call('editor', 'POST', '/api/control-points/7/evidence', link));
    expect((await server.call('reader', 'DELETE', `/api/control-points/7/evidence/${added.id}`)).status).toBe(403);
    expect((await server.call('editor', 'DELETE', `/api/control-points/8/evidence/${added.id}`)).status).toBe(404);
    const removed = await server.call('editor', 'DELETE', `/api/control-points/7/evidence/${added.id}`);
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual(added);
    expect(await listOf(7)).toEqual([]);
    expect((await server.call('editor', 'DELETE', `/api/control-points/7/evidence/${added.id}`)).status).toBe(404);
  });

  it('refuses the CISO someone else’s link with the evidence words in both languages; the DPO removes it', async () => {
    const added = await json(await server.call('editor', 'POST', '/api/control-points/10/evidence', link));
    const sv = await server.call('ciso', 'DELETE', `/api/control-points/10/evidence/${added.id}`);
    expect(sv.status).toBe(403);
    expect(JSON.stringify(await sv.json())).toContain('ta bort underlag som någon annan har lagt till');
    const en = await server.call('ciso', 'DELETE', `/api/control-points/10/evidence/${added.id}`, undefined, { 'Accept-Language': 'en' });
    expect(JSON.stringify(await en.json())).toContain('remove evidence someone else added');
    expect((await server.call('dpo', 'DELETE', `/api/control-points/10/evidence/${added.id}`)).status).toBe(200);
    expect(await listOf(10)).toEqual([]);
  });

  it('says why a reader may not add evidence in evidence words, not borrowed ones', async () => {
    const res = await server.call('reader', 'POST', '/api/control-points/11/evidence', link);
    expect(JSON.stringify(await res.json())).toContain('lägga till underlag');
  });

  it('logs each add and removal as one change (evidence.added / evidence.removed) for the channel', async () => {
    type Log = { changes: { kind: string; entityId: string; controlPoint: number }[]; cursor: number };
    let since = 0;
    for (let page = await json<Log>(await server.call('reader', 'GET', '/api/changes?limit=500')); page.changes.length > 0;) {
      since = page.cursor;
      page = await json<Log>(await server.call('reader', 'GET', `/api/changes?since=${since}&limit=500`));
    }
    const added = await json(await server.call('ciso', 'POST', '/api/control-points/12/evidence', link));
    await server.call('ciso', 'DELETE', `/api/control-points/12/evidence/${added.id}`);
    const res = await server.call('reader', 'GET', `/api/changes?since=${since}`);
    const log = await json<Log>(res);
    const mine = log.changes.filter((c) => c.entityId === `evidence:${added.id}`);
    expect(mine.map((c) => [c.kind, c.controlPoint])).toEqual([
      ['evidence.added', 12],
      ['evidence.removed', 12],
    ]);
  });

  it('stores a repeated add with the same Idempotency-Key once', async () => {
    const send = () => server.call('ciso', 'POST', '/api/control-points/9/evidence', link, { 'Idempotency-Key': 'evidence-9' });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await listOf(9)).toHaveLength(1);
  });
});

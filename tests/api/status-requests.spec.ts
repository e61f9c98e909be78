/**
 * Status-request routes over real HTTP (issue 13 item 3): the tab's "Begär status" sends the card
 * through the bot to the owner's personal chat (received by the recording Bot Connector,
 * tests/bot/connector.ts), and the requester gets their copy in their own personal chat. Roles,
 * bad input in both languages, and the bot switched off.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusRequest } from '../../src/domain/status-requests.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import * as A from '../bot/activities.js';
import { startConnector, type FakeConnector } from '../bot/connector.js';

const CISO_CHAT: A.Where = { conversationId: 'a:personal-ciso', scope: 'personal' };
const DPO_CHAT = A.PERSONAL;
const json = async <T>(res: Response) => (await res.json()) as T;

describe('status requests over HTTP', { timeout: 60_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;

  beforeEach(async () => {
    connector = await startConnector();
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.dispose();
    await connector.close();
  });

  async function install(where: A.Where, who: A.User): Promise<void> {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(A.installation(connector.url, where, who, 'add')),
    });
    expect(res.status).toBe(200);
    await connector.waitFor(where.conversationId, 1);
  }

  it("sends the DPO's request to the owner's personal chat and the requester's copy to the DPO's, and lists it as open", async () => {
    await install(CISO_CHAT, A.USERS.ciso);
    await install(DPO_CHAT, A.USERS.dpo);
    const res = await server.call('dpo', 'POST', '/api/control-points/4/status-requests', {}, { 'X-Client': 'tab' });
    expect(res.status).toBe(201);
    const { request, delivered } = await json<{ request: StatusRequest; delivered: boolean }>(res);
    expect(delivered).toBe(true);
    expect(request).toMatchObject({ controlPoint: 4, askedName: 'Megan Bowen', requestedBy: 'dpo', state: 'open' });
    const [, asked] = await connector.waitFor(CISO_CHAT.conversationId, 2);
    expect(JSON.stringify(asked!.activity)).toContain('statusRequest.answer');
    const [, copy] = await connector.waitFor(DPO_CHAT.conversationId, 2);
    expect(JSON.stringify(copy!.activity)).toContain('Förfrågan är skickad till Megan Bowen');
    const open = await json<{ requests: StatusRequest[] }>(await server.call('reader', 'GET', '/api/status-requests'));
    expect(open.requests).toEqual([request]);
  });

  it('takes a due date, refuses one in the past in the caller’s language, and refuses an editor and a reader', async () => {
    await install(CISO_CHAT, A.USERS.ciso);
    const past = await server.call('ciso', 'POST', '/api/control-points/4/status-requests', { dueDate: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(JSON.stringify(await past.json())).toContain('svara senast ska vara ett datum');
    const english = await server.call(
      'ciso',
      'POST',
      '/api/control-points/4/status-requests',
      { dueDate: 'soon' },
      { 'Accept-Language': 'en' },
    );
    expect(english.status).toBe(400);
    for (const who of ['editor', 'reader']) {
      const refused = await server.call(who, 'POST', '/api/control-points/4/status-requests', {});
      expect(refused.status, who).toBe(403);
    }
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const ok = await server.call('ciso', 'POST', '/api/control-points/4/status-requests', { dueDate: due });
    expect(ok.status).toBe(201);
    expect((await json<{ request: StatusRequest }>(ok)).request).toMatchObject({ dueDate: due, requestedBy: 'ciso' });
    expect((await server.call('dpo', 'POST', '/api/control-points/13/status-requests', {})).status).toBe(404);
  });

  it('says clearly that the bot sends requests when the bot is off', async () => {
    await server.dispose();
    server = await startTestServer({ BOT_ENABLED: 'false' });
    const res = await server.call('dpo', 'POST', '/api/control-points/4/status-requests', {});
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('boten är inte igång här');
    expect((await server.call('dpo', 'GET', '/api/status-requests')).status).toBe(200);
  });
});

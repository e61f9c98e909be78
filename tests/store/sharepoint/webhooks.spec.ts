/**
 * Graph change notifications: the validation handshake, clientState checks, 202 before work,
 * and list subscriptions created, renewed before their 42,300-minute limit, and re-created
 * when Graph lost them. https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { graphWebhookRouter } from '../../../src/api/graph-webhooks.js';
import { MAX_LIST_SUBSCRIPTION_MINUTES, NOTIFICATION_PATH, SubscriptionManager } from '../../../src/store/sharepoint/webhooks.js';
import { TlsFront } from '../../graph/tls-front.js';
import { testCert } from '../../graph/tls.js';
import { startHarness, type Harness } from './harness.js';

/** Waits for a condition; the deadline only bounds a hang. */
async function until(condition: () => boolean): Promise<void> {
  for (const end = Date.now() + 10_000; !condition();) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function listen(app: express.Express): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('Graph change notifications', () => {
  let h: Harness;
  let front: TlsFront;
  let http1: http.Server;
  let manager: SubscriptionManager;
  let pokes = 0;

  beforeAll(async () => {
    h = await startHarness({ notificationCa: testCert().cert });
    front = await new TlsFront().start();
    manager = new SubscriptionManager(h.graph, new SharePointAppState(h.data), () => h.data.lists(), front.url, [
      'instructions',
      'activities',
    ]);
    const app = express();
    app.use(graphWebhookRouter({ path: NOTIFICATION_PATH, accepts: (n) => manager.accepts(n), onChange: () => (pokes += 1) }));
    const { server, port } = await listen(app);
    http1 = server;
    front.target = port;
  });
  afterAll(async () => {
    manager.stop();
    http1.close();
    await front.stop();
    await h.dispose();
  });

  async function fetchVia(query: string, body: string, type: string) {
    const res = await fetch(`http://127.0.0.1:${front.target}/graph/notifications${query}`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body,
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  it('answers the validation handshake with the token as text/plain', async () => {
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 25b6d1a5';
    const res = await fetchVia(`?validationToken=${encodeURIComponent(token)}`, '', 'text/plain');
    expect(res).toMatchObject({ status: 200, text: token });
    expect(res.type).toMatch(/^text\/plain/);
  });

  it('subscribes each list with changeType updated, an expiry within 42,300 minutes and a clientState', async () => {
    const state = await manager.ensure();
    expect(state.subscriptions).toHaveLength(2);
    for (const s of h.server.subscriptions.values()) {
      expect(s).toMatchObject({
        changeType: 'updated',
        notificationUrl: `${front.url}/graph/notifications`,
        clientState: state.clientState,
      });
      const minutes = (Date.parse(s.expirationDateTime) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(MAX_LIST_SUBSCRIPTION_MINUTES - 120);
      expect(minutes).toBeLessThanOrEqual(MAX_LIST_SUBSCRIPTION_MINUTES);
    }
    expect((await manager.ensure()).subscriptions.map((s) => s.id).sort()).toEqual(state.subscriptions.map((s) => s.id).sort());
  });

  it('acknowledges with 202 and pokes the sync for its own notifications only', async () => {
    const state = await manager.ensure();
    const ours = state.subscriptions[0]!;
    const before = pokes;
    const forged = await fetchVia(
      '',
      JSON.stringify({
        value: [{ subscriptionId: ours.id, clientState: 'not-the-secret', changeType: 'updated', resource: ours.resource }],
      }),
      'application/json',
    );
    expect(forged.status).toBe(202);
    const real = await fetchVia(
      '',
      JSON.stringify({
        value: [{ subscriptionId: ours.id, clientState: state.clientState, changeType: 'updated', resource: ours.resource }],
      }),
      'application/json',
    );
    expect(real.status).toBe(202);
    // Requests are answered in order and each poke runs right after its own 202: one poke means the forged one made none.
    await until(() => pokes > before);
    expect(pokes).toBe(before + 1);
    expect((await fetchVia('', '{"nope":1}', 'application/json')).status).toBe(400);
  });

  it('ignores, without throwing, notifications that are not objects or whose clientState or subscriptionId is not a string', async () => {
    const state = await manager.ensure();
    const ours = state.subscriptions[0]!;
    const before = pokes;
    const odd = [
      null,
      7,
      'text',
      [ours.id],
      { subscriptionId: ours.id, clientState: 12345, changeType: 'updated' },
      { subscriptionId: ours.id, clientState: { value: state.clientState } },
      { subscriptionId: ours.id, clientState: [state.clientState] },
      { subscriptionId: 42, clientState: state.clientState },
      { subscriptionId: ours.id, clientState: null },
    ];
    const res = await fetchVia('', JSON.stringify({ value: odd }), 'application/json');
    expect(res.status).toBe(202);
    // The server is still up and still takes a real notification.
    const real = await fetchVia(
      '',
      JSON.stringify({ value: [...odd, { subscriptionId: ours.id, clientState: state.clientState }] }),
      'application/json',
    );
    expect(real.status).toBe(202);
    await until(() => pokes > before);
    expect(pokes).toBe(before + 1);
  });

  it('a body that is not JSON gets a plain 400 JSON error, no stack or path', async () => {
    const res = await fetchVia('', '{"value": [', 'application/json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'invalid_input' } });
    expect(res.text).not.toMatch(/at |node_modules|\/work\//);
  });

  it('Graph delivers a notification for a person edit; the app answers 202 within 3 s', async () => {
    await manager.ensure();
    const before = pokes;
    const deliveries = h.server.deliveries.length;
    const row = h.server.items('DPO Anvisningar')[0];
    if (row) h.server.userEdit('DPO Anvisningar', row.id, { Note: 'Ändrad i listan' }, { id: 'aad-anna', displayName: 'Anna' });
    else h.server.userCreate('DPO Anvisningar', { Title: 'x' }, { id: 'aad-anna', displayName: 'Anna' });
    for (let i = 0; i < 100 && h.server.deliveries.length === deliveries; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(h.server.deliveries.at(-1)).toMatchObject({ status: 202 });
    expect(h.server.deliveries.at(-1)!.ms).toBeLessThan(3000);
    await until(() => pokes > before);
  });

  it('renews subscriptions well before they expire, and re-creates one Graph has lost', async () => {
    const state = await manager.ensure();
    // As seen 24 days on, fewer than 7 days are left: the same manager with a 31-day threshold.
    const later = new SubscriptionManager(
      h.graph,
      new SharePointAppState(h.data),
      () => h.data.lists(),
      front.url,
      ['instructions', 'activities'],
      undefined,
      31 * 24 * 3600_000,
    );
    const lost = state.subscriptions[1]!;
    h.server.subscriptions.delete(lost.id);
    const from = h.server.requests.length;
    const renewed = await later.ensure();
    const calls = h.server.requests.slice(from).filter((r) => r.path.startsWith('/subscriptions'));
    expect(calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 200', 'PATCH 404', 'POST 201']);
    expect(renewed.subscriptions.find((s) => s.list === state.subscriptions[0]!.list)!.id).toBe(state.subscriptions[0]!.id);
    expect(renewed.subscriptions.find((s) => s.list === lost.list)!.id).not.toBe(lost.id);
  });

  it('refuses to subscribe when the app does not echo the validation token', async () => {
    const broken = new SubscriptionManager(h.graph, new SharePointAppState(h.data), () => h.data.lists(), 'https://127.0.0.1:9', [
      'trainings',
    ]);
    await expect(broken.ensure()).rejects.toMatchObject({ status: 400 });
  });
});

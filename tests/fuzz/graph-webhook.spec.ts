/**
 * Property-based tests of the Graph change-notification endpoint (src/api/graph-webhooks.ts), mounted as the server
 * mounts it (with its security headers and final handlers) and reached over HTTP. Graph's side of the exchange
 * follows https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks: a validation request
 * (?validationToken=...) is answered 200 text/plain with the token; a notification collection `{ value: [...] }`
 * with 202. Whatever arrives: a 2xx or a clean 4xx JSON refusal; the app's check (`accepts`) sees only well-formed
 * notifications (subscriptionId and clientState strings); the sync is poked once per collection that held one of
 * ours and never otherwise; the endpoint keeps answering.
 */
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphWebhookRouter, type Notification } from '../../src/api/graph-webhooks.js';
import { finalHandlers, securityHeaders } from '../../src/api/security.js';
import { expectCleanRefusal, expectNoInternals, hostileString, jsonValue, nearlyValid, RUNS, SEED, wireBody } from './arbitraries.js';

const PATH = '/api/graph/notifications';
const SUBSCRIPTION = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';
const CLIENT_STATE = 'secret-client-state-0123456789';

const seen: Notification[] = [];
let pokes = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders);
  app.use(
    graphWebhookRouter({
      path: PATH,
      accepts: (n) => {
        seen.push(n);
        return n.subscriptionId === SUBSCRIPTION && n.clientState === CLIENT_STATE;
      },
      onChange: () => (pokes += 1),
    }),
  );
  app.use(...finalHandlers(() => undefined));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A changeNotification as Graph sends it (https://learn.microsoft.com/en-us/graph/api/resources/changenotification), fields good or not. */
const notification = nearlyValid(
  {
    subscriptionId: fc.oneof(fc.constant(SUBSCRIPTION), fc.uuid()),
    clientState: fc.oneof(
      fc.constant(CLIENT_STATE),
      hostileString,
      fc.integer(),
      fc.constant(null),
      fc.array(fc.constant(CLIENT_STATE), { maxLength: 1 }),
    ),
    changeType: fc.constantFrom('updated', 'created', 'deleted'),
    resource: fc.constantFrom('sites/site-id/lists/list-id', ''),
    subscriptionExpirationDateTime: fc.constant('2026-12-01T00:00:00Z'),
    tenantId: fc.uuid(),
  },
  ['subscriptionId', 'clientState'],
);
const collection = fc.oneof(
  { arbitrary: fc.record({ value: fc.array(fc.oneof(notification, jsonValue), { maxLength: 5 }) }), weight: 4 },
  { arbitrary: fc.record({ value: jsonValue }), weight: 1 },
  { arbitrary: jsonValue, weight: 1 },
);

const isOurs = (n: unknown) => {
  const v = n as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.subscriptionId === SUBSCRIPTION && v.clientState === CLIENT_STATE;
};

/** Lets setImmediate callbacks (the poke after the 202) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the Graph webhook endpoint, fuzzed', { timeout: 300_000 }, () => {
  it('acknowledges notification collections, checks only well-formed notifications, and pokes the sync only for ours', async () => {
    await fc.assert(
      fc.asyncProperty(wireBody(collection), async (body) => {
        seen.length = 0;
        const before = pokes;
        const res = await fetch(base + PATH, {
          method: 'POST',
          headers: body.contentType ? { 'Content-Type': body.contentType } : {},
          body: body.text,
        });
        const text = await res.text();
        await settle();
        expect(res.status, text).toBeLessThan(500);
        if (res.status >= 400) {
          expectCleanRefusal(res.status, res.headers.get('content-type'), text);
          expect(pokes).toBe(before);
          return;
        }
        expect(res.status).toBe(202);
        expect(text).toBe('');
        for (const n of seen) {
          expect(typeof n.subscriptionId).toBe('string');
          expect(typeof n.clientState).toBe('string');
        }
        const value = (JSON.parse(body.text) as { value: unknown[] }).value;
        expect(pokes - before).toBe(value.some(isOurs) ? 1 : 0);
      }),
      { numRuns: RUNS * 3, ...SEED },
    );
  });

  it('echoes any validation token as text/plain, untouched', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (token) => {
        const res = await fetch(`${base}${PATH}?${new URLSearchParams({ validationToken: token }).toString()}`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(await res.text()).toBe(token);
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  it('keeps answering after anything, with no stack or path in a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString,
        fc.constantFrom('application/json', 'text/plain', 'application/xml', undefined),
        async (raw, contentType) => {
          const res = await fetch(base + PATH, { method: 'POST', headers: contentType ? { 'Content-Type': contentType } : {}, body: raw });
          expect(res.status).toBeLessThan(500);
          expectNoInternals(await res.text());
        },
      ),
      { numRuns: RUNS, ...SEED },
    );
    const ok = await fetch(base + PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ value: [] }),
    });
    expect(ok.status).toBe(202);
  });
});

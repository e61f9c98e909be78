/**
 * What every answer carries and what none may carry, probed over real HTTP against the real
 * server in two modes: the local demo (AUTH_MODE=local, NODE_ENV=development, bot without
 * credentials) and production (AUTH_MODE=entra, NODE_ENV=production, bot with credentials).
 * Frame ancestors: https://learn.microsoft.com/en-us/microsoftteams/platform/tabs/how-to/tab-requirements
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, TAB_FRAME_ANCESTORS } from '../../src/api/security.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const APP = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const BOT = '6f1c2b1e-9d0a-4a43-9c7e-2f3b8f0c1a11';

type Mode = 'local demo (development)' | 'production (entra)';
const MODES: Record<Mode, Record<string, string>> = {
  'local demo (development)': { NODE_ENV: 'development' },
  'production (entra)': {
    NODE_ENV: 'production',
    ENTRA_CLIENT_ID: APP,
    ENTRA_TENANT_ID: TENANT,
    MICROSOFT_APP_ID: BOT,
    MICROSOFT_APP_TENANT_ID: TENANT,
    MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
  },
};

const json = { 'Content-Type': 'application/json' };
/** A message activity from somewhere else than this machine (https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object). */
const ACTIVITY = {
  type: 'message',
  id: '1',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  text: 'hjälp',
  from: { id: '29:x' },
  conversation: { id: 'a:1' },
  recipient: { id: '28:bot' },
};
/** Requests that reach error paths outside the API's own routes, and some inside them. */
const PROBES: { name: string; path: string; init?: RequestInit; status: number; code: string | Record<Mode, string> }[] = [
  {
    name: 'a malformed body to the bot',
    path: '/api/messages',
    init: { method: 'POST', headers: json, body: '{"type":' },
    status: 400,
    code: 'malformed_json',
  },
  { name: 'a NUL in an asset path', path: '/tab/assets/%00.js', status: 400, code: 'invalid_input' },
  { name: 'a broken escape in an asset path', path: '/tab/assets/%E0%A4%A.js', status: 400, code: 'invalid_input' },
  { name: 'a missing asset', path: '/tab/assets/missing.js', status: 404, code: 'not_found' },
  { name: 'an unknown path', path: '/no/such/page', status: 404, code: 'not_found' },
  { name: 'an unknown API path', path: '/api/no-such-thing', status: 401, code: 'unauthenticated' },
  {
    name: 'a body in an unknown charset',
    path: '/api/messages',
    init: { method: 'POST', headers: { 'Content-Type': 'application/json; charset=x-unknown' }, body: '{}' },
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a body of an unknown encoding',
    path: '/api/messages',
    init: { method: 'POST', headers: { ...json, 'Content-Encoding': 'x-zip' }, body: '{}' },
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'an array for an activity',
    path: '/api/messages',
    init: { method: 'POST', headers: json, body: '[1]' },
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'an activity without a type',
    path: '/api/messages',
    init: { method: 'POST', headers: json, body: '{"text":"x"}' },
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'an activity without a Bot Framework token',
    path: '/api/messages',
    init: { method: 'POST', headers: json, body: JSON.stringify(ACTIVITY) },
    status: 401,
    // Without credentials (the local demo) the bot takes only local traffic; with them, only Bot Framework tokens.
    code: { 'local demo (development)': 'bot_local_only', 'production (entra)': 'unauthenticated' },
  },
  {
    name: 'a body larger than allowed',
    path: '/api/messages',
    init: { method: 'POST', headers: json, body: JSON.stringify({ text: 'x'.repeat(300_000) }) },
    status: 413,
    code: 'payload_too_large',
  },
];

/** Signs of internals: a stack frame, a source or module path, an absolute path, an exception's name. */
const INTERNALS = [
  /\bat \S+ \(/,
  /node_modules/,
  /\/(work|home|tmp|usr|app|srv)\//,
  /[A-Za-z]:\\/,
  /\.[cm]?[jt]s:\d+/,
  /\b[A-Z]\w*Error\b/,
];

describe.each(Object.entries(MODES) as [Mode, Record<string, string>][])('in %s', (mode, env) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(env);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('sends nosniff and frame-ancestors of exactly the Teams, Outlook and Microsoft 365 hosts on every answer', async () => {
    for (const path of ['/api/health', '/api/session', '/api/board', '/tab/', '/', '/no/such/page', '/tab/assets/%00.js']) {
      const res = await fetch(server.url + path, { redirect: 'manual' });
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.trim().split(/\s+/);
      expect(ancestors, path).toEqual([...TAB_FRAME_ANCESTORS]);
      await res.body?.cancel();
    }
    expect(TAB_FRAME_ANCESTORS).toEqual([
      'https://*.cloud.microsoft',
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.microsoft365.com',
      'https://*.office.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://outlook-sdf.office.com',
      'https://outlook-sdf.office365.com',
    ]);
  });

  it.each(PROBES)('answers $name with a JSON error and no internals', async ({ path, init, status, code }) => {
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error)).toEqual(['code', 'message']);
    expect(body.error.code).toBe(typeof code === 'string' ? code : code[mode]);
    for (const sign of INTERNALS) expect(text).not.toMatch(sign);
  });

  it('answers in Swedish first and in English when asked', async () => {
    const messageOf = async (headers: Record<string, string>) =>
      ((await (await fetch(`${server.url}/tab/assets/%00.js`, { headers })).json()) as { error: { message: string } }).error.message;
    expect(await messageOf({})).toContain('begäran kunde inte tolkas');
    expect(await messageOf({ 'Accept-Language': 'en' })).toContain('the request could not be understood');
  });
});

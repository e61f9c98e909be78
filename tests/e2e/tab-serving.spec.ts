/** How the server serves the tab and the public session endpoint, over real HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfo } from '../../src/api/session.js';
import { ensureTabBuilt } from '../../tab/build.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CONTENT_SECURITY_POLICY } from '../../src/api/security.js';
import { chromiumMissing, launchChromium } from './tab-browser.js';

let server: TestServer;

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  server = await startTestServer();
}, 180_000);

afterAll(async () => {
  await server?.dispose();
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(server.url + p, { headers, redirect: 'manual' });

describe('serving the tab', () => {
  it('redirects / and /tab to /tab/', async () => {
    for (const p of ['/', '/tab']) {
      const res = await get(p);
      expect(res.status).toBeGreaterThanOrEqual(301);
      expect(res.headers.get('location')).toBe('/tab/');
    }
  });

  it('answers deep links with the app, revalidated on every load', async () => {
    for (const p of ['/tab/', '/tab/control-points/4', '/tab/action-plan', '/tab/config']) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root"></div>');
    }
  });

  it('sends hashed scripts gzipped to browsers that accept it, cached for a year, and 404s unknown files', async () => {
    const html = await (await get('/tab/')).text();
    const entry = /src="(\/tab\/assets\/index-[^"]+\.js)"/.exec(html)![1]!;
    const gz = await get(entry, { 'Accept-Encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('cache-control')).toContain('immutable');
    const raw = fs.readFileSync(path.join(server.config.tab.distDir, entry.replace('/tab/', '')));
    expect(Buffer.from(await gz.arrayBuffer()).equals(raw)).toBe(true); // fetch decoded it: the same bytes
    const plain = await get(entry, { 'Accept-Encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await get('/tab/assets/nope.js')).status).toBe(404);
    expect((await get('/tab/nope.js')).status).toBe(404);
  });
});

describe('the tab inside other pages', () => {
  it('carries nosniff and the CSP on the app, its scripts, its sign-in pages and its 404s', async () => {
    const html = await (await get('/tab/')).text();
    const entry = /src="(\/tab\/assets\/index-[^"]+\.js)"/.exec(html)![1]!;
    for (const p of ['/tab/', '/tab/control-points/4', entry, '/tab/auth-start', '/tab/auth-end', '/tab/nope.js', '/tab/assets/nope.js']) {
      const res = await get(p, { 'Accept-Encoding': 'gzip' });
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), p).toBe(CONTENT_SECURITY_POLICY);
      await res.body?.cancel();
    }
  });

  // Chromium enforces frame-ancestors: Teams' host may frame the tab, another site may not. Both framing
  // pages are served by the browser's request interception; Local Network Access checks are off because
  // a public page framing a loopback server is a test-only setup.
  it.skipIf(chromiumMissing() !== undefined)('is shown framed by Teams and refused framed by another site, in Chromium', async () => {
    const browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
    try {
      const page = await browser.newPage();
      const framing = `<iframe title="tab" src="${server.url}/tab/"></iframe>`;
      await page.route(/^https:\/\/(teams\.microsoft\.com|board-lookalike\.example\.org)\/$/, (route) =>
        route.fulfill({ contentType: 'text/html', body: framing }),
      );
      const framedUrl = async (host: string): Promise<string> => {
        const loaded = page.waitForEvent('framenavigated', (f) => f !== page.mainFrame() && f.url() !== 'about:blank');
        await page.goto(`https://${host}/`);
        return (await loaded).url();
      };
      expect(await framedUrl('teams.microsoft.com')).toBe(`${server.url}/tab/`);
      expect(await page.frames()[1]!.locator('#root').count()).toBe(1);
      expect(await framedUrl('board-lookalike.example.org')).toMatch(/^chrome-error:/);
    } finally {
      await browser.close();
    }
  });
});

describe('GET /api/session', () => {
  it('lists the demo users and the default user without sign-in in local mode', async () => {
    const res = await get('/api/session');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { authMode: string; demo: { defaultUser: string; users: { id: string; roles: string[] }[] } };
    expect(body.authMode).toBe('local');
    expect(body.demo.defaultUser).toBe(server.config.localUsers.defaultUser);
    expect(body.demo.users.map((u) => u.id)).toEqual(['dpo', 'ciso', 'editor', 'reader', 'ciso-exempel', 'admin']);
    expect(JSON.stringify(body)).not.toContain('@'); // no e-mail addresses
  });

  it('reveals nothing but the mode otherwise', () => {
    const users = { defaultUser: 'dpo', users: [{ id: 'dpo', displayName: 'D', roles: ['dpo' as const] }] };
    expect(sessionInfo({ authMode: 'entra', demoUsers: () => users })).toEqual({ authMode: 'entra' });
  });

  it('opens the tab as TAB_DEFAULT_USER when set', async () => {
    const other = await startTestServer({ TAB_DEFAULT_USER: 'reader' });
    try {
      const body = (await (await fetch(`${other.url}/api/session`)).json()) as { demo: { defaultUser: string } };
      expect(body.demo.defaultUser).toBe('reader');
    } finally {
      await other.dispose();
    }
  });
});

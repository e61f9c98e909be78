/// <reference lib="dom" />
/**
 * The tab's Teams SSO path end to end: headless Chromium opens a stand-in Teams web client
 * (tab-teams-host.ts, the host boundary only) that frames the real tab served by the real
 * server in AUTH_MODE=entra (temp SQLite file). Tokens are Entra v2 access tokens minted here
 * and checked by the server against a local JWKS, as in tests/api/entra-identity.spec.ts.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-overview
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../tab/build.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeInChromium, launchChromium, screenshot } from './tab-browser.js';
import { startTeamsHost, teamsHostArgs, type HostPerson, type TeamsHost, type TokenAnswer } from './tab-teams-host.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT_ID = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const APP_ID_URI = `api://board.example.org/${CLIENT_ID}`;
const AUTHORITY = 'https://login.microsoftonline.com';

interface Person extends HostPerson {
  roles: string[];
  /** Signed with a key the tenant never published. */
  forged?: boolean;
  /** getAuthToken fails until the person consented through authentication.authenticate. */
  needsConsent?: boolean;
}

const person = (as: string, name: string, roles: string[], extra: Partial<Person> = {}): Person => ({
  as,
  name,
  upn: `${as}@example.org`,
  oid: `00000000-0000-4000-8000-${as
    .padStart(12, '0')
    .slice(-12)
    .replace(/[^0-9a-f]/g, 'a')}`,
  tid: TENANT,
  roles,
  ...extra,
});

const PEOPLE: Record<string, Person> = {
  dpo: person('dpo', 'Dana Dataskydd', ['DPO']),
  reader: person('reader', 'Rasmus Läsare', []),
  forged: person('forged', 'Fiona Förfalskad', ['DPO'], { forged: true }),
  consent: person('consent', 'Cecilia Ny', ['Editor'], { needsConsent: true }),
};

let server: TestServer;
let jwks: http.Server;
let host: TeamsHost;
let browser: Browser;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
const minted = new Map<string, string[]>();

async function mint(p: Person): Promise<string> {
  const token = await new SignJWT({
    tid: p.tid,
    oid: p.oid,
    name: p.name,
    preferred_username: p.upn,
    roles: p.roles,
    scp: 'access_as_user',
    ver: '2.0',
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })
    .setIssuer(`${AUTHORITY}/${p.tid}/v2.0`)
    .setAudience(APP_ID_URI)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(p.forged ? strangerKey : signingKey);
  minted.set(p.as, [...(minted.get(p.as) ?? []), token]);
  return token;
}

async function tokenFor(as: string, consented: boolean): Promise<TokenAnswer> {
  const p = PEOPLE[as];
  if (!p) return { ok: false, reason: 'unknown user' };
  // What Teams answers when the app has no consent yet (tab-sso-code: "resourceRequiresConsent").
  if (p.needsConsent && !consented) return { ok: false, reason: 'resourceRequiresConsent' };
  return { ok: true, token: await mint(p) };
}

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' };
  jwks = http.createServer((_req, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [publicJwk] })));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({
    BOT_ENABLED: 'false',
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_TENANT_ID: TENANT,
    ENTRA_APP_ID_URI: APP_ID_URI,
    ENTRA_JWKS_URI: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/${TENANT}/discovery/v2.0/keys`,
  });
  host = await startTeamsHost({ tabServer: server.url, token: tokenFor });
  browser = await launchChromium(teamsHostArgs(host));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.dispose();
  await new Promise((resolve) => jwks?.close(resolve));
});

interface Opened {
  page: Page;
  tab: ReturnType<Page['frameLocator']>;
  /** Every request the tab made to the API. */
  apiRequests: Request[];
  errors: string[];
}

async function openInTeams(as: string, tabPath = '/tab/'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE', ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const apiRequests: Request[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => r.url().startsWith(`${host.tabOrigin}/api/`) && apiRequests.push(r));
  await page.goto(host.pageUrl(tabPath, PEOPLE[as]!));
  return { page, tab: page.frameLocator('#tab'), apiRequests, errors };
}

const hostLog = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { teamsHost: { log: { func: string; args: unknown[] }[]; authenticateUrls: string[] } }).teamsHost,
  );

describeInChromium('the tab signs in with Teams SSO (AUTH_MODE=entra)', { timeout: 90_000 }, () => {
  it('sends the Teams token as a bearer header on every API call and shows the DPO, who can assess', async () => {
    const { page, tab, apiRequests, errors } = await openInTeams('dpo', '/tab/control-points/6');
    const identity = tab.getByLabel('Inloggad som Dana Dataskydd');
    await identity.waitFor();
    await expect(identity.textContent()).resolves.toContain('Dataskyddsombud');
    const form = tab.getByTestId('assessment-form');
    await form.getByRole('radio', { name: '2 · Nivå 2 av 5' }).check();
    await form.getByRole('textbox', { name: 'Kommentar' }).fill('Bedömd inifrån Teams med SSO.');
    await form.getByRole('button', { name: 'Spara bedömning' }).click();
    await tab.getByTestId('assessments').getByText('Bedömd inifrån Teams med SSO.').waitFor();
    await screenshot(page, 'sso-dpo-assessed');

    // The server recorded the token's person as the assessor.
    const detail = (await (
      await server.call(null, 'GET', '/api/control-points/6', undefined, { Authorization: `Bearer ${minted.get('dpo')!.at(-1)}` })
    ).json()) as {
      assessmentsByYear: { assessments: { assessedBy: string; assessedByName: string; comment: string }[] }[];
    };
    const mine = detail.assessmentsByYear.flatMap((y) => y.assessments).find((a) => a.comment === 'Bedömd inifrån Teams med SSO.');
    expect(mine).toMatchObject({ assessedBy: PEOPLE.dpo!.oid, assessedByName: 'Dana Dataskydd' });

    const tokens = new Set(minted.get('dpo'));
    const calls = apiRequests.filter((r) => !r.url().endsWith('/api/session'));
    expect(calls.length).toBeGreaterThan(2);
    for (const r of calls) {
      const bearer = /^Bearer (.+)$/.exec((await r.allHeaders()).authorization ?? '')?.[1];
      expect(bearer && tokens.has(bearer), `${r.method()} ${r.url()} carries a Teams token`).toBe(true);
      expect(r.url()).not.toContain(bearer!);
      expect((await r.allHeaders())['x-local-user']).toBeUndefined();
    }
    expect(calls.some((r) => r.method() === 'POST')).toBe(true);
    // Teams' token is kept, not asked for on every call.
    expect((await hostLog(page)).log.filter((m) => m.func === 'authentication.getAuthToken').length).toBeLessThan(calls.length);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a person without an app role as a reader who cannot assess', async () => {
    const { page, tab, errors } = await openInTeams('reader', '/tab/control-points/6');
    await tab.getByTestId('read-only').waitFor();
    await expect(tab.getByLabel('Inloggad som Rasmus Läsare').textContent()).resolves.toContain('Läsare');
    expect(await tab.getByTestId('assessment-form').count()).toBe(0);
    await screenshot(page, 'sso-reader');
    const refused = await server.call(
      null,
      'POST',
      '/api/control-points/6/assessments',
      { level: 3, comment: 'Får jag?' },
      {
        Authorization: `Bearer ${minted.get('reader')!.at(-1)}`,
      },
    );
    expect(refused.status).toBe(403);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('asks Teams once more after a 401, then shows the server’s refusal of a forged token', async () => {
    const { page, tab, apiRequests } = await openInTeams('forged');
    const alert = tab.getByRole('alert').filter({ hasText: 'Du är inte inloggad, eller så är din identitet okänd.' });
    await alert.first().waitFor();
    await screenshot(page, 'sso-forged');
    expect(await tab.locator('[data-testid="board"] [role="listitem"]').count()).toBe(0);
    const meCalls = apiRequests.filter((r) => r.url().endsWith('/api/me'));
    expect(meCalls.length).toBe(2); // the first answer 401 → a fresh token → 401 again, and no more
    const asked = (await hostLog(page)).log.filter((m) => m.func === 'authentication.getAuthToken').length;
    expect(asked).toBeGreaterThanOrEqual(2);
    // Not a lost connection, and the board is not polled on with a token the server refuses.
    expect(await tab.getByText('Ingen kontakt med servern – försöker igen').count()).toBe(0);
    const boardCalls = apiRequests.filter((r) => r.url().endsWith('/api/board')).length;
    expect(boardCalls).toBe(2);
    await page.waitForTimeout(3000);
    expect(apiRequests.filter((r) => r.url().endsWith('/api/board')).length).toBe(boardCalls);
    await page.context().close();
  });

  it('asks for consent through authentication.authenticate when Teams has none, then signs in', async () => {
    const { page, tab, errors } = await openInTeams('consent');
    const bar = tab.getByTestId('consent-bar');
    await bar.getByText('DPO Board behöver ditt godkännande').waitFor();
    await screenshot(page, 'sso-consent-needed');
    expect((await hostLog(page)).authenticateUrls).toEqual([]);
    await bar.getByRole('button', { name: 'Godkänn och logga in' }).click();
    await tab.getByLabel('Inloggad som Cecilia Ny').waitFor();
    await expect(tab.getByLabel('Inloggad som Cecilia Ny').textContent()).resolves.toContain('Redaktör');
    await tab.locator('[data-testid="board"] [role="listitem"]').first().waitFor();
    expect(await bar.count()).toBe(0);
    const log = await hostLog(page);
    expect(log.authenticateUrls).toEqual([`${host.tabOrigin}/tab/auth-start`]);
    const authenticate = log.log.find((m) => m.func === 'authentication.authenticate')!;
    expect(authenticate.args.slice(1, 3)).toEqual([600, 535]); // the pop-up's size
    // The pop-up: auth-start sent the person to Entra to consent, auth-end told Teams it succeeded.
    expect(host.authorizeRequests).toHaveLength(1);
    const authorize = host.authorizeRequests[0]!;
    expect(authorize.pathname).toBe(`/${TENANT}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${host.tabOrigin}/tab/auth-end`,
      scope: `openid profile ${APP_ID_URI}/access_as_user`,
      prompt: 'consent',
      code_challenge_method: 'S256',
      login_hint: PEOPLE.consent!.upn,
    });
    expect(log.log.filter((m) => m.func.startsWith('popup:')).map((m) => m.func)).toEqual([
      'popup:initialize',
      'popup:getContext', // auth-start
      'popup:initialize',
      'popup:authentication.authenticate.success', // auth-end
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('serves the consent pop-up pages, and /api/session names only the public app values', async () => {
    for (const name of ['auth-start', 'auth-end']) {
      const res = await fetch(`${server.url}/tab/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toContain('<script type="module"');
    }
    const session = await (await fetch(`${server.url}/api/session`)).json();
    expect(session).toEqual({
      authMode: 'entra',
      entra: { clientId: CLIENT_ID, tenantId: TENANT, appIdUri: APP_ID_URI, authorityHost: AUTHORITY },
    });
  });
});

/**
 * On-behalf-of writes (GRAPH_ON_BEHALF_OF=true): the API, composed as in production
 * (createApp with AUTH_MODE=entra, STORE=sharepoint), takes a person's Teams SSO token, and
 * @azure/msal-node's one ConfidentialClientApplication exchanges it for a delegated Graph token
 * (acquireTokenOnBehalfOf, token cache used); the SharePoint writes carry that token, so the
 * local Graph test server records the person as "Created by"/"Modified by", while reads and
 * background work stay app-only.
 *  - Entra ID is stood in for by MSAL's network seam answering the documented token responses:
 *    https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 *    https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 *  - SSO tokens are signed here and their keys served from a local JWKS endpoint.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ChangeFeed } from '../../src/changes/change-feed.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { MsalAppTokenProvider } from '../../src/graph/auth.js';
import { GraphApi } from '../../src/graph/client.js';
import { createApp } from '../../src/server.js';
import { seedContext } from '../../src/store/open.js';
import { readSeedFile } from '../../src/store/seed.js';
import { provisionLists } from '../../src/store/sharepoint/provision.js';
import { SharePointData } from '../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../src/store/sharepoint/open.js';
import type { SharePointStore } from '../../src/store/sharepoint/sharepoint-store.js';
import { tempDataDir } from '../helpers/server.js';
import { APP_IDENTITY, GraphTestServer, type Identity } from './graph-test-server.js';
import { fetchTrusting, testCert } from './tls.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT_ID = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const HOST = 'https://login.microsoftonline.com';
const DANA = { oid: 'd0d0d0d0-1111-4222-8333-444444444444', name: 'Dana Dataskydd', roles: ['DPO'] };
const ERIK = { oid: 'e0e0e0e0-1111-4222-8333-444444444444', name: 'Erik Editor', roles: ['Editor'] };
const NOCONSENT = { oid: 'f0f0f0f0-1111-4222-8333-444444444444', name: 'Nils Nysamtycke', roles: ['DPO'] };

interface EntraCall {
  grant: string | null;
  assertion: string | null;
  requestedTokenUse: string | null;
  scope: string | null;
  secret: string | null;
}

/** Microsoft Entra ID's token endpoint through MSAL's network seam. */
function fakeEntra(graph: GraphTestServer, people: Map<string, Identity>, refused: Set<string>) {
  const calls: EntraCall[] = [];
  const json = <T>(body: unknown, status = 200): NetworkResponse<T> => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: body as T,
  });
  const network: INetworkModule = {
    async sendGetRequestAsync<T>(url: string) {
      if (url.includes('discovery/instance')) {
        return json<T>({
          tenant_discovery_endpoint: `${HOST}/${TENANT}/v2.0/.well-known/openid-configuration`,
          metadata: [
            {
              preferred_network: 'login.microsoftonline.com',
              preferred_cache: 'login.windows.net',
              aliases: ['login.microsoftonline.com', 'login.windows.net'],
            },
          ],
        });
      }
      return json<T>({
        token_endpoint: `${HOST}/${TENANT}/oauth2/v2.0/token`,
        authorization_endpoint: `${HOST}/${TENANT}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${HOST}/${TENANT}/oauth2/v2.0/logout`,
        issuer: `${HOST}/${TENANT}/v2.0`,
        jwks_uri: `${HOST}/${TENANT}/discovery/v2.0/keys`,
      });
    },
    async sendPostRequestAsync<T>(_url: string, options?: { body?: string }) {
      const form = new URLSearchParams(options?.body ?? '');
      const call: EntraCall = {
        grant: form.get('grant_type'),
        assertion: form.get('assertion'),
        requestedTokenUse: form.get('requested_token_use'),
        scope: form.get('scope'),
        secret: form.get('client_secret'),
      };
      calls.push(call);
      if (call.grant === 'client_credentials')
        return json<T>({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: graph.token });
      const person = call.assertion ? people.get(call.assertion) : undefined;
      if (call.grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || call.requestedTokenUse !== 'on_behalf_of' || !person) {
        return json<T>({ error: 'invalid_request', error_description: 'AADSTS50027: Invalid JWT token.', error_codes: [50027] }, 400);
      }
      if (refused.has(person.id)) {
        // The documented answer when the admin has not consented to the delegated permission.
        return json<T>(
          {
            error: 'invalid_grant',
            error_description:
              "AADSTS65001: The user or administrator has not consented to use the application with ID '" + CLIENT_ID + "'.",
            error_codes: [65001],
            suberror: 'consent_required',
          },
          400,
        );
      }
      return json<T>({
        token_type: 'Bearer',
        scope: 'https://graph.microsoft.com/Sites.Selected https://graph.microsoft.com/User.Read',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: graph.personToken(person),
        refresh_token: 'not-a-real-refresh-token',
      });
    },
  };
  return { network, calls };
}

describe('Graph on behalf of the signed-in person (GRAPH_ON_BEHALF_OF=true)', () => {
  let graphServer: GraphTestServer;
  let jwks: http.Server;
  let api: http.Server;
  let apiUrl: string;
  let store: SharePointStore;
  /** The store's Graph client, which on-behalf-of and the role directory share. */
  let storeGraph: GraphApi;
  let feed: ChangeFeed;
  let signingKey: CryptoKey;
  let dataDir: string;
  let baseEnv: Record<string, string>;
  let entra: ReturnType<typeof fakeEntra>;
  const people = new Map<string, Identity>();
  const refused = new Set<string>();

  async function ssoToken(p: { oid: string; name: string; roles: string[] }): Promise<string> {
    const token = await new SignJWT({
      tid: TENANT,
      oid: p.oid,
      name: p.name,
      roles: p.roles,
      preferred_username: `${p.oid}@example.org`,
      ver: '2.0',
      scp: 'access_as_user',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })
      .setIssuer(`${HOST}/${TENANT}/v2.0`)
      .setAudience(CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(signingKey);
    people.set(token, { id: p.oid, displayName: p.name });
    return token;
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));

    graphServer = await new GraphTestServer({ pageSize: 200 }).start();
    entra = fakeEntra(graphServer, people, refused);
    const tokens = new MsalAppTokenProvider({
      tenantId: TENANT,
      clientId: CLIENT_ID,
      clientSecret: 'not-a-real-secret',
      resource: 'https://graph.microsoft.com',
      networkClient: entra.network,
    });
    const graph = new GraphApi({
      baseUrl: graphServer.url,
      tokens,
      fetch: fetchTrusting(testCert().cert),
      retry: { baseDelayMs: 5, timeoutMs: 10_000 },
    });
    await provisionLists(graph, graphServer.siteUrl, DEFAULT_SCALE);
    storeGraph = graph;
    store = sharePointOn(new SharePointData({ graph, site: graphServer.siteUrl, scale: DEFAULT_SCALE, onProblem: () => {} })).store;
    await store.importSeed(readSeedFile(), seedContext());

    dataDir = tempDataDir();
    baseEnv = {
      NODE_ENV: 'test',
      BOT_ENABLED: 'false',
      DATA_DIR: dataDir,
      STORE: 'sharepoint',
      SHAREPOINT_SITE_URL: graphServer.siteUrl,
      GRAPH_BASE_URL: graphServer.url,
      GRAPH_TENANT_ID: TENANT,
      GRAPH_CLIENT_ID: CLIENT_ID,
      GRAPH_CLIENT_SECRET: 'not-a-real-secret',
      GRAPH_ON_BEHALF_OF: 'true',
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_TENANT_ID: TENANT,
      ENTRA_JWKS_URI: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`,
    };
    const config = loadConfig(baseEnv);
    expect(config.authMode).toBe('entra');
    expect(config.graphOnBehalfOf).toBe(true);
    feed = new ChangeFeed(store);
    api = http.createServer(createApp(config, { store, graph: storeGraph }, feed));
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    api?.closeAllConnections();
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
    await graphServer.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${apiUrl}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  const latest = (list: string) => graphServer.items(list).sort((a, b) => b.id - a.id)[0]!;
  const oboCalls = () => entra.calls.filter((c) => c.requestedTokenUse === 'on_behalf_of');

  it('writes an assessment as the person: SharePoint records them on the item and on its change record', async () => {
    const dana = await ssoToken(DANA);
    const from = graphServer.requests.length;
    const res = await call('POST', '/control-points/1/assessments', dana, { level: 3, comment: 'Bedömd i Teams' });
    expect(res.status).toBe(201);
    const item = latest('DPO Bedömningar');
    expect(item.fields.Comment ?? JSON.stringify(item.fields)).toContain('Bedömd i Teams');
    expect(item.createdBy).toEqual({ id: DANA.oid, displayName: DANA.name });
    expect(latest('DPO Ändringslogg').createdBy).toEqual({ id: DANA.oid, displayName: DANA.name });

    const sent = graphServer.requests.slice(from);
    const writes = sent.filter((r) => r.method !== 'GET' && !r.path.startsWith('/$batch'));
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.every((r) => r.caller === DANA.oid)).toBe(true);
    const reads = sent.filter((r) => r.method === 'GET' || r.path.startsWith('/$batch'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.caller === APP_IDENTITY.id)).toBe(true);

    // The exchange Entra ID saw: the SSO token as the assertion, for the delegated Sites.Selected, with the app's secret.
    expect(oboCalls()).toHaveLength(1);
    expect(oboCalls()[0]).toMatchObject({
      grant: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: dana,
      secret: 'not-a-real-secret',
    });
    expect(oboCalls()[0]!.scope!.split(' ')).toContain('https://graph.microsoft.com/Sites.Selected');
  });

  it('serves the person\'s next write from MSAL\'s token cache and records them as "Modified by"', async () => {
    const erik = await ssoToken(ERIK);
    const created = await call('POST', '/control-points/2/activities', erik, {
      text: 'Uppdatera registerförteckningen',
      state: 'planned',
      dueFrom: null,
      dueTo: null,
      workPackage: null,
    });
    expect(created.status).toBe(201);
    const activity = (await created.json()) as { id: number; version: number };
    const before = oboCalls().length;
    const patched = await call('PATCH', `/activities/${activity.id}`, erik, { state: 'ongoing', version: activity.version });
    expect(patched.status).toBe(200);
    expect(oboCalls().length).toBe(before);
    const item = graphServer.list('DPO Aktiviteter').items.get(activity.id)!;
    expect(item.createdBy.id).toBe(ERIK.oid);
    expect(item.modifiedBy).toEqual({ id: ERIK.oid, displayName: ERIK.name });
  });

  it('reads with the app token only, without an exchange', async () => {
    const dana = await ssoToken(DANA);
    const before = oboCalls().length;
    const from = graphServer.requests.length;
    const res = await call('GET', '/board', dana);
    expect(res.status).toBe(200);
    expect(oboCalls().length).toBe(before);
    expect(graphServer.requests.slice(from).every((r) => r.caller === APP_IDENTITY.id)).toBe(true);
  });

  it('keeps writes without a person (the bot, the seed) app-only', async () => {
    await store.addStatusUpdate(
      { unitId: 'intraservice', year: 2023, controlPoint: 3, statusDate: '2024-02-01', text: 'Från boten', unitLevel: null },
      {
        actor: { id: 'bot-user', displayName: 'Via Teams', roles: ['editor'], grants: [{ role: 'editor' as const, units: '*' as const }] },
        source: 'bot',
        now: new Date(),
      },
    );
    expect(latest('DPO Statusuppdateringar').createdBy).toEqual(APP_IDENTITY);
  });

  it('answers 401 and writes nothing when Entra ID refuses the exchange (consent missing)', async () => {
    refused.add(NOCONSENT.oid);
    const token = await ssoToken(NOCONSENT);
    const count = graphServer.items('DPO Bedömningar').length;
    const res = await call('POST', '/control-points/1/assessments', token, { level: 2, comment: '' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect(graphServer.items('DPO Bedömningar').length).toBe(count);
  });

  it("with ENTRA_ROLE_GROUPS the tab gets the group roles too, added to the token's app roles", async () => {
    const d = graphServer.directory;
    const dpoGroup = d.addGroup('Dataskyddsombud');
    const editors = d.addGroup('Redaktörer', [d.addGroup('Alla redaktörer')]);
    const gunnel = { oid: 'a0a0a0a0-1111-4222-8333-444444444444', name: 'Gunnel Grupp', roles: [] as string[] };
    const olle = { oid: 'b0b0b0b0-1111-4222-8333-444444444444', name: 'Olle Ohörd', roles: [] as string[] };
    d.addUser(gunnel.name, [dpoGroup], gunnel.oid);
    d.addUser(olle.name, [], olle.oid);
    d.addUser(ERIK.name, [editors], ERIK.oid);
    const config = loadConfig({ ...baseEnv, ENTRA_ROLE_GROUPS: `DPO=${dpoGroup},Editor=${editors}` });
    const app = http.createServer(createApp(config, { store, graph: storeGraph }, feed));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const me = async (p: typeof gunnel) => {
        const res = await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/me`, {
          headers: { Authorization: `Bearer ${await ssoToken(p)}` },
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { roles: string[] }).roles;
      };
      expect(await me(gunnel)).toEqual(['dpo']);
      expect(await me(olle)).toEqual(['reader']);
      expect(await me({ ...ERIK, roles: ['CISO'] })).toEqual(['ciso', 'editor']);
      const from = graphServer.requests.length;
      expect(await me(gunnel)).toEqual(['dpo']); // cached
      expect(graphServer.requests.slice(from).filter((r) => r.path.includes('checkMemberGroups'))).toHaveLength(0);
    } finally {
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});

/** The settings of the bot's Entra roles (ENTRA_ROLE_*) and of on-behalf-of writes (GRAPH_ON_BEHALF_OF*). */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const ENTRA = { ENTRA_CLIENT_ID: CLIENT, ENTRA_TENANT_ID: TENANT, BOT_ENABLED: 'false' };
const GRAPH = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: 'not-a-real-secret' };
const SHAREPOINT = { STORE: 'sharepoint', SHAREPOINT_SITE_URL: 'https://contoso.sharepoint.com/sites/dpo', ...GRAPH };
const g = () => crypto.randomUUID();

describe('Entra roles for the bot', () => {
  it('reads app role assignments through the GRAPH_* app with STORE=sqlite, cached 5 minutes by default', () => {
    const config = loadConfig({ ...ENTRA, ...GRAPH });
    expect(config.authMode).toBe('entra');
    expect(config.directory).toMatchObject({ appId: CLIENT, roleGroups: undefined, cacheTtlMs: 300_000 });
    expect(config.directory!.graph.auth).toMatchObject({ kind: 'app', tenantId: TENANT, clientId: CLIENT });
  });

  it('uses the SharePoint store’s Graph settings with STORE=sharepoint, and has none without Graph credentials', () => {
    expect(loadConfig({ ...ENTRA, ...SHAREPOINT, ENTRA_ROLE_CACHE_SECONDS: '60' }).directory).toMatchObject({ cacheTtlMs: 60_000 });
    expect(loadConfig({ ...ENTRA }).directory).toBeUndefined();
    expect(loadConfig({ ...GRAPH }).directory).toBeUndefined(); // AUTH_MODE=local
  });

  it('parses groups per role and refuses a wrong one', () => {
    const [a, b, c] = [g(), g(), g()];
    const config = loadConfig({ ...ENTRA, ...GRAPH, ENTRA_ROLE_GROUPS: `DPO=${a}, Editor=${b},Editor=${c.toUpperCase()}` });
    expect(config.directory!.roleGroups).toEqual({ DPO: [a], Editor: [b, c] });
    expect(() => loadConfig({ ...ENTRA, ...GRAPH, ENTRA_ROLE_GROUPS: `Owner=${a}` })).toThrow(/ENTRA_ROLE_GROUPS: "Owner=/);
    expect(() => loadConfig({ ...ENTRA, ...GRAPH, ENTRA_ROLE_GROUPS: 'DPO=dpo-group' })).toThrow(ConfigError);
    const many = Array.from({ length: 21 }, () => `Editor=${g()}`).join(',');
    expect(() => loadConfig({ ...ENTRA, ...GRAPH, ENTRA_ROLE_GROUPS: many })).toThrow(/at most 20 groups/);
    expect(() => loadConfig({ ...ENTRA, ENTRA_ROLE_GROUPS: `DPO=${a}` })).toThrow(/needs Graph credentials/);
  });
});

describe('on-behalf-of writes', () => {
  it('is off by default and asks for the delegated Sites.Selected when on', () => {
    expect(loadConfig({ ...ENTRA, ...SHAREPOINT }).graphOnBehalfOf).toBe(false);
    const on = loadConfig({ ...ENTRA, ...SHAREPOINT, GRAPH_ON_BEHALF_OF: 'true' });
    expect(on.graphOnBehalfOf).toBe(true);
    expect(on.graphOnBehalfOfScopes).toEqual(['Sites.Selected']);
    expect(
      loadConfig({ ...ENTRA, ...SHAREPOINT, GRAPH_ON_BEHALF_OF: 'true', GRAPH_ON_BEHALF_OF_SCOPES: 'Sites.ReadWrite.All, User.Read' })
        .graphOnBehalfOfScopes,
    ).toEqual(['Sites.ReadWrite.All', 'User.Read']);
  });

  it('refuses what cannot work: no SSO, no SharePoint, a static token, another app than the SSO app', () => {
    expect(() => loadConfig({ ...SHAREPOINT, GRAPH_ON_BEHALF_OF: 'true' })).toThrow(/needs AUTH_MODE=entra and STORE=sharepoint/);
    expect(() => loadConfig({ ...ENTRA, ...GRAPH, GRAPH_ON_BEHALF_OF: 'true' })).toThrow(/needs AUTH_MODE=entra and STORE=sharepoint/);
    const { GRAPH_CLIENT_ID: _id, GRAPH_CLIENT_SECRET: _secret, GRAPH_TENANT_ID: _tenant, ...site } = SHAREPOINT;
    expect(() => loadConfig({ ...ENTRA, ...site, GRAPH_TOKEN: 'eyJ.x.y', GRAPH_ON_BEHALF_OF: 'true' })).toThrow(/not GRAPH_TOKEN/);
    expect(() => loadConfig({ ...ENTRA, ...SHAREPOINT, GRAPH_CLIENT_ID: g(), GRAPH_ON_BEHALF_OF: 'true' })).toThrow(
      /GRAPH_CLIENT_ID to be the SSO app/,
    );
  });
});

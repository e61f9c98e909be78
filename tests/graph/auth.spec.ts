/**
 * App-only tokens with @azure/msal-node's ConfidentialClientApplication: one application
 * object, its token cache serving repeated requests (one token request to Microsoft Entra ID
 * for many Graph calls), the client-credentials grant with the `.default` scope of the Graph
 * root. Entra ID is stood in for by MSAL's own network-module seam, answering the documented
 * OpenID metadata and token responses
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 */
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { MsalAppTokenProvider, StaticTokenProvider } from '../../src/graph/auth.js';
import { createTokenProvider } from '../../src/graph/factory.js';

const TENANT = '11111111-2222-3333-4444-555555555555';

function fakeEntra() {
  const calls: { method: string; url: string; body?: string }[] = [];
  let issued = 0;
  const ok = <T>(body: unknown): NetworkResponse<T> => ({ status: 200, headers: { 'content-type': 'application/json' }, body: body as T });
  const network: INetworkModule = {
    async sendGetRequestAsync<T>(url: string) {
      calls.push({ method: 'GET', url });
      if (url.includes('discovery/instance')) {
        return ok<T>({
          tenant_discovery_endpoint: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
          metadata: [
            {
              preferred_network: 'login.microsoftonline.com',
              preferred_cache: 'login.windows.net',
              aliases: ['login.microsoftonline.com', 'login.windows.net'],
            },
          ],
        });
      }
      return ok<T>({
        token_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
        authorization_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`,
        end_session_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/logout`,
        issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        jwks_uri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      });
    },
    async sendPostRequestAsync<T>(url: string, options?: { body?: string }) {
      calls.push({ method: 'POST', url, ...(options?.body ? { body: options.body } : {}) });
      issued += 1;
      return ok<T>({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `app-token-${issued}` });
    },
  };
  return { network, calls };
}

describe('Graph token providers', () => {
  it('gets an app-only token with the client secret once and serves later calls from the cache', async () => {
    const entra = fakeEntra();
    const provider = new MsalAppTokenProvider({
      tenantId: TENANT,
      clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      clientSecret: 'not-a-real-secret',
      resource: 'https://graph.microsoft.com',
      networkClient: entra.network,
    });
    const tokens = await Promise.all([provider.getToken(), provider.getToken()]).then(async (first) => [
      ...first,
      await provider.getToken(),
      await provider.getToken(),
    ]);
    expect(new Set(tokens)).toEqual(new Set(['app-token-1']));
    const posts = entra.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url.split('?')[0]).toBe(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`);
    const form = new URLSearchParams(posts[0]!.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toContain('https://graph.microsoft.com/.default');
    expect(form.get('client_secret')).toBe('not-a-real-secret');
    expect(provider.description).not.toContain('not-a-real-secret');
  });

  it('uses the national cloud of the base URL as the token audience', () => {
    const provider = createTokenProvider(
      { kind: 'app', tenantId: TENANT, clientId: 'c', clientSecret: 's', authorityHost: 'https://login.microsoftonline.us' },
      'https://graph.microsoft.us/v1.0',
    );
    expect(provider).toBeInstanceOf(MsalAppTokenProvider);
    expect(createTokenProvider({ kind: 'token', token: 'from-graph-explorer' }, 'https://graph.microsoft.com/v1.0')).toBeInstanceOf(
      StaticTokenProvider,
    );
  });

  it('a static token is handed out as it is', async () => {
    expect(await new StaticTokenProvider('eyJ0eXAi.x.y').getToken()).toBe('eyJ0eXAi.x.y');
  });
});

/** Builds the Graph client from the settings: the token provider is created once per process and reused. */
import type { GraphAuthSettings } from '../config.js';
import { MsalAppTokenProvider, StaticTokenProvider, type TokenProvider } from './auth.js';
import { GraphApi } from './client.js';
import type { FetchLike, RetryPolicy } from './middleware.js';

export interface GraphClientSettings {
  graphBaseUrl: string;
  auth: GraphAuthSettings;
  timeoutMs: number;
}

export function createTokenProvider(auth: GraphAuthSettings, graphBaseUrl: string): TokenProvider {
  if (auth.kind === 'token') return new StaticTokenProvider(auth.token);
  return new MsalAppTokenProvider({
    tenantId: auth.tenantId,
    clientId: auth.clientId,
    ...(auth.clientSecret ? { clientSecret: auth.clientSecret } : {}),
    ...(auth.certificate ? { certificate: auth.certificate } : {}),
    authorityHost: auth.authorityHost,
    // The token's audience is the Graph root of the base URL (https://graph.microsoft.com, a national cloud...).
    resource: new URL(graphBaseUrl).origin,
  });
}

export function createGraphApi(
  settings: GraphClientSettings,
  extra: { tokens?: TokenProvider; fetch?: FetchLike; retry?: Partial<RetryPolicy> } = {},
): GraphApi {
  return new GraphApi({
    baseUrl: settings.graphBaseUrl,
    tokens: extra.tokens ?? createTokenProvider(settings.auth, settings.graphBaseUrl),
    retry: { timeoutMs: settings.timeoutMs, ...extra.retry },
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
  });
}

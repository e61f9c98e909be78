/**
 * Token providers for Microsoft Graph. The store asks a TokenProvider for a bearer token
 * before every request; the provider decides where it comes from:
 *  - app-only with @azure/msal-node's ConfidentialClientApplication (client secret or
 *    certificate), created once and reused so its in-memory token cache serves every call;
 *  - a static token (GRAPH_TOKEN), e.g. one copied from Graph Explorer to try a tenant.
 * The on-behalf-of provider (src/graph/on-behalf-of.ts) implements the same interface with the
 * same ConfidentialClientApplication, so SharePoint's "Modified by" shows the real person.
 */
import fs from 'node:fs';
import { ConfidentialClientApplication, type Configuration, type INetworkModule } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

export interface TokenProvider {
  /** A bearer token for Microsoft Graph, fresh enough for the next request. */
  getToken(): Promise<string>;
  /** What the token stands for, for logs (never the token itself). */
  readonly description: string;
}

export class StaticTokenProvider implements TokenProvider {
  readonly description = 'static token (GRAPH_TOKEN)';
  constructor(private readonly token: string) {}
  async getToken(): Promise<string> {
    return this.token;
  }
}

export interface AppCredentials {
  tenantId: string;
  clientId: string;
  /** A client secret, or a certificate (PEM private key + SHA-256 thumbprint of the certificate). */
  clientSecret?: string;
  certificate?: { privateKeyFile: string; thumbprintSha256: string; x5cFile?: string };
  /** Microsoft Entra authority host, e.g. https://login.microsoftonline.us for a national cloud. */
  authorityHost?: string;
  /** The Graph resource the token is for, e.g. https://graph.microsoft.com. */
  resource: string;
  /** MSAL's HTTP client; its default unless a test stands in for Microsoft Entra ID. */
  networkClient?: INetworkModule;
}

/** App-only tokens via the client-credentials flow; one ConfidentialClientApplication for the process. */
export class MsalAppTokenProvider implements TokenProvider {
  readonly description: string;
  /** The process's one MSAL application; its token cache also holds the on-behalf-of tokens. */
  readonly app: ConfidentialClientApplication;
  /** The `.default` scope of the Graph root (app-only). */
  readonly scopes: string[];
  /** The Graph root the tokens are for, e.g. https://graph.microsoft.com. */
  readonly resource: string;

  constructor(credentials: AppCredentials) {
    this.app = new ConfidentialClientApplication(msalConfiguration(credentials));
    this.resource = credentials.resource.replace(/\/$/, '');
    this.scopes = [`${this.resource}/.default`];
    this.description = `app-only (client ${credentials.clientId}, tenant ${credentials.tenantId})`;
  }

  private inflight: Promise<string> | undefined;

  /** Concurrent callers share one request; later ones are served from MSAL's token cache. */
  getToken(): Promise<string> {
    this.inflight ??= this.acquire().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async acquire(): Promise<string> {
    // acquireTokenByClientCredential serves from the application's token cache until the token nears expiry.
    const result = await this.app.acquireTokenByClientCredential({ scopes: this.scopes });
    if (!result?.accessToken) throw new Error('Microsoft Entra ID returned no access token for Graph');
    return result.accessToken;
  }
}

function msalConfiguration(c: AppCredentials): Configuration {
  const config = authConfiguration(c);
  return c.networkClient ? { ...config, system: { networkClient: c.networkClient } } : config;
}

function authConfiguration(c: AppCredentials): Configuration {
  const authority = `${(c.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/$/, '')}/${c.tenantId}`;
  if (c.certificate) {
    const privateKey = fs.readFileSync(c.certificate.privateKeyFile, 'utf8');
    const x5c = c.certificate.x5cFile ? fs.readFileSync(c.certificate.x5cFile, 'utf8') : undefined;
    return {
      auth: {
        clientId: c.clientId,
        authority,
        clientCertificate: { thumbprintSha256: c.certificate.thumbprintSha256, privateKey, ...(x5c ? { x5c } : {}) },
      },
    };
  }
  if (!c.clientSecret) throw new Error('app-only Graph auth needs a client secret or a certificate');
  return { auth: { clientId: c.clientId, authority, clientSecret: c.clientSecret } };
}

/** Adapts a TokenProvider to the Graph SDK's AuthenticationProvider. */
export function toAuthenticationProvider(provider: TokenProvider): AuthenticationProvider {
  return { getAccessToken: () => provider.getToken() };
}

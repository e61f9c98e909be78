/**
 * Graph tokens for the signed-in person: the OAuth 2.0 on-behalf-of flow with the same
 * @azure/msal-node ConfidentialClientApplication the app-only provider holds (one per process).
 * The incoming Teams SSO token (audience: this app) is exchanged for a delegated Graph token,
 * so writes to SharePoint are made - and recorded in "Created by"/"Modified by" - as the person.
 * MSAL keeps on-behalf-of tokens in the application's token cache keyed by the assertion, so a
 * person's repeated writes within the token's lifetime cost no further request to Entra ID.
 * The delegated permissions are asked for by name (e.g. Sites.Selected), not with `.default`:
 * MSAL finds a cached token by the scopes it was granted for, which a `.default` request never
 * names, so only named scopes let the cache serve the next write.
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 * https://learn.microsoft.com/en-us/entra/msal/javascript/node/acquire-token-requests (acquireTokenOnBehalfOf)
 */
import type { ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { DomainError } from '../domain/errors.js';
import type { MsalAppTokenProvider, TokenProvider } from './auth.js';

/**
 * Entra ID answers that mean the person must sign in again or consent first (not a server fault).
 * MSAL is imported here, lazily: this module is loaded by the server in every mode, MSAL only where it is used.
 */
async function needsTheUser(error: unknown): Promise<boolean> {
  const { InteractionRequiredAuthError, ServerError } = await import('@azure/msal-node');
  if (error instanceof InteractionRequiredAuthError) return true;
  return error instanceof ServerError && ['invalid_grant', 'interaction_required', 'consent_required'].includes(error.errorCode);
}

/**
 * The app-only provider that can exchange a person's token (an MsalAppTokenProvider: its MSAL application and
 * resource), found by what it holds so that the server need not load MSAL to ask; undefined for any other provider.
 */
export function delegatingProvider(tokens: TokenProvider | undefined): MsalAppTokenProvider | undefined {
  const candidate = tokens as Partial<MsalAppTokenProvider> | undefined;
  const canExchange = typeof candidate?.app?.acquireTokenOnBehalfOf === 'function' && typeof candidate.resource === 'string';
  return canExchange ? (candidate as MsalAppTokenProvider) : undefined;
}

export class OnBehalfOfTokenProvider implements TokenProvider {
  readonly description: string;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly app: ConfidentialClientApplication,
    private readonly scopes: string[],
    private readonly assertion: string,
    who = 'the signed-in person',
  ) {
    this.description = `on behalf of ${who}`;
  }

  getToken(): Promise<string> {
    this.inflight ??= this.acquire().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async acquire(): Promise<string> {
    try {
      // Served from the application's token cache (keyed by the assertion) until the token nears expiry.
      const result = await this.app.acquireTokenOnBehalfOf({ oboAssertion: this.assertion, scopes: this.scopes });
      if (!result?.accessToken) throw new Error('Microsoft Entra ID returned no on-behalf-of token for Graph');
      return result.accessToken;
    } catch (error) {
      if (await needsTheUser(error)) {
        console.warn(
          `Graph on-behalf-of refused (${(error as ServerError).errorCode}): the person must sign in again or the admin must consent`,
        );
        throw new DomainError('unauthenticated');
      }
      throw error;
    }
  }
}

/**
 * A per-request provider for the person whose SSO token is `assertion`; the MSAL application
 * (and its token cache) is the app-only provider's. `permissions` are delegated Graph
 * permissions by name, e.g. ['Sites.Selected'].
 */
export function onBehalfOf(appTokens: MsalAppTokenProvider, assertion: string, permissions: string[], who?: string): TokenProvider {
  const scopes = permissions.map((p) => (p.includes('://') ? p : `${appTokens.resource}/${p}`));
  return new OnBehalfOfTokenProvider(appTokens.app, scopes, assertion, who);
}

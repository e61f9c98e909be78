/**
 * The Entra authorize request the consent pop-up opens: authorization code with PKCE (the
 * app's redirect /tab/auth-end is a SPA redirect URI in aad.manifest.json), `prompt=consent`
 * and the app's own `access_as_user` scope. Only the consent matters: auth-end never redeems
 * the code, the tab asks Teams (getAuthToken) for its token again afterwards.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
 */
import type { SessionInfo } from '../app/types.js';

export const AUTH_STATE_KEY = 'dpo-board.auth-state';

export interface AuthorizeInput {
  entra: NonNullable<SessionInfo['entra']>;
  /** The person's tenant from the Teams context, else the app's home tenant. */
  tenantId?: string | undefined;
  loginHint?: string | undefined;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

export function appScope(entra: AuthorizeInput['entra']): string {
  return `${entra.appIdUri ?? `api://${entra.clientId}`}/access_as_user`;
}

export function authorizeUrl(input: AuthorizeInput): string {
  const { entra } = input;
  const url = new URL(`${entra.authorityHost}/${encodeURIComponent(input.tenantId ?? entra.tenantId)}/oauth2/v2.0/authorize`);
  const params: Record<string, string> = {
    client_id: entra.clientId,
    response_type: 'code',
    response_mode: 'fragment',
    redirect_uri: input.redirectUri,
    scope: `openid profile ${appScope(entra)}`,
    prompt: 'consent',
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  };
  if (input.loginHint) params.login_hint = input.loginHint;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function randomString(byteCount = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export type AuthOutcome = { ok: true } | { ok: false; reason: string };

/** What Entra sent back to auth-end (fragment, or query as a fallback), checked against the state we sent. */
export function authOutcome(location: { hash: string; search: string }, expectedState: string | null): AuthOutcome {
  const params = new URLSearchParams(location.hash.replace(/^#/, '') || location.search.replace(/^\?/, ''));
  const error = params.get('error');
  if (error) return { ok: false, reason: params.get('error_description')?.split(/\r?\n/)[0] || error };
  if (!expectedState || params.get('state') !== expectedState) return { ok: false, reason: 'state_mismatch' };
  if (!params.get('code')) return { ok: false, reason: 'no_code' };
  return { ok: true };
}

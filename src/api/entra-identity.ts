/**
 * AUTH_MODE=entra: the caller is the person in a Microsoft Entra ID access token that the tab
 * got from Teams SSO (authentication.getAuthToken) and sent as `Authorization: Bearer`.
 * The token is checked against the tenant's signing keys: signature (RS256), audience (the
 * app's client id or its api:// URI), issuer (v2, per tenant), exp/nbf, and the tenant must be
 * allowed. Roles come from the token's `roles` claim (the app roles DPO, CISO, Editor);
 * a signed-in person without one reads.
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 */
import type { Request } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Actor, Role } from '../domain/roles.js';
import type { IdentityProvider } from './auth.js';

export interface EntraSettings {
  clientId: string;
  /** The Application ID URI, api://<domain>/<client id>. */
  appIdUri: string | undefined;
  /** Tenants whose people may call; the app's home tenant at least. */
  allowedTenants: string[];
  /** The signing keys' JWKS address. */
  jwksUri: string;
  /** Base of the v2 issuer, https://login.microsoftonline.com. */
  authorityHost: string;
}

/** App role values (aad.manifest.json) to the board's roles. */
export const APP_ROLES: Record<string, Role> = { DPO: 'dpo', CISO: 'ciso', Editor: 'editor' };

export function rolesFromClaim(claim: unknown): Role[] {
  const values = Array.isArray(claim) ? claim : [];
  const roles = [...new Set(values.flatMap((v) => (typeof v === 'string' && APP_ROLES[v] ? [APP_ROLES[v]] : [])))];
  return roles.length > 0 ? roles : ['reader'];
}

/** The compact JWS of an `Authorization: Bearer` header, or null. */
export function bearerToken(req: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export interface TokenVerifier {
  verify(token: string): Promise<JWTPayload | null>;
}

/** Verifies v2 access tokens; one key set per process, cached and refreshed by jose. */
export function entraTokenVerifier(settings: EntraSettings): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(settings.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 6 * 60 * 60_000 });
  const audience = [settings.clientId, ...(settings.appIdUri ? [settings.appIdUri] : [])];
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, { audience, algorithms: ['RS256'], clockTolerance: 60, requiredClaims: ['exp', 'tid', 'oid'] });
        const tid = String(payload.tid);
        if (!settings.allowedTenants.includes(tid)) return null;
        if (payload.iss !== `${settings.authorityHost}/${tid}/v2.0`) return null;
        return payload;
      } catch {
        return null;
      }
    },
  };
}

export function entraIdentity(verifier: TokenVerifier): IdentityProvider {
  return {
    mode: 'entra',
    async identify(req) {
      const token = bearerToken(req);
      const claims = token ? await verifier.verify(token) : null;
      if (!claims) return null;
      const actor: Actor = {
        id: String(claims.oid),
        displayName: typeof claims.name === 'string' ? claims.name : String(claims.oid),
        roles: rolesFromClaim(claims.roles),
      };
      if (typeof claims.preferred_username === 'string') actor.email = claims.preferred_username;
      return actor;
    },
  };
}

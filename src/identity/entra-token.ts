/**
 * AUTH_MODE=entra: the caller is the person in a Microsoft Entra ID access token that the tab
 * got from Teams SSO (authentication.getAuthToken) and sent as `Authorization: Bearer`.
 * The token is checked against the tenant's signing keys: signature (RS256), audience (the
 * app's client id or its api:// URI), issuer (v2, per tenant), exp/nbf, and the tenant must be
 * allowed. https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 *
 * Only a person's (delegated) token is accepted. An app-only token (client credentials) carries
 * no `scp` claim and, where the optional claim is configured, `idtyp: "app"`; it is refused with
 * `not_a_person` instead of reading the board as a nobody.
 * https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference (scp, roles, idtyp)
 */
import type { JWTPayload } from 'jose';
import { DomainError } from '../domain/errors.js';
import type { Person } from './actor.js';
import type { RequestHeaders } from './types.js';

export interface EntraSettings {
  clientId: string;
  /** The Application ID URI, api://<domain>/<client id>. */
  appIdUri: string | undefined;
  /** Tenants whose people may call; the app's home tenant first. */
  allowedTenants: string[];
  /** The signing keys' JWKS address. */
  jwksUri: string;
  /** Base of the v2 issuer, https://login.microsoftonline.com. */
  authorityHost: string;
}

/** The compact JWS of an `Authorization: Bearer` header, or null. */
export function bearerToken(req: RequestHeaders): string | null {
  const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export interface TokenVerifier {
  /** The token's claims when it is genuine, for this app, current and from an allowed tenant; otherwise null. */
  verify(token: string): Promise<JWTPayload | null>;
}

/** Verifies v2 access tokens; one key set per process, cached and refreshed by jose (loaded on the first token, so never in local mode). */
export function entraTokenVerifier(settings: EntraSettings): TokenVerifier {
  const audience = [settings.clientId, ...(settings.appIdUri ? [settings.appIdUri] : [])];
  const requiredClaims = ['exp', 'tid', 'oid'];
  let verifySignature: Promise<(token: string) => Promise<JWTPayload>> | undefined;
  const signatureVerifier = () =>
    (verifySignature ??= import('jose').then(({ createRemoteJWKSet, jwtVerify }) => {
      const keys = createRemoteJWKSet(new URL(settings.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 6 * 60 * 60_000 });
      return async (token: string) =>
        (await jwtVerify(token, keys, { audience, algorithms: ['RS256'], clockTolerance: 60, requiredClaims })).payload;
    }));
  return {
    async verify(token) {
      try {
        const payload = await (await signatureVerifier())(token);
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

/** A token of an application acting as itself: `idtyp: "app"`, or no delegated scopes (`scp`) at all. */
export function isAppOnly(claims: JWTPayload): boolean {
  return claims.idtyp === 'app' || typeof claims.scp !== 'string' || claims.scp.trim() === '';
}

/** The person a verified token was issued to, and the app role values it carries; app-only tokens are refused. */
export function personOfToken(claims: JWTPayload): { person: Person; roleValues: unknown } {
  if (isAppOnly(claims)) throw new DomainError('not_a_person');
  // Lower case, as Teams and SharePoint name the same person (GUIDs compare case-insensitively).
  const oid = String(claims.oid).toLowerCase();
  const person: Person = { id: oid, displayName: typeof claims.name === 'string' ? claims.name : oid };
  if (typeof claims.preferred_username === 'string') person.email = claims.preferred_username;
  return { person, roleValues: claims.roles };
}

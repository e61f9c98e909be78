/**
 * GET /api/session: what a client needs before it can identify itself. Public, so it
 * reveals only the auth mode, except in AUTH_MODE=local, where the demo identities are
 * no secret: the tab lists them so each role can be tried, and opens as the default one.
 * In AUTH_MODE=entra it names the app registration (client id, home tenant, App ID URI),
 * public values the tab's consent page needs to ask Entra for `access_as_user`; never a secret.
 */
import express, { type Router } from 'express';
import type { Role } from '../domain/roles.js';

export interface SessionInfo {
  authMode: string;
  /** Only in AUTH_MODE=local. */
  demo?: { defaultUser: string; users: { id: string; displayName: string; roles: Role[] }[] };
  /** Only in AUTH_MODE=entra. */
  entra?: EntraPublicInfo;
}

/** The non-secret parts of the Entra app registration. */
export interface EntraPublicInfo {
  clientId: string;
  tenantId: string;
  appIdUri: string | null;
  /** The sign-in host, https://login.microsoftonline.com (another in a national cloud). */
  authorityHost: string;
}

export interface SessionOptions {
  authMode: string;
  localUsers?: { defaultUser: string; users: { id: string; displayName: string; roles: Role[] }[] };
  /** config.entra: only its public values are sent. */
  entra?: { clientId: string; appIdUri: string | undefined; allowedTenants: string[]; authorityHost: string } | undefined;
}

export function sessionInfo(options: SessionOptions): SessionInfo {
  if (options.authMode === 'entra' && options.entra) {
    const { clientId, appIdUri, allowedTenants, authorityHost } = options.entra;
    return { authMode: 'entra', entra: { clientId, tenantId: allowedTenants[0]!, appIdUri: appIdUri ?? null, authorityHost } };
  }
  if (options.authMode !== 'local' || !options.localUsers) return { authMode: options.authMode };
  const users = options.localUsers.users.map(({ id, displayName, roles }) => ({ id, displayName, roles: [...roles] }));
  return { authMode: 'local', demo: { defaultUser: options.localUsers.defaultUser, users } };
}

export function createSessionRouter(options: SessionOptions): Router {
  const router = express.Router();
  const body = sessionInfo(options);
  router.get('/session', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

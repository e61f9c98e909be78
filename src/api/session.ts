/**
 * GET /api/session: what a client needs before it can identify itself. Public, so it
 * reveals only the auth mode, except in AUTH_MODE=local, where the demo identities are
 * no secret: the tab lists them so each role can be tried, and opens as the default one.
 * The list is the identity's (the demo-users file as it is now, src/identity/local.ts), so a user added to
 * the file is listed at the tab's next load, without a restart, and is the same list requests are identified by.
 * In AUTH_MODE=entra it names the app registration (client id, home tenant, App ID URI),
 * public values the tab's consent page needs to ask Entra for `access_as_user`; never a secret.
 */
import express, { type Router } from 'express';
import type { Role } from '../domain/roles.js';

interface DemoUser {
  id: string;
  displayName: string;
  roles: readonly Role[];
}

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
  /** The demo users as they are now (Identity.demoUsers, AUTH_MODE=local); asked on every request. */
  demoUsers?: (() => { defaultUser: string; users: readonly DemoUser[] }) | undefined;
  /** TAB_DEFAULT_USER: the demo user the tab opens as while the file lists them (else the file's defaultUser). */
  tabDefaultUser?: string | undefined;
  /** config.entra: only its public values are sent. */
  entra?: { clientId: string; appIdUri: string | undefined; allowedTenants: string[]; authorityHost: string } | undefined;
}

export function sessionInfo(options: SessionOptions): SessionInfo {
  if (options.authMode === 'entra' && options.entra) {
    const { clientId, appIdUri, allowedTenants, authorityHost } = options.entra;
    return { authMode: 'entra', entra: { clientId, tenantId: allowedTenants[0]!, appIdUri: appIdUri ?? null, authorityHost } };
  }
  if (options.authMode !== 'local' || !options.demoUsers) return { authMode: options.authMode };
  const listed = options.demoUsers();
  const users = listed.users.map(({ id, displayName, roles }) => ({ id, displayName, roles: [...roles] }));
  const chosen = options.tabDefaultUser;
  const defaultUser = chosen !== undefined && users.some((u) => u.id === chosen) ? chosen : listed.defaultUser;
  return { authMode: 'local', demo: { defaultUser, users } };
}

export function createSessionRouter(options: SessionOptions): Router {
  const router = express.Router();
  router.get('/session', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(sessionInfo(options));
  });
  return router;
}

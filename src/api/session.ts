/**
 * GET /api/session: what a client needs before it can identify itself. Public, so it
 * reveals only the auth mode, except in AUTH_MODE=local, where the demo identities are
 * no secret: the tab lists them so each role can be tried, and opens as the default one.
 */
import express, { type Router } from 'express';
import type { Role } from '../domain/roles.js';

export interface SessionInfo {
  authMode: string;
  /** Only in AUTH_MODE=local. */
  demo?: { defaultUser: string; users: { id: string; displayName: string; roles: Role[] }[] };
}

export interface SessionOptions {
  authMode: string;
  localUsers?: { defaultUser: string; users: { id: string; displayName: string; roles: Role[] }[] };
}

export function sessionInfo(options: SessionOptions): SessionInfo {
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

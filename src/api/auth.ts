/**
 * Who is calling. An IdentityProvider turns a request into an Actor; the middleware
 * puts it on res.locals. AUTH_MODE=local reads X-Local-User; the Entra SSO provider
 * (a validated bearer token) implements the same interface.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../domain/errors.js';
import { authorize } from '../domain/rules.js';
import type { Actor, Permission } from '../domain/roles.js';

export interface IdentityProvider {
  readonly mode: string;
  /** The caller, or null when the request carries no acceptable identity. */
  identify(req: Request): Promise<Actor | null>;
}

export interface LocalUser {
  id: string;
  displayName: string;
  email?: string | undefined;
  roles: Actor['roles'];
}

export const LOCAL_USER_HEADER = 'x-local-user';

/** Development identities: the demo user named in the X-Local-User header. Never in production. */
export function localIdentity(users: LocalUser[]): IdentityProvider {
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    mode: 'local',
    async identify(req) {
      const id = req.get(LOCAL_USER_HEADER);
      const user = id ? byId.get(id) : undefined;
      if (!user) return null;
      return { id: user.id, displayName: user.displayName, roles: [...user.roles], ...(user.email ? { email: user.email } : {}) };
    },
  };
}

export function authenticate(provider: IdentityProvider): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    provider
      .identify(req)
      .then((actor) => {
        if (!actor) throw new DomainError('unauthenticated');
        res.locals.actor = actor;
        next();
      })
      .catch(next);
  };
}

export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new DomainError('unauthenticated');
  return actor;
}

/** Refuses the request before its body is read when the caller's role lacks the permission. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    authorize(actorOf(res), permission);
    next();
  };
}

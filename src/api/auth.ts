/**
 * Who is calling, for the HTTP routes: the identity module (src/identity) turns the request into
 * an Actor; the middleware puts it on res.locals, or answers 401 (no acceptable identity) or
 * 403 (an app-only token) before any body is read.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../domain/errors.js';
import { authorize } from '../domain/rules.js';
import type { Actor, Permission } from '../domain/roles.js';
import type { Identity } from '../identity/index.js';

/** The part of the identity module the API uses. */
export type IdentityProvider = Pick<Identity, 'mode' | 'fromRequest'>;

export function authenticate(provider: IdentityProvider): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    provider
      .fromRequest(req)
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

/** The unit a request is about (its ?unit=, else the default unit). */
export type UnitOfRequest = (req: Request) => string;

/** Refuses the request before its body is read when the caller's grants lack the permission in the request's unit. */
export function requirePermission(permission: Permission, unitOf: UnitOfRequest): RequestHandler {
  return (req, res, next) => {
    authorize(actorOf(res), permission, unitOf(req));
    next();
  };
}

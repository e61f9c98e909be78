/**
 * What every answer of the server carries, and what none may carry.
 *
 * Headers on every response: `X-Content-Type-Options: nosniff`, and a Content-Security-Policy
 * whose frame-ancestors are exactly the hosts the Teams documentation lists for tabs (Teams,
 * Outlook and the Microsoft 365 app, and the *.cloud.microsoft domain they move to), so the tab
 * can be framed by Teams and nothing else.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/tabs/how-to/tab-requirements
 *
 * The last error handler: any failure that no router answered (a malformed body to the bot's
 * endpoint, a path the static files refuse, ...) becomes the same `{"error":{"code","message"}}`
 * as the API's, without a stack trace, a file path or an exception's own text, in every mode.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, details, notFound } from '../domain/errors.js';
import { errorHandler } from './errors.js';

/** https://learn.microsoft.com/en-us/microsoftteams/platform/tabs/how-to/tab-requirements ("frame-ancestor permission"). */
export const TAB_FRAME_ANCESTORS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

export const CONTENT_SECURITY_POLICY = [`frame-ancestors ${TAB_FRAME_ANCESTORS.join(' ')}`, "base-uri 'self'", "object-src 'none'"].join(
  '; ',
);

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  next();
};

/** Body-parser failures the API's own handler words itself (their messages name no internals). */
const BODY_ERRORS = new Set(['entity.parse.failed', 'entity.too.large']);

/** A failure from outside the board's code (express, body-parser, send) as a DomainError that reveals nothing of it. */
export function withoutInternals(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const e = error as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  if (typeof e?.type === 'string' && BODY_ERRORS.has(e.type)) return error;
  const status = Number(e?.status ?? e?.statusCode);
  if (status === 404) return notFound('route');
  if (status === 413) return new DomainError('payload_too_large');
  if (status >= 400 && status < 500) {
    return new DomainError('invalid_input', details('begäran kunde inte tolkas.', 'the request could not be understood.'));
  }
  return error;
}

/** The app's last handlers: an unknown path is a JSON 404; every error is answered without internals. */
export function finalHandlers(log: (error: unknown) => void): [RequestHandler, ErrorRequestHandler] {
  const answer = errorHandler(log);
  const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('route'));
  const last: ErrorRequestHandler = (error, req, res, next) => {
    // Too late for an error body: let express end the connection.
    if (res.headersSent) return next(error);
    answer(withoutInternals(error), req, res, next);
  };
  return [notFoundHandler, last];
}

/** Turns every failure into `{"error":{"code","message"}}` in the caller's language. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { DomainError, notFound } from '../domain/errors.js';
import { localeOf } from './locale.js';

/** Parses input with a zod schema; failures become invalid_input naming the fields. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new DomainError('invalid_input', { details });
}

function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const e = error as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new DomainError('malformed_json');
  if (e?.type === 'entity.too.large') return new DomainError('payload_too_large');
  if (e?.status === 400 || e?.status === 415) return new DomainError('invalid_input', { details: String((error as Error).message) });
  return new DomainError('internal');
}

/** How long a caller refused for being busy (429) is asked to wait. */
const RETRY_AFTER_SECONDS = 5;

export const notFoundRoute: RequestHandler = () => {
  throw notFound('route');
};

export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const domain = toDomainError(error);
    if (domain.code === 'internal') log(error);
    const body = { error: { code: domain.code, message: domain.messageIn(localeOf(req)) } };
    if (domain.status === 429) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(domain.status).json(body);
  };
}

/** Turns every failure into `{"error":{"code","message"}}` in the caller's language. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { details, DomainError, notFound } from '../domain/errors.js';
import { errorMessage } from '../words/errors.js';
import { inputProblems } from '../words/input.js';
import { localeOf } from './locale.js';

/** Parses input with a zod schema; failures become invalid_input naming the fields, in Swedish and English (src/words/input.ts). */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const { issues } = result.error;
  throw new DomainError('invalid_input', { details: { sv: inputProblems(issues, 'sv'), en: inputProblems(issues, 'en') } });
}

function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const e = error as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new DomainError('malformed_json');
  if (e?.type === 'entity.too.large') return new DomainError('payload_too_large');
  // Other body-parser refusals (a charset or encoding it cannot read): its English message stays in the log.
  if (e?.status === 400 || e?.status === 415)
    return new DomainError('invalid_input', details('begäran kunde inte läsas', 'the request could not be read'));
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
    const body = { error: { code: domain.code, message: errorMessage(domain, localeOf(req)) } };
    if (domain.status === 429) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(domain.status).json(body);
  };
}

/** Turns every failure into `{"error":{"code","message"}}` in the caller's language. */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { details, DomainError, notFound } from '../domain/errors.js';
import { can, type Actor } from '../domain/roles.js';
import { UNIT_ID_PATTERN } from '../domain/units.js';
import type { BoardStore } from '../store/port.js';
import { errorMessage, forbiddenIn } from '../words/errors.js';
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

/** Where a refusal finds the name of its unit: the store's units (synced state in SharePoint mode, no Graph read). */
export type UnitNames = Pick<BoardStore, 'listUnits'>;

/**
 * The one place a 403 about a unit gets its unit's name ("Din roll i Kultur får inte …"): its label when the caller
 * may read that unit, else the id the request named (a unit one may not read is not described; text that is no
 * unit id is not repeated).
 */
async function namingItsUnit(error: DomainError, res: Response, units: UnitNames | undefined): Promise<DomainError> {
  const { unitId, unit } = error.params;
  if (error.code !== 'forbidden' || unit !== undefined || typeof unitId !== 'string' || !UNIT_ID_PATTERN.test(unitId) || !units)
    return error;
  const actor = res.locals.actor as Actor | undefined;
  const known = actor && can(actor, 'read', unitId) ? (await units.listUnits()).find((u) => u.id === unitId) : undefined;
  const { permission } = error.params;
  if (known && typeof permission === 'string') return forbiddenIn(permission, known);
  return new DomainError('forbidden', { ...error.params, unit: unitId });
}

/**
 * Answers every failure as `{"error":{"code","message"}}` in the caller's language; with `units`, a refusal about
 * one unit names it.
 */
export function errorHandler(log: (error: unknown) => void, units?: UnitNames): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const domain = toDomainError(error);
    if (domain.code === 'internal') log(error);
    void namingItsUnit(domain, res, units)
      .catch((failure: unknown) => {
        log(failure);
        return domain;
      })
      .then((named) => {
        const body = { error: { code: named.code, message: errorMessage(named, localeOf(req)) } };
        if (named.status === 429) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
        res.status(named.status).json(body);
      });
  };
}

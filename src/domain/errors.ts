import type { Localized } from './model.js';

/**
 * Every failure the board reports to a person: its code and HTTP status. The words a person reads
 * live in the catalog (src/words/errors.ts, `errorMessage`), in Swedish and English; the domain
 * only names what went wrong and with which values.
 */
export const ERROR_STATUS = {
  malformed_json: 400,
  invalid_input: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  not_a_person: 403,
  bot_local_only: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  year_closed: 409,
  year_not_next: 409,
  /** A write to an archived unit (src/domain/units.ts): its records are kept, read-only. */
  unit_archived: 409,
  /** A new unit with an id already taken. */
  unit_exists: 409,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  report_busy: 429,
  report_user_busy: 429,
  level_off_scale: 422,
  /** A SharePoint row the app cannot read (a value typed by hand that is not one of the column's). */
  sharepoint_item_invalid: 422,
  unprocessable: 422,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
/** A parameter is a plain value, or words that differ between the two languages. */
export type ErrorParams = Record<string, string | number | Localized>;

/** Details of a failure in both languages. */
export function details(sv: string, en: string): { details: Localized } {
  return { details: { sv, en } };
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}) {
    // The Error's own message is for logs only; people read errorMessage() from src/words.
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Things that can be missing, for `not_found`; the catalog names each in both languages. */
export const MISSING_THINGS = [
  'unit',
  'year',
  'controlPoint',
  'activity',
  'instruction',
  'actionPlanItem',
  'workPackage',
  'route',
] as const;
export type MissingThing = (typeof MISSING_THINGS)[number];

export function notFound(thing: MissingThing): DomainError {
  return new DomainError('not_found', { what: thing });
}

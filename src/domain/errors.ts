import type { Locale, Localized } from './model.js';

/** Every failure the board reports to a person, with its HTTP status and its wording in both languages. */
const CATALOG = {
  malformed_json: { status: 400, sv: 'Begäran är inte giltig JSON.', en: 'The request is not valid JSON.' },
  invalid_input: {
    status: 400,
    sv: 'Uppgifterna är ofullständiga eller felaktiga: {details}',
    en: 'The input is incomplete or invalid: {details}',
  },
  payload_too_large: { status: 413, sv: 'Begäran är för stor.', en: 'The request is too large.' },
  unauthenticated: {
    status: 401,
    sv: 'Du är inte inloggad, eller så är din identitet okänd.',
    en: 'You are not signed in, or your identity is unknown.',
  },
  not_a_person: {
    status: 403,
    sv: 'Token tillhör en app, inte en person. Tavlan tar bara emot personer som loggat in.',
    en: 'The token belongs to an application, not a person. The board accepts signed-in people only.',
  },
  bot_local_only: {
    status: 401,
    sv: 'Boten har inga Bot Framework-uppgifter och tar bara emot trafik från den här datorn.',
    en: 'The bot has no Bot Framework credentials configured and accepts local traffic only.',
  },
  forbidden: { status: 403, sv: 'Din roll får inte göra detta ({permission}).', en: 'Your role may not do this ({permission}).' },
  not_found: { status: 404, sv: '{what} finns inte.', en: '{what} does not exist.' },
  conflict: {
    status: 409,
    sv: 'Någon annan har ändrat detta under tiden. Läs in igen och försök på nytt.',
    en: 'Someone else changed this meanwhile. Reload and try again.',
  },
  year_closed: {
    status: 409,
    sv: 'Rapportåret {year} är stängt: bara det öppna året, {open}, kan ändras.',
    en: 'Report year {year} is closed: only the open year, {open}, can be changed.',
  },
  year_not_next: {
    status: 409,
    sv: 'Nästa rapportår är {next}: ett nytt år börjar alltid året efter det senaste ({newest}).',
    en: 'The next report year is {next}: a new year always follows the newest one ({newest}).',
  },
  idempotency_key_reused: {
    status: 422,
    sv: 'Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny ändring.',
    en: 'The Idempotency-Key was already used for a different request. Use a new key for a new change.',
  },
  idempotency_in_progress: {
    status: 409,
    sv: 'En begäran med samma Idempotency-Key behandlas just nu. Försök igen om en stund.',
    en: 'A request with the same Idempotency-Key is being processed. Try again in a moment.',
  },
  report_busy: {
    status: 429,
    sv: 'Många rapporter byggs just nu. Försök igen om en stund.',
    en: 'Many reports are being built right now. Try again in a moment.',
  },
  report_user_busy: {
    status: 429,
    sv: 'Du har redan {count} rapporter på väg. Vänta tills de är klara.',
    en: 'You already have {count} reports on their way. Wait until they are done.',
  },
  level_off_scale: { status: 422, sv: 'Nivån {level} finns inte på skalan (1–{max}).', en: 'Level {level} is not on the scale (1–{max}).' },
  unprocessable: { status: 422, sv: '{details}', en: '{details}' },
  internal: { status: 500, sv: 'Ett oväntat fel inträffade.', en: 'An unexpected error occurred.' },
} as const;

export type ErrorCode = keyof typeof CATALOG;
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
    super(formatMessage(code, 'en', params));
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
  }

  get status(): number {
    return CATALOG[this.code].status;
  }

  messageIn(locale: Locale): string {
    return formatMessage(this.code, locale, this.params);
  }
}

export function formatMessage(code: ErrorCode, locale: Locale, params: ErrorParams = {}): string {
  return CATALOG[code][locale].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key] ?? '';
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

/** Names of things that can be missing, for `not_found`, in both languages. */
export const THINGS = {
  unit: { sv: 'Förvaltningen', en: 'The unit' },
  year: { sv: 'Rapportåret', en: 'The report year' },
  controlPoint: { sv: 'Kontrollpunkten', en: 'The control point' },
  activity: { sv: 'Aktiviteten', en: 'The activity' },
  instruction: { sv: 'Anvisningen', en: 'The instruction' },
  workPackage: { sv: 'Huvudpaketet', en: 'The work package' },
  route: { sv: 'Sidan', en: 'The resource' },
} as const;

export function notFound(thing: keyof typeof THINGS): DomainError {
  return new NotFoundError(thing);
}

class NotFoundError extends DomainError {
  constructor(readonly thing: keyof typeof THINGS) {
    super('not_found', { what: THINGS[thing].en });
  }
  override messageIn(locale: Locale): string {
    return formatMessage('not_found', locale, { what: THINGS[this.thing][locale] });
  }
}

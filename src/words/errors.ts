/**
 * Every error a person can be shown, in Swedish and English: the words for the codes of
 * src/domain/errors.ts, the permissions a role may lack, and the things that can be missing.
 * The API, the bot and the SharePoint sync all say an error through `errorMessage`.
 */
import { DomainError, type ErrorCode, type MissingThing } from '../domain/errors.js';
import type { Locale, Localized, Unit } from '../domain/model.js';
import { unitLabel } from '../domain/units.js';
import type { Permission } from '../domain/roles.js';
import { fill } from './fill.js';
import { TERMS } from './terms.js';

type Bilingual = Record<Locale, string>;

export const ERROR_MESSAGES = {
  malformed_json: { sv: 'Begäran är inte giltig JSON.', en: 'The request is not valid JSON.' },
  invalid_input: { sv: 'Uppgifterna är ofullständiga eller felaktiga: {details}', en: 'The input is incomplete or invalid: {details}' },
  payload_too_large: { sv: 'Begäran är för stor.', en: 'The request is too large.' },
  unauthenticated: {
    sv: 'Du är inte inloggad, eller så är din identitet okänd.',
    en: 'You are not signed in, or your identity is unknown.',
  },
  not_a_person: {
    sv: 'Token tillhör en app, inte en person. Tavlan tar bara emot personer som loggat in.',
    en: 'The token belongs to an application, not a person. The board accepts signed-in people only.',
  },
  bot_local_only: {
    sv: 'Boten har inga Bot Framework-uppgifter och tar bara emot trafik från den här datorn.',
    en: 'The bot has no Bot Framework credentials configured and accepts local traffic only.',
  },
  forbidden: { sv: 'Din roll får inte {permission}.', en: 'Your role may not {permission}.' },
  not_found: { sv: '{what} finns inte.', en: '{what} does not exist.' },
  conflict: {
    sv: 'Någon annan har ändrat detta under tiden. Läs in igen och försök på nytt.',
    en: 'Someone else changed this meanwhile. Reload and try again.',
  },
  year_closed: {
    sv: 'Rapportåret {year} är stängt: bara det öppna året, {open}, kan ändras.',
    en: 'Report year {year} is closed: only the open year, {open}, can be changed.',
  },
  year_not_next: {
    sv: 'Nästa rapportår är {next}: ett nytt år börjar alltid året efter det senaste ({newest}).',
    en: 'The next report year is {next}: a new year always follows the newest one ({newest}).',
  },
  unit_archived: {
    sv: 'Förvaltningen {unit} är arkiverad: allt finns kvar att läsa, men inget kan ändras. Återställ den först.',
    en: 'The unit {unit} is archived: everything is kept for reading, but nothing can be changed. Restore it first.',
  },
  unit_exists: {
    sv: 'Det finns redan en förvaltning med id {id}. Välj ett annat id.',
    en: 'There is already a unit with the id {id}. Choose another id.',
  },
  idempotency_key_reused: {
    sv: 'Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny ändring.',
    en: 'The Idempotency-Key was already used for a different request. Use a new key for a new change.',
  },
  idempotency_in_progress: {
    sv: 'En begäran med samma Idempotency-Key behandlas just nu. Försök igen om en stund.',
    en: 'A request with the same Idempotency-Key is being processed. Try again in a moment.',
  },
  report_busy: {
    sv: 'Många rapporter byggs just nu. Försök igen om en stund.',
    en: 'Many reports are being built right now. Try again in a moment.',
  },
  report_user_busy: {
    sv: 'Du har redan {count} rapporter på väg. Vänta tills de är klara.',
    en: 'You already have {count} reports on their way. Wait until they are done.',
  },
  level_off_scale: { sv: 'Nivån {level} finns inte på skalan (1–{max}).', en: 'Level {level} is not on the scale (1–{max}).' },
  sharepoint_item_invalid: {
    sv: 'Rad {item} i SharePoint-listan {list} har ett värde som tavlan inte kan läsa. Rätta raden i listan och försök igen.',
    en: 'Row {item} of the SharePoint list {list} holds a value the board cannot read. Correct the row in the list and try again.',
  },
  unprocessable: { sv: '{details}', en: '{details}' },
  internal: { sv: 'Ett oväntat fel inträffade.', en: 'An unexpected error occurred.' },
} as const satisfies Record<ErrorCode, Bilingual>;

/**
 * A refusal about one unit names it (the API's 403, the bot's refusal cards): `unit` is its label in both
 * languages, or the id that was asked for. Said this way round so a permission's closing remark ends the sentence.
 */
export const FORBIDDEN_IN_UNIT = {
  sv: 'Din roll i {unit} får inte {permission}.',
  en: 'Your role in {unit} may not {permission}.',
} as const;

/** A refusal of `permission` in this unit, naming the unit by its label in both languages (FORBIDDEN_IN_UNIT). */
export function forbiddenIn(permission: string, unit: Pick<Unit, 'id' | 'name' | 'nameEn' | 'example' | 'archived'>): DomainError {
  return new DomainError('forbidden', { permission, unitId: unit.id, unit: { sv: unitLabel(unit, 'sv'), en: unitLabel(unit, 'en') } });
}

/** What a role may lack, as the end of "Din roll får inte …" / "Your role may not …". */
export const PERMISSION_WORDS = {
  read: { sv: 'läsa tavlan', en: 'read the board' },
  assess: { sv: 'bedöma kontrollpunkter (det gör dataskyddsombudet)', en: 'assess control points (the data protection officer does)' },
  writeStatus: { sv: 'uppdatera förvaltningens status', en: "update the unit's status" },
  writeActivities: { sv: 'ändra aktiviteter', en: 'change activities' },
  writeInstructions: { sv: 'ändra anvisningar', en: 'change instructions' },
  writePlan: { sv: 'ändra handlingsplanen', en: 'change the action plan' },
  startYear: { sv: 'påbörja ett nytt rapportår', en: 'start a new report year' },
  editContact: {
    sv: 'ändra kontaktuppgifterna (det gör dataskyddsombudet)',
    en: 'change the contact details (the data protection officer does)',
  },
  requestStatus: {
    sv: 'begära status av den ansvariga (det gör dataskyddsombudet och CISO)',
    en: 'ask the person responsible for a status (the DPO and the CISO do)',
  },
  manageUnits: {
    sv: 'hantera förvaltningar (det gör administratören, och dataskyddsombudet för sina förvaltningar)',
    en: 'manage units (the administrator does, and the data protection officer for their units)',
  },
  diagnostics: {
    sv: 'se diagnostiken (det gör dataskyddsombudet och CISO för hela staden, och administratören)',
    en: 'see the diagnostics (the city-wide DPO and CISO, and the administrator, do)',
  },
  /** Evidence (src/domain/evidence.ts): the DPO and the unit's CISO and editors add it. */
  addEvidence: {
    sv: 'lägga till underlag (det gör dataskyddsombudet och förvaltningens CISO och redaktörer)',
    en: "add evidence (the data protection officer and the unit's CISO and editors do)",
  },
  /** Only who added a link, or the DPO, removes it. */
  removeEvidence: {
    sv: 'ta bort underlag som någon annan har lagt till (det gör dataskyddsombudet)',
    en: 'remove evidence someone else added (the data protection officer does)',
  },
  /** A link changed in the SharePoint list: only who added it, or the DPO (src/domain/evidence.ts authorizeEvidenceChange). */
  changeEvidence: {
    sv: 'ändra underlag som någon annan har lagt till (det gör dataskyddsombudet)',
    en: 'change evidence someone else added (the data protection officer does)',
  },
} as const satisfies Record<Permission | 'diagnostics' | 'addEvidence' | 'removeEvidence' | 'changeEvidence', Bilingual>;

/** The things that can be missing, by the domain's names: a thing the catalog lacks does not compile. */
const THE_THING: Record<Locale, Record<MissingThing, string>> = { sv: TERMS.sv.theThing, en: TERMS.en.theThing };

/** The words of an error, in the locale asked for. */
export function errorMessage(error: DomainError, locale: Locale): string {
  const inUnit = error.code === 'forbidden' && error.params.unit !== undefined;
  return fill((inUnit ? FORBIDDEN_IN_UNIT : ERROR_MESSAGES[error.code])[locale], paramsIn(error), locale);
}

/** An error in both languages, e.g. as the reason stored with a refused SharePoint edit. */
export function errorWords(error: DomainError): Localized {
  return { sv: errorMessage(error, 'sv'), en: errorMessage(error, 'en') };
}

/** Names given by key (a missing thing, a permission) become words; everything else is filled as given. */
function paramsIn(error: DomainError): DomainError['params'] {
  const { what, permission } = error.params;
  const params = { ...error.params };
  if (error.code === 'not_found' && typeof what === 'string' && what in THE_THING.sv) {
    params.what = { sv: THE_THING.sv[what as MissingThing], en: THE_THING.en[what as MissingThing] };
  }
  if (error.code === 'forbidden' && typeof permission === 'string' && permission in PERMISSION_WORDS) {
    params.permission = PERMISSION_WORDS[permission as keyof typeof PERMISSION_WORDS];
  }
  return params;
}

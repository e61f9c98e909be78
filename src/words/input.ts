/**
 * Bad input in words, Swedish and English: a zod error map from the catalog. zod's own messages
 * are English ("Too big: expected number to be <=2100"); people read these instead, naming the
 * field in their language ("år får vara högst 2100"). A field the catalog does not name is quoted
 * as it was sent.
 */
import type { z } from 'zod';
import type { Locale, Localized } from '../domain/model.js';
import { fill, type FillValue } from './fill.js';
import { STATE_KEYS, TERMS, type StateKey } from './terms.js';

type Issue = z.core.$ZodIssue;

/** The fields of the API's input, lower case as they sit inside a sentence. */
export const FIELD_WORDS: Record<string, Localized> = {
  year: { sv: 'år', en: 'year' },
  unit: { sv: 'förvaltning', en: 'unit' },
  level: { sv: 'nivå', en: 'level' },
  comment: { sv: 'kommentar', en: 'comment' },
  text: { sv: 'text', en: 'text' },
  statusDate: { sv: 'statusdatum', en: 'status date' },
  unitLevel: { sv: 'egen nivå', en: 'own level' },
  state: { sv: 'läge', en: 'state' },
  dueFrom: { sv: 'från kvartal', en: 'from quarter' },
  dueTo: { sv: 'till kvartal', en: 'to quarter' },
  workPackage: { sv: 'huvudpaket', en: 'work package' },
  workPackages: { sv: 'huvudpaket', en: 'work packages' },
  expectedEnd: { sv: 'beräknat slut', en: 'expected end' },
  plannedQuarter: { sv: 'planerat kvartal', en: 'planned quarter' },
  note: { sv: 'anteckning', en: 'note' },
  version: { sv: 'version', en: 'version' },
  number: { sv: 'nummer', en: 'number' },
  id: { sv: 'id', en: 'id' },
  since: { sv: 'från ändring', en: 'since' },
  limit: { sv: 'antal', en: 'limit' },
  lang: { sv: 'språk', en: 'language' },
  sep: { sv: 'avgränsare', en: 'separator' },
  table: { sv: 'tabell', en: 'table' },
  title: { sv: 'titel', en: 'title' },
  url: { sv: 'länk', en: 'link' },
  kind: { sv: 'typ', en: 'kind' },
  date: { sv: 'datum', en: 'date' },
  name: { sv: 'namn', en: 'name' },
  email: { sv: 'e-post', en: 'e-mail' },
  labels: { sv: 'etiketter', en: 'labels' },
  direction: { sv: 'riktning', en: 'direction' },
};

/** Checks a schema names with `params: { check }` in a refine, for words of their own. */
export const CHECK_WORDS = {
  date: { sv: '{field} ska vara ett datum ÅÅÅÅ-MM-DD', en: '{field} must be a date YYYY-MM-DD' },
  quarter: {
    sv: '{field} ska vara ett kvartal ÅÅÅÅ-Qn, till exempel 2025-Q2',
    en: '{field} must be a quarter YYYY-Qn, for example 2025-Q2',
  },
  digits: { sv: '{field} ska vara ett heltal skrivet med siffror', en: '{field} must be a whole number in decimal digits' },
  https: { sv: '{field} ska vara en https-länk', en: '{field} must be an https link' },
  nothingToChange: { sv: 'det finns inget att ändra', en: 'there is nothing to change' },
} as const satisfies Record<string, Localized>;
export type CheckName = keyof typeof CHECK_WORDS;

const PROBLEM = {
  missing: { sv: '{field} saknas', en: '{field} is missing' },
  type: { sv: '{field} ska vara {expected}', en: '{field} must be {expected}' },
  empty: { sv: '{field} saknar text', en: '{field} has no text' },
  minLength: { sv: '{field} ska ha minst {n} tecken', en: '{field} must have at least {n} characters' },
  maxLength: { sv: '{field} får ha högst {n} tecken', en: '{field} may have at most {n} characters' },
  minItems: { sv: '{field} ska ha minst {n} delar', en: '{field} must have at least {n} items' },
  maxItems: { sv: '{field} får ha högst {n} delar', en: '{field} may have at most {n} items' },
  min: { sv: '{field} ska vara minst {n}', en: '{field} must be at least {n}' },
  above: { sv: '{field} ska vara större än {n}', en: '{field} must be greater than {n}' },
  max: { sv: '{field} får vara högst {n}', en: '{field} may be at most {n}' },
  below: { sv: '{field} ska vara mindre än {n}', en: '{field} must be less than {n}' },
  oneOf: { sv: '{field} ska vara ett av: {values}', en: '{field} must be one of: {values}' },
  format: { sv: '{field} har fel format', en: '{field} has the wrong format' },
  unknownFields: { sv: 'okänt fält: {keys}', en: 'unknown field: {keys}' },
  invalid: { sv: '{field} har ett ogiltigt värde', en: '{field} has a value that is not valid' },
} as const satisfies Record<string, Localized>;

const EXPECTED: Record<string, Localized> = {
  number: { sv: 'ett tal', en: 'a number' },
  int: { sv: 'ett heltal', en: 'a whole number' },
  string: { sv: 'en text', en: 'a text' },
  boolean: { sv: 'sant eller falskt', en: 'true or false' },
  array: { sv: 'en lista', en: 'a list' },
  object: { sv: 'ett objekt', en: 'an object' },
  null: { sv: 'tomt (null)', en: 'empty (null)' },
};
const THE_REQUEST: Localized = { sv: 'begäran', en: 'the request' };

/** Every problem of a failed parse, in one language, joined into one line. */
export function inputProblems(issues: readonly Issue[], locale: Locale): string {
  return issues.map((issue) => problemOf(issue, locale)).join('; ');
}

function problemOf(issue: Issue, locale: Locale): string {
  const field = fieldOf(issue.path);
  const say = (p: Localized, params: Record<string, FillValue> = {}) => fill(p[locale], { field, ...params }, locale);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return say(PROBLEM.missing);
      return say(PROBLEM.type, { expected: EXPECTED[issue.expected] ?? { sv: issue.expected, en: issue.expected } });
    case 'too_small':
      return say(...sizeProblem(issue.origin, 'small', Number(issue.minimum), issue.inclusive !== false));
    case 'too_big':
      return say(...sizeProblem(issue.origin, 'big', Number(issue.maximum), issue.inclusive !== false));
    case 'invalid_value':
      return say(PROBLEM.oneOf, { values: issue.values.map((v) => valueIn(v, locale)).join(', ') });
    case 'invalid_format':
      return say(PROBLEM.format);
    case 'unrecognized_keys':
      return say(PROBLEM.unknownFields, { keys: issue.keys.map((k) => JSON.stringify(k)).join(', ') });
    case 'custom': {
      const check = (issue.params as { check?: string } | undefined)?.check;
      return check && check in CHECK_WORDS ? say(CHECK_WORDS[check as CheckName]) : say(PROBLEM.invalid);
    }
    default:
      return say(PROBLEM.invalid);
  }
}

function sizeProblem(origin: string, side: 'small' | 'big', n: number, inclusive: boolean): [Localized, Record<string, FillValue>] {
  if (origin === 'string') {
    if (side === 'small') return n <= 1 ? [PROBLEM.empty, {}] : [PROBLEM.minLength, { n }];
    return [PROBLEM.maxLength, { n }];
  }
  if (origin === 'array' || origin === 'set') return [side === 'small' ? PROBLEM.minItems : PROBLEM.maxItems, { n }];
  if (side === 'small') return [inclusive ? PROBLEM.min : PROBLEM.above, { n }];
  return [inclusive ? PROBLEM.max : PROBLEM.below, { n }];
}

/** The field a problem is about: its name in words when the catalog has one, else as sent; the request itself when none. */
function fieldOf(path: readonly PropertyKey[]): Localized {
  const name = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (name === undefined) return THE_REQUEST;
  const known = FIELD_WORDS[name];
  if (known) return known;
  const quoted = JSON.stringify(path.map(String).join('.'));
  return { sv: quoted, en: quoted };
}

/** An allowed value as the API takes it, quoted, with the catalog's word for a state: "ongoing" (Pågående). */
function valueIn(value: unknown, locale: Locale): string {
  const token = JSON.stringify(value);
  return typeof value === 'string' && (STATE_KEYS as readonly string[]).includes(value)
    ? `${token} (${TERMS[locale].state[value as StateKey]})`
    : token;
}

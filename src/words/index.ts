/**
 * The one catalog of domain terms and messages in Swedish and English (DESIGN.md, src/words).
 * Every surface takes its words from here: the tab, the bot's cards, the deck and the exports,
 * SharePoint's choice values, and the error messages of the API, the bot and the sync.
 *
 * - `words(locale)`: the terms (states, roles, things of the domain), see ./terms.ts;
 * - `say(locale, key, params)`: a message with its placeholders filled, see ./messages.ts;
 * - `fill`: the one placeholder filler (`{name}`), see ./fill.ts.
 * To add a term, add it to both languages in terms.ts or messages.ts; tests/words fails when one is missing.
 */
import type { Locale } from '../domain/model.js';
import { fill, type FillParams } from './fill.js';
import { MESSAGES, type MessageKey, type SvMessages } from './messages.js';
import { TERMS, type StateKey, type Terms } from './terms.js';

export { fill, placeholdersOf, type FillParams, type FillValue, type Placeholders } from './fill.js';
export { MESSAGES, type MessageKey } from './messages.js';
export { markLabel, SCALE_WORDS, scaleChangeText, type ScaleWordKey } from './scale.js';
export { isUnitChange, unitChangeText, type UnitChangeText } from './units.js';
export { statusRequestChangeText, type StatusRequestChangeText } from './status-requests.js';
export { EVIDENCE_KIND_KEYS, ROLE_KEYS, SOURCE_KEYS, STATE_KEYS, TERMS, type StateKey, type Terms } from './terms.js';

export const LOCALES = ['sv', 'en'] as const satisfies readonly Locale[];

/** The terms of one language. */
export function words(locale: Locale): Terms {
  return TERMS[locale];
}

/** A message in one language with its placeholders filled; the parameters are typed by the template. */
export function say<K extends MessageKey>(locale: Locale, key: K, ...params: SayParams<K>): string {
  return fill(MESSAGES[locale][key], params[0] ?? {}, locale);
}
type SayParams<K extends MessageKey> = [keyof FillParams<SvMessages[K]>] extends [never] ? [] : [FillParams<SvMessages[K]>];

/** A state as the label of one thing ("Pågående"). */
export function stateLabel(state: StateKey, locale: Locale): string {
  return TERMS[locale].state[state];
}

/** The labels of some states, in the order given: the choice values of a SharePoint column, a select's options. */
export function stateLabels<S extends StateKey>(states: readonly S[], locale: Locale): Record<S, string> {
  return Object.fromEntries(states.map((s) => [s, stateLabel(s, locale)])) as Record<S, string>;
}

/** The neutral label of a level until the DPO has named the levels: "Nivå 2 av 5". */
export function neutralLevel(level: number, count: number, locale: Locale): string {
  return say(locale, 'level.neutral', { n: level, count });
}

/** 2025-Q2 -> "Q2 2025", as the report writes quarters in both languages; anything else is shown as given. */
export function quarterLabel(quarter: string | null | undefined, locale: Locale): string {
  if (!quarter) return '';
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? say(locale, 'quarter', { q: m[2]!, year: m[1]! }) : quarter;
}

/** A span of quarters: one quarter when both ends are the same or only one is given. */
export function periodLabel(from: string | null | undefined, to: string | null | undefined, locale: Locale): string {
  if (from && to && from !== to) return say(locale, 'period', { from: quarterLabel(from, locale), to: quarterLabel(to, locale) });
  return quarterLabel(to ?? from, locale);
}

/** The UI language: a context with the strings, formatters for dates and a parameter filler. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../src/domain/model.js';
import { fill, quarterLabel } from '../../../src/words/index.js';
import { STRINGS, type Strings } from './strings.js';

/** Plain functions (closures over the locale), so views may destructure them: `const { s, f } = useI18n()`. */
export interface I18n {
  locale: Locale;
  s: Strings;
  /** Fills `{name}` parameters of a string (a missing one stays visible). */
  f: (text: string, params: Record<string, string | number>) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string) => string;
  time: (date: Date) => string;
  quarter: (q: string | null) => string;
}

/** The one placeholder filler of every surface (src/words/fill.ts). */
export { fill };

export function makeI18n(locale: Locale): I18n {
  const tag = locale === 'sv' ? 'sv-SE' : 'en-GB';
  const dateFmt = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFmt = new Intl.DateTimeFormat(tag, { timeStyle: 'medium' });
  return {
    locale,
    s: STRINGS[locale],
    f: (text, params) => fill(text, params, locale),
    date: (iso) => (iso ? dateFmt.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : ''),
    dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
    time: (d) => timeFmt.format(d),
    quarter: (q) => quarterLabel(q, locale),
  };
}

const I18nContext = createContext<I18n>(makeI18n('sv'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => makeI18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);

/** Picks sv or en from a list of BCP 47 tags (Teams locale or navigator.languages); Swedish first. */
export function pickLocale(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const lang = tag.toLowerCase().split(/[-_]/)[0];
    if (lang === 'sv' || lang === 'nb' || lang === 'no' || lang === 'da') return 'sv';
    if (lang === 'en') return 'en';
  }
  return 'sv';
}

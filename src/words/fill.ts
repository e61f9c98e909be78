/**
 * The one placeholder filler of every surface: `{name}` in a template is replaced by the value of
 * `name`. A value may be words that differ between the languages (a `Localized`), which is then
 * taken in the locale asked for. A placeholder without a value stays visible as `{name}`, so a
 * forgotten parameter shows in review instead of vanishing.
 */
import type { Locale, Localized } from '../domain/model.js';

/** A value for a placeholder: plain text or a number, or words in both languages. */
export type FillValue = string | number | Localized;

/** The placeholder names of a template literal type: 'Nivå {n} av {count}' -> 'n' | 'count'. */
export type Placeholders<T extends string> = string extends T
  ? string
  : T extends `${string}{${infer Name}}${infer Rest}`
    ? Name | Placeholders<Rest>
    : never;

/** The parameters a template asks for (none: an empty object may be passed or left out). */
export type FillParams<T extends string> = Record<Placeholders<T>, FillValue>;

const PLACEHOLDER = /\{(\w+)\}/g;

export function fill(template: string, params: Partial<Record<string, FillValue>> = {}, locale: Locale = 'sv'): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

/** The placeholder names a template uses, sorted and without repeats (for tests and checks). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

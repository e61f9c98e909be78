/** The plain-browser preferences a person can override: theme and language ('auto' follows the browser). */
import { useCallback, useState } from 'react';
import type { Locale } from '../../../src/domain/model.js';
import type { ThemeName } from '../host/host.js';
import { safeStorage } from './session.js';

export interface Prefs {
  theme: 'auto' | ThemeName;
  locale: 'auto' | Locale;
}

const KEY = 'dpo-board.prefs';
const DEFAULTS: Prefs = { theme: 'auto', locale: 'auto' };

export function readPrefs(): Prefs {
  try {
    const raw = JSON.parse(safeStorage()?.getItem(KEY) ?? '{}') as Partial<Prefs>;
    const theme = ['auto', 'light', 'dark', 'contrast'].includes(raw.theme as string) ? raw.theme! : 'auto';
    const locale = ['auto', 'sv', 'en'].includes(raw.locale as string) ? raw.locale! : 'auto';
    return { theme, locale };
  } catch {
    return DEFAULTS;
  }
}

export function usePrefs(): [Prefs, (next: Partial<Prefs>) => void] {
  const [prefs, setPrefs] = useState(readPrefs);
  const update = useCallback((next: Partial<Prefs>) => {
    setPrefs((current) => {
      const merged = { ...current, ...next };
      safeStorage()?.setItem(KEY, JSON.stringify(merged));
      return merged;
    });
  }, []);
  return [prefs, update];
}

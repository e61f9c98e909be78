/**
 * Where the tab runs. Inside Teams: teams-js initialises, and the host gives theme,
 * locale, user and channel (and tells us when the theme changes). In a plain browser we
 * find that out at once, without waiting for a Teams handshake that never comes, and
 * follow the browser's colour scheme and languages instead.
 */
import type { Locale } from '../../../src/domain/model.js';
import { pickLocale } from '../i18n/i18n.js';

export type ThemeName = 'light' | 'dark' | 'contrast';

export interface TeamsContextInfo {
  userName: string | null;
  userPrincipalName: string | null;
  teamName: string | null;
  channelName: string | null;
  frameContext: string | null;
}

export interface Host {
  kind: 'teams' | 'browser';
  theme: ThemeName;
  locale: Locale;
  teams: TeamsContextInfo | null;
  /** Calls back with the new theme when the host (or the OS) changes it; returns an unsubscribe. */
  onThemeChange: (listener: (theme: ThemeName) => void) => () => void;
  /** Teams SSO token for the API (only inside Teams). */
  getAuthToken?: () => Promise<string>;
  /** Opens Teams' authentication pop-up at `url` (auth-start) and resolves with what auth-end reported. */
  authenticate?: (url: string) => Promise<string>;
  /** The channel tab configuration API (only inside Teams, in the settings frame). */
  config?: TeamsConfigApi;
}

export interface TeamsConfigApi {
  setValidityState: (valid: boolean) => void;
  registerOnSaveHandler(handler: (save: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void): void;
  setConfig: (config: { entityId: string; contentUrl: string; websiteUrl?: string; suggestedDisplayName?: string }) => Promise<void>;
}

/** Teams hosts tabs in an iframe (web, desktop) or a webview with a native bridge (mobile). */
export function mayBeInTeams(win: Window = window): boolean {
  let framed: boolean;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true; // a cross-origin parent throws: we are framed
  }
  return framed || Boolean((win as unknown as { nativeInterface?: unknown }).nativeInterface) || Boolean(win.opener);
}

export function teamsTheme(name: string | undefined): ThemeName {
  if (name === 'dark') return 'dark';
  if (name === 'contrast') return 'contrast';
  return 'light';
}

function media(query: string): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
}

export function browserTheme(): ThemeName {
  if (media('(forced-colors: active)')?.matches || media('(prefers-contrast: more)')?.matches) return 'contrast';
  return media('(prefers-color-scheme: dark)')?.matches ? 'dark' : 'light';
}

export function browserHost(): Host {
  return {
    kind: 'browser',
    theme: browserTheme(),
    locale: pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]),
    teams: null,
    onThemeChange(listener) {
      const queries = ['(prefers-color-scheme: dark)', '(prefers-contrast: more)', '(forced-colors: active)']
        .map(media)
        .filter((q): q is MediaQueryList => q !== null);
      const onChange = () => listener(browserTheme());
      queries.forEach((q) => q.addEventListener('change', onChange));
      return () => queries.forEach((q) => q.removeEventListener('change', onChange));
    },
  };
}

async function teamsHost(): Promise<Host> {
  const teams = await import('@microsoft/teams-js');
  await teams.app.initialize();
  const context = await teams.app.getContext();
  const listeners = new Set<(theme: ThemeName) => void>();
  teams.app.registerOnThemeChangeHandler((name) => listeners.forEach((l) => l(teamsTheme(name))));
  return {
    kind: 'teams',
    theme: teamsTheme(context.app.theme),
    locale: pickLocale([context.app.locale]),
    teams: {
      userName: context.user?.displayName ?? null,
      userPrincipalName: context.user?.userPrincipalName ?? null,
      teamName: context.team?.displayName ?? null,
      channelName: context.channel?.displayName ?? null,
      frameContext: context.page.frameContext ?? null,
    },
    onThemeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getAuthToken: () => teams.authentication.getAuthToken(),
    authenticate: (url) => teams.authentication.authenticate({ url: new URL(url, window.location.href).href, width: 600, height: 535 }),
    config: {
      setValidityState: (valid) => teams.pages.config.setValidityState(valid),
      registerOnSaveHandler: (handler) => teams.pages.config.registerOnSaveHandler(handler),
      setConfig: (config) => teams.pages.config.setConfig(config),
    },
  };
}

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Teams did not answer')), ms));

/**
 * Resolves the host. Outside any frame this is immediate; in a frame we give Teams a
 * short while to answer the handshake and fall back to the browser if it does not.
 */
export async function detectHost(win: Window = window, waitMs = 3000): Promise<Host> {
  if (!mayBeInTeams(win)) return browserHost();
  try {
    return await Promise.race([teamsHost(), timeout(waitMs)]);
  } catch {
    return browserHost();
  }
}

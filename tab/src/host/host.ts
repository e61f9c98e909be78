/**
 * Where the tab runs. Inside Teams: teams-js initialises, and the host gives theme,
 * locale, user and channel (and tells us when the theme changes). In a plain browser we
 * find that out at once, without waiting for a Teams handshake that never comes, and
 * follow the browser's colour scheme and languages instead.
 */
import type { Locale } from '../../../src/domain/model.js';
import { pickLocale } from '../i18n/i18n.js';
import { TabPresence, type Presence } from './presence.js';

export type ThemeName = 'light' | 'dark' | 'contrast';

export interface TeamsContextInfo {
  userName: string | null;
  userPrincipalName: string | null;
  teamName: string | null;
  channelName: string | null;
  /** The channel's id (a channel tab), which the configuration page tells the server so cards link into it. */
  channelId: string | null;
  /** Set inside a meeting (its chat, side panel or stage). */
  meetingId: string | null;
  frameContext: string | null;
  /** The entityId of the tab Teams opened (page.id). */
  entityId: string | null;
}

/** What Teams asked the tab to show: a deep link's sub-page id, and the content URL it loaded. */
export interface PageRequest {
  subPageId: string | null;
  /** The path of the requested content URL, under /tab. */
  path: string;
}

/**
 * The meeting API (side panel and stage frames only):
 * https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage
 */
export interface MeetingApi {
  /** Whether Teams lets this person share the app to the stage (meeting.getAppContentStageSharingCapabilities). */
  canShareToStage(): Promise<boolean>;
  /** Puts the tab's page at `url` on the stage for everyone (meeting.shareAppContentToStage). */
  shareToStage(url: string): Promise<void>;
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
  /** The page Teams asked for at start-up (a deep link's sub-page id); null in a browser. */
  startPage: PageRequest | null;
  /**
   * Calls back when Teams brings the tab back on another page: a suspended (cached) tab resumed by a
   * deep link (app.lifecycle.registerOnResumeHandler, https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/app-caching).
   * teams-js has no public event for a changed sub-page id; a tab that was not kept is loaded anew.
   */
  onPageRequest: (listener: (request: PageRequest) => void) => () => void;
  /** Only in a meeting's side panel or stage. */
  meeting?: MeetingApi;
  /** Whether the tab is seen: the page's visibility, and in Teams whether it is suspended (cached). The page's alone when absent. */
  presence?: Presence;
}

export interface TeamsConfigApi {
  setValidityState: (valid: boolean) => void;
  registerOnSaveHandler(handler: (save: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void): void;
  setConfig: (config: { entityId: string; contentUrl: string; websiteUrl?: string; suggestedDisplayName?: string }) => Promise<void>;
  /** Teams is removing the tab (frame context "remove"). */
  registerOnRemoveHandler?(handler: (remove: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void): void;
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
    startPage: null,
    onPageRequest: () => () => undefined,
    presence: new TabPresence(),
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

type TeamsJs = typeof import('@microsoft/teams-js');

/** The path under /tab of a content URL Teams hands the tab ('' when it is not ours). */
function pathOf(contentUrl: URL | string | undefined): string {
  try {
    return new URL(String(contentUrl), window.location.href).pathname;
  } catch {
    return window.location.pathname;
  }
}

/**
 * Suspended (cached) by Teams: the tab is not seen until it is resumed. Resumed from suspension on another entity
 * or deep link: read the context again, and tell Teams we are there.
 */
export function followResumes(
  teams: Pick<TeamsJs, 'app'>,
  listeners: Set<(request: PageRequest) => void>,
  presence: Pick<TabPresence, 'setSuspended'>,
): void {
  teams.app.lifecycle.registerBeforeSuspendOrTerminateHandler(() => {
    presence.setSuspended(true);
    return Promise.resolve();
  });
  teams.app.lifecycle.registerOnResumeHandler((resume) => {
    presence.setSuspended(false);
    teams.app
      .getContext()
      .then((context) => {
        const request = { subPageId: context.page.subPageId ?? null, path: pathOf(resume.contentUrl) };
        listeners.forEach((l) => l(request));
        return teams.app.notifySuccess();
      })
      .catch((error: unknown) => teams.app.notifyFailure({ reason: teams.app.FailedReason.Other, message: String(error) }));
  });
}

function meetingApi(teams: TeamsJs): MeetingApi {
  return {
    canShareToStage: () =>
      new Promise((resolve) =>
        teams.meeting.getAppContentStageSharingCapabilities((error, capabilities) =>
          resolve(!error && Boolean(capabilities?.doesAppHaveSharePermission)),
        ),
      ),
    shareToStage: (url) =>
      new Promise((resolve, reject) =>
        teams.meeting.shareAppContentToStage(
          (error) => (error ? reject(new Error(error.message ?? `Teams error ${error.errorCode}`)) : resolve()),
          new URL(url, window.location.href).href,
        ),
      ),
  };
}

const MEETING_FRAMES = new Set(['sidePanel', 'meetingStage']);

async function teamsHost(): Promise<Host> {
  const teams = await import('@microsoft/teams-js');
  await teams.app.initialize();
  const context = await teams.app.getContext();
  const listeners = new Set<(theme: ThemeName) => void>();
  teams.app.registerOnThemeChangeHandler((name) => listeners.forEach((l) => l(teamsTheme(name))));
  const pageListeners = new Set<(request: PageRequest) => void>();
  const presence = new TabPresence();
  followResumes(teams, pageListeners, presence);
  const frameContext = context.page.frameContext ?? null;
  return {
    kind: 'teams',
    theme: teamsTheme(context.app.theme),
    locale: pickLocale([context.app.locale]),
    teams: {
      userName: context.user?.displayName ?? null,
      userPrincipalName: context.user?.userPrincipalName ?? null,
      teamName: context.team?.displayName ?? null,
      channelName: context.channel?.displayName ?? null,
      channelId: context.channel?.id ?? null,
      meetingId: context.meeting?.id ?? null,
      frameContext,
      entityId: context.page.id || null,
    },
    startPage: { subPageId: context.page.subPageId ?? null, path: window.location.pathname },
    presence,
    onPageRequest(listener) {
      pageListeners.add(listener);
      return () => pageListeners.delete(listener);
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
      registerOnRemoveHandler: (handler) => teams.pages.config.registerOnRemoveHandler(handler),
    },
    ...(frameContext && MEETING_FRAMES.has(frameContext) ? { meeting: meetingApi(teams) } : {}),
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

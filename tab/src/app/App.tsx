/** The tab's root: host theme and language, the session, the header and the routed view. */
import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Host, ThemeName } from '../host/host.js';
import { I18nProvider, makeI18n } from '../i18n/i18n.js';
import { RouterProvider } from '../routing/router.js';
import { usePrefs } from './prefs.js';
import { SessionProvider } from './session.js';
import { Shell } from './Shell.js';
import type { SessionInfo } from './types.js';
import type { PrefetchedBoard } from './boot.js';

const THEMES: Record<ThemeName, Theme> = { light: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

export interface AppProps {
  host: Host;
  session: SessionInfo;
  pollIntervalMs?: number | null;
  fetchImpl?: typeof fetch;
  initialPath?: string;
  prefetchedBoard?: PrefetchedBoard | null;
}

export function App({ host, session, pollIntervalMs, fetchImpl, initialPath, prefetchedBoard }: AppProps) {
  const [hostTheme, setHostTheme] = useState(host.theme);
  useEffect(() => host.onThemeChange(setHostTheme), [host]);
  const [prefs, setPrefs] = usePrefs();
  const inTeams = host.kind === 'teams';
  const themeName: ThemeName = inTeams || prefs.theme === 'auto' ? hostTheme : prefs.theme;
  const locale = inTeams || prefs.locale === 'auto' ? host.locale : prefs.locale;
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = themeName;
    document.documentElement.style.colorScheme = themeName === 'light' ? 'light' : 'dark';
  }, [locale, themeName]);

  return (
    <FluentProvider theme={THEMES[themeName]} lang={locale} style={{ minHeight: '100vh' }} data-theme={themeName}>
      <I18nProvider locale={locale}>
        {/* The router first: the session's unit is the one the route names. */}
        <RouterProvider pageRequests={host} {...(initialPath ? { initialPath } : {})}>
          <SessionProvider
            session={session}
            locale={locale}
            networkMessage={makeI18n(locale).s.networkError}
            signInMessage={makeI18n(locale).s.signInFailed}
            getAuthToken={host.getAuthToken}
            prefetchedBoard={prefetchedBoard ?? null}
            channelId={host.teams?.meetingId ? null : (host.teams?.channelId ?? null)}
            presence={host.presence}
            {...(pollIntervalMs !== undefined ? { pollIntervalMs } : {})}
            {...(fetchImpl ? { fetchImpl } : {})}
          >
            <Shell host={host} prefs={prefs} setPrefs={setPrefs} themeName={themeName} />
          </SessionProvider>
        </RouterProvider>
      </I18nProvider>
    </FluentProvider>
  );
}

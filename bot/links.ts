/**
 * Links from cards into the tab. With a Teams app id they are Teams deep links to the tab
 * entity (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application),
 * carrying the tab's own URL as webUrl and the page as subEntityId; without one (local, the
 * Playground) they are the tab's URL, served at /tab.
 */
export interface LinkSettings {
  publicUrl: string;
  teamsAppId: string | undefined;
  tabEntityId: string;
}

export interface LinkTarget {
  /** Path inside the tab: '' for the board, 'control-points/4' for one control point. */
  page: string;
  label: string;
  /** The channel the card is posted in (a channel tab's context). */
  channelId?: string | undefined;
}

export function tabWebUrl(settings: LinkSettings, page: string): string {
  return `${settings.publicUrl}/tab/${page}`;
}

export function tabLink(settings: LinkSettings, target: LinkTarget): string {
  const webUrl = tabWebUrl(settings, target.page);
  if (!settings.teamsAppId) return webUrl;
  const context = { subEntityId: target.page, ...(target.channelId ? { channelId: target.channelId } : {}) };
  const query = new URLSearchParams({ webUrl, label: target.label, context: JSON.stringify(context) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(settings.teamsAppId)}/${encodeURIComponent(settings.tabEntityId)}?${query.toString()}`;
}

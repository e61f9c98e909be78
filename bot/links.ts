/**
 * Links from cards into the tab (issue 13, item 1). With a Teams app id they are Teams deep links
 * to a tab, which open the tab inside Teams on the page named by the sub-entity id:
 *   https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=<webUrl>&label=<label>&context=<context>
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application#configure-deep-link-to-a-tab
 * - appId: the manifest's id (TEAMS_APP_ID; the Toolkit fills it in).
 * - entityId: in a channel whose DPO Board tab told the server its entityId (the configuration
 *   page's setConfig), that channel tab, with `channelId` in the context (the docs: channelId is
 *   for configurable tabs in a team, "not available in static tabs"); everywhere else the personal
 *   tab's entityId from the manifest (TEAMS_TAB_ENTITY_ID), and no channelId.
 * - context: `{"subEntityId": …}` — the tab reads it as `page.subPageId` (src/domain/tab-pages.ts).
 * - webUrl: the tab's own address for the page, the fallback where the client cannot show the tab.
 * Every parameter is URI-encoded with encodeURIComponent (spaces as %20, never '+').
 * Without an app id (local, the Playground) a link is the tab's web address, served at /tab.
 */
export interface LinkSettings {
  publicUrl: string;
  teamsAppId: string | undefined;
  /** The personal tab's entityId (manifest staticTabs). */
  tabEntityId: string;
  /** The entityId of the channel tab saved in this channel, if any (src/store/channel-tabs.ts). */
  channelTabOf?: (channelId: string) => string | undefined;
}

export interface LinkTarget {
  /** The sub-page id (src/domain/tab-pages.ts): '' for the board, 'control-points/4', 'action-plan'. */
  page: string;
  label: string;
  /** The channel the card is posted in, when it is posted in a channel. */
  channelId?: string | undefined;
}

export function tabWebUrl(settings: Pick<LinkSettings, 'publicUrl'>, page: string): string {
  return `${settings.publicUrl}/tab/${page}`;
}

const TEAMS_ORIGIN = 'https://teams.microsoft.com';

export function tabLink(settings: LinkSettings, target: LinkTarget): string {
  const webUrl = tabWebUrl(settings, target.page);
  if (!settings.teamsAppId) return webUrl;
  const channelTab = target.channelId ? settings.channelTabOf?.(target.channelId) : undefined;
  // The board is named, not left empty: a channel tab may start on the action plan.
  const subEntityId = target.page || 'board';
  const context = channelTab ? { subEntityId, channelId: target.channelId } : { subEntityId };
  const query = [
    ['webUrl', webUrl],
    ['label', target.label],
    ['context', JSON.stringify(context)],
  ]
    .map(([name, value]) => `${name}=${encodeURIComponent(value!)}`)
    .join('&');
  const entityId = channelTab ?? settings.tabEntityId;
  return `${TEAMS_ORIGIN}/l/entity/${encodeURIComponent(settings.teamsAppId)}/${encodeURIComponent(entityId)}?${query}`;
}

/** What a deep link of ours carries, read back the way Teams reads it (for tests and the message extension's unfurling). */
export interface ParsedTabLink {
  appId: string;
  entityId: string;
  webUrl: string | null;
  label: string | null;
  subEntityId: string | null;
  channelId: string | null;
}

export function parseTabLink(link: string): ParsedTabLink | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const path = /^\/l\/entity\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (url.origin !== TEAMS_ORIGIN || !path) return null;
  let context: { subEntityId?: unknown; channelId?: unknown } = {};
  try {
    context = JSON.parse(url.searchParams.get('context') ?? '{}') as typeof context;
  } catch {
    return null;
  }
  return {
    appId: decodeURIComponent(path[1]!),
    entityId: decodeURIComponent(path[2]!),
    webUrl: url.searchParams.get('webUrl'),
    label: url.searchParams.get('label'),
    subEntityId: typeof context.subEntityId === 'string' ? context.subEntityId : null,
    channelId: typeof context.channelId === 'string' ? context.channelId : null,
  };
}

/**
 * The tab's pages as Teams deep links name them (the sub-page id, `subEntityId` in a link,
 * `page.subPageId` in the tab's context) and the entity ids of the channel tab.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application#configure-deep-link-to-a-tab
 * One vocabulary for the bot's links and the tab's router: the sub-page id is the page's path under /tab/.
 */

/** A part of a control point's page a link can open at: its evidence ('control-points/4/evidence'). */
export type ControlPointSection = 'evidence';

/** The views a card can point at, as sub-page ids: '' (the board), 'control-points/4', 'control-points/4/evidence', 'action-plan'. */
export type TabPage = { kind: 'board' } | { kind: 'controlPoint'; number: number; section?: ControlPointSection } | { kind: 'actionPlan' };

export function subPageIdOf(page: TabPage): string {
  switch (page.kind) {
    case 'board':
      return '';
    case 'controlPoint':
      return `control-points/${page.number}${page.section ? `/${page.section}` : ''}`;
    case 'actionPlan':
      return 'action-plan';
  }
}

/** The page a sub-page id names, or null for anything else (it comes from a link anyone can write). */
export function tabPageOf(subPageId: string): TabPage | null {
  const id = subPageId.trim().replace(/^\/+|\/+$/g, '');
  if (id === '' || id === 'board') return { kind: 'board' };
  if (id === 'action-plan') return { kind: 'actionPlan' };
  const cp = /^control-points\/(\d{1,2})(\/evidence)?$/.exec(id);
  if (!cp) return null;
  return cp[2] ? { kind: 'controlPoint', number: Number(cp[1]), section: 'evidence' } : { kind: 'controlPoint', number: Number(cp[1]) };
}

/** What the person adding the channel tab picks as its start view. */
export const CHANNEL_TAB_VIEWS = ['board', 'plan'] as const;
export type ChannelTabView = (typeof CHANNEL_TAB_VIEWS)[number];

/** The entityId the configuration page gives a channel tab (pages.config.setConfig); deep links name the tab by it. */
export function channelTabEntityId(view: ChannelTabView): string {
  return `dpo-board-${view}`;
}

/** The entityId of the tab added to a meeting (its chat, details, side panel and stage show /tab/meeting). */
export const MEETING_TAB_ENTITY_ID = 'dpo-board-meeting';

export const CHANNEL_TAB_ENTITY_IDS: readonly string[] = CHANNEL_TAB_VIEWS.map(channelTabEntityId);

/**
 * A Teams channel id as the tab's context and the bot's conversation give it: `19:<id>@thread.tacv2`
 * (`@thread.skype` in older teams). https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/access-teams-context
 */
export const TEAMS_CHANNEL_ID = /^19:[A-Za-z0-9._-]{1,200}@thread\.(tacv2|skype)$/;

/**
 * The tab's pages as Teams deep links name them (the sub-page id, `subEntityId` in a link,
 * `page.subPageId` in the tab's context) and the entity ids of the channel tab.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application#configure-deep-link-to-a-tab
 * One vocabulary for the bot's links and the tab's router: the sub-page id is the page's path under /tab/.
 */

import { UNIT_ID_PATTERN } from './units.js';

/** A part of a control point's page a link can open at: its evidence ('control-points/4/evidence'). */
export type ControlPointSection = 'evidence';

/**
 * A unit's id as it stands in a path or a sub-page id ('units/<id>/…'): UNIT_ID_PATTERN without its anchors.
 * The path only carries it; whether the unit exists and may be read is the server's answer.
 */
export const UNIT_SEGMENT = UNIT_ID_PATTERN.source.replace(/^\^|\$$/g, '');

/**
 * The views a card can point at, as sub-page ids. Without a unit they mean "this tab's unit" (the channel's unit, else the
 * default): '' (the board), 'control-points/4', 'control-points/4/evidence', 'action-plan'. With one they name it:
 * 'units/<id>', 'units/<id>/control-points/4[/evidence]', 'units/<id>/action-plan'. 'city' is the view of every unit.
 */
export type TabPage =
  | { kind: 'board'; unitId?: string }
  | { kind: 'controlPoint'; number: number; section?: ControlPointSection; unitId?: string }
  | { kind: 'actionPlan'; unitId?: string }
  | { kind: 'city' };

export function subPageIdOf(page: TabPage): string {
  if (page.kind === 'city') return 'city';
  const unit = page.unitId ? `units/${page.unitId}` : '';
  const join = (view: string) => (unit && view ? `${unit}/${view}` : unit || view);
  switch (page.kind) {
    case 'board':
      return unit;
    case 'controlPoint':
      return join(`control-points/${page.number}${page.section ? `/${page.section}` : ''}`);
    case 'actionPlan':
      return join('action-plan');
  }
}

const UNIT_PAGE = new RegExp(`^units/(${UNIT_SEGMENT})(?:/(.*))?$`);

/** The page a sub-page id names, or null for anything else (it comes from a link anyone can write). */
export function tabPageOf(subPageId: string): TabPage | null {
  const id = subPageId.trim().replace(/^\/+|\/+$/g, '');
  if (id === 'city') return { kind: 'city' };
  const unit = UNIT_PAGE.exec(id);
  return unit ? unitPageOf(unit[2] ?? '', unit[1]) : unitPageOf(id, undefined);
}

/** A unit's view under 'units/<id>/' (or under the tab's own unit when unitId is undefined). */
function unitPageOf(view: string, unitId: string | undefined): TabPage | null {
  const scoped = unitId === undefined ? {} : { unitId };
  if (view === '' || view === 'board') return { kind: 'board', ...scoped };
  if (view === 'action-plan') return { kind: 'actionPlan', ...scoped };
  const cp = /^control-points\/(\d{1,2})(\/evidence)?$/.exec(view);
  if (!cp) return null;
  const number = Number(cp[1]);
  return cp[2] ? { kind: 'controlPoint', number, section: 'evidence', ...scoped } : { kind: 'controlPoint', number, ...scoped };
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

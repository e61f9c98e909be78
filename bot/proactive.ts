/**
 * The schedule's messages (src/schedule/scheduler.ts) as the bot sends them: proactive messages
 * into saved conversations, a personal chat or a team channel
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages),
 * in the conversation's language, with links into the tab (deep links inside Teams).
 */
import type { ScheduledPoster } from '../src/schedule/scheduler.js';
import type { DueWork } from '../src/schedule/work-due.js';
import type { SavedConversation } from '../src/store/port.js';
import { tabLink } from './links.js';
import { fill, STRINGS } from './i18n.js';
import { changeContextFor, pagesOf, sendProactive, type PosterOptions, type UnitPages } from './poster.js';
import { reminderCard, weeklyDigestCard } from './schedule-cards.js';
import { cardUnit } from './cards.js';

export function createScheduledPoster(options: PosterOptions & { timeZone: string }): ScheduledPoster {
  const linkOf = (conversation: SavedConversation, page: UnitPages) => {
    const channelId = conversation.scope === 'channel' ? conversation.id : undefined;
    const t = STRINGS[conversation.locale];
    return (item: DueWork) =>
      item.controlPoint === null
        ? tabLink(options.links(), { page: page({ kind: 'actionPlan' }), label: t.openBoard, channelId })
        : tabLink(options.links(), {
            page: page({ kind: 'controlPoint', number: item.controlPoint }),
            label: fill(t.controlPointTitle, { n: item.controlPoint, title: '' }).replace(/:\s*$/, ''),
            channelId,
          });
  };
  return {
    async digest(conversation, digest) {
      const ctx = await changeContextFor(options, conversation, digest.unitId);
      return sendProactive(options, conversation, weeklyDigestCard(conversation.locale, digest, { ...ctx, timeZone: options.timeZone }));
    },
    async reminder(conversation, items, unitId) {
      const t = STRINGS[conversation.locale];
      const channelId = conversation.scope === 'channel' ? conversation.id : undefined;
      const page = await pagesOf(options, conversation, unitId);
      const card = reminderCard(conversation.locale, {
        items,
        personal: conversation.scope === 'personal',
        unit: cardUnit(await options.store.listUnits(), unitId, conversation.locale),
        linkOf: linkOf(conversation, page),
        boardUrl: tabLink(options.links(), { page: page({ kind: 'actionPlan' }), label: t.openBoard, channelId }),
      });
      return sendProactive(options, conversation, card);
    },
  };
}

/**
 * Bot Framework activities as Teams sends them (message, installationUpdate, conversationUpdate,
 * invoke adaptiveCard/action), for protocol and unit tests. Shapes follow
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events
 * and https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:dpo-board-bot', name: 'DPO Board' };
export const TENANT = '00000000-0000-0000-0000-0000000000001';
/** The Agents Playground's default users, mapped by bot/local-teams-users.json. */
export const USERS = {
  dpo: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  ciso: { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  stranger: { id: '29:stranger', name: 'Okänd Person', aadObjectId: '11111111-1111-1111-1111-111111111111' },
};
export type User = (typeof USERS)[keyof typeof USERS];

export interface Where {
  conversationId: string;
  scope: 'personal' | 'groupChat' | 'channel';
}

export const PERSONAL: Where = { conversationId: 'a:personal-dpo', scope: 'personal' };
export const CHANNEL: Where = { conversationId: '19:general@thread.tacv2', scope: 'channel' };
export const GROUP: Where = { conversationId: '19:group@thread.v2', scope: 'groupChat' };

export function activity(serviceUrl: string, where: Where, from: User, extra: Record<string, unknown>, locale = 'sv-SE') {
  const channelData: Record<string, unknown> = { tenant: { id: TENANT } };
  if (where.scope === 'channel') {
    channelData.team = { id: where.conversationId, name: 'Intraservice' };
    channelData.channel = { id: where.conversationId, name: 'General' };
  }
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from,
    recipient: BOT,
    conversation: {
      id: where.conversationId,
      conversationType: where.scope,
      tenantId: TENANT,
      ...(where.scope === 'personal' ? {} : { isGroup: true }),
    },
    locale,
    channelData,
    ...extra,
  };
}

export function message(serviceUrl: string, where: Where, from: User, text: string, locale = 'sv-SE') {
  if (where.scope === 'personal') return activity(serviceUrl, where, from, { type: 'message', text }, locale);
  const mention = `<at>${BOT.name}</at>`;
  return activity(
    serviceUrl,
    where,
    from,
    {
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', mentioned: BOT, text: mention }],
      conversation: {
        id: `${where.conversationId};messageid=1700000000000`,
        conversationType: where.scope,
        tenantId: TENANT,
        isGroup: true,
      },
    },
    locale,
  );
}

export function installation(serviceUrl: string, where: Where, from: User, action: 'add' | 'remove', locale = 'sv-SE') {
  return activity(serviceUrl, where, from, { type: 'installationUpdate', action }, locale);
}

export function membersAdded(serviceUrl: string, where: Where, from: User, locale = 'sv-SE') {
  return activity(serviceUrl, where, from, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }, locale);
}

export function cardAction(
  serviceUrl: string,
  where: Where,
  from: User,
  verb: string,
  data: Record<string, unknown>,
  locale = 'sv-SE',
  trigger = 'manual',
) {
  return activity(
    serviceUrl,
    where,
    from,
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'activity-1',
      value: { action: { type: 'Action.Execute', verb, data }, trigger },
    },
    locale,
  );
}

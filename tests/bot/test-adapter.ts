/**
 * The bot driven in process through botbuilder's TestAdapter, addressed as Teams addresses it: every
 * activity carries the channel `msteams`, the conversation, the person as `from`, the bot as `recipient`,
 * the locale and, when the conversation names one, the tenant in channelData. Shapes:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events
 * An invoke is answered by the bot's `invokeResponse` activity, whose value is the HTTP answer Teams gets
 * ({ status, body }): https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 */
import { randomUUID } from 'node:crypto';
import {
  TestAdapter,
  type Activity,
  type ChannelAccount,
  type ConversationAccount,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { BOT } from './activities.js';
import type { Json } from './http-bot.js';

/** Where and by whom: the conversation (its tenantId, when set, goes to channelData too), the person and their locale. */
export interface TeamsTurn {
  conversation: ConversationAccount;
  user: ChannelAccount;
  locale: string;
}

/** Anything that runs a turn (DpoBot). */
export interface RunsTurns {
  run(context: TurnContext): Promise<void>;
}

/** A TestAdapter whose every activity is addressed as Teams addresses the bot in the turn's conversation. */
export function teamsAdapter(bot: RunsTurns, turn: TeamsTurn): TestAdapter {
  const template = {
    channelId: 'msteams',
    conversation: turn.conversation,
    from: turn.user,
    recipient: BOT,
    locale: turn.locale,
  } satisfies Partial<Activity>;
  return new TestAdapter((context) => bot.run(context), template);
}

/** Runs one activity through the bot; what the bot sent back, in order. */
export async function runTurn(bot: RunsTurns, turn: TeamsTurn, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const adapter = teamsAdapter(bot, turn);
  const tenantId = turn.conversation.tenantId;
  const sent = {
    id: randomUUID(),
    from: turn.user,
    locale: turn.locale,
    ...(tenantId ? { channelData: { tenant: { id: tenantId } } } : {}),
    ...activity,
  } satisfies Partial<Activity>;
  await adapter.send(sent).startTest();
  return adapter.activeQueue.splice(0);
}

/** Runs one invoke (`composeExtension/query`, `adaptiveCard/action`, …) and answers the body Teams would get, or null. */
export async function invokeBody(bot: RunsTurns, turn: TeamsTurn, name: string, value: unknown): Promise<Json | null> {
  const replies = await runTurn(bot, turn, { type: 'invoke', name, value });
  const response: InvokeResponse<Json> | undefined = replies.find((a) => a.type === 'invokeResponse')?.value;
  return response?.body ?? null;
}

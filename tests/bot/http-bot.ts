/**
 * The bot over real HTTP, for protocol tests: activities (tests/bot/activities.ts) POSTed to the real
 * server's /api/messages, the bot's replies and proactive posts read from the recording Bot Connector
 * (tests/bot/connector.ts). Replies in a channel go to the message's thread, as Teams threads them:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations
 */
import { expect } from 'vitest';
import type { TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import type { FakeConnector, ReceivedActivity } from './connector.js';

export type Json = Record<string, any>;

/** The first attachment's Adaptive Card, and the same as one string to search. */
export const cardOf = (r: ReceivedActivity | { activity: Json }) => r.activity.attachments?.[0]?.content as Json;
export const textOf = (r: ReceivedActivity | { activity: Json }) => JSON.stringify(cardOf(r));

export interface BotOverHttp {
  /** POSTs one activity; the HTTP status and the invoke's body (null for a message). */
  send: (activity: Json) => Promise<{ status: number; body: Json | null }>;
  /** Says something in the conversation (a channel mentions the bot) and answers the bot's reply there. */
  say: (where: A.Where, user: A.User, words: string, locale?: string) => Promise<ReceivedActivity>;
  /** Installs the app in the conversation and answers its welcome card. */
  install: (where: A.Where, user: A.User, locale?: string) => Promise<ReceivedActivity>;
  /** Lets the change feed read the log and the status posts finish. */
  settle: () => Promise<void>;
}

export function botOverHttp(server: TestServer, connector: FakeConnector): BotOverHttp {
  const send: BotOverHttp['send'] = async (activity) => {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = await res.text();
    return { status: res.status, body: body ? (JSON.parse(body) as Json) : null };
  };
  return {
    send,
    say: async (where, user, words, locale = 'sv-SE') => {
      const thread = where.scope === 'channel' ? `${where.conversationId};messageid=1700000000000` : where.conversationId;
      const before = connector.of(thread).length;
      expect((await send(A.message(connector.url, where, user, words, locale))).status).toBe(200);
      return (await connector.waitFor(thread, before + 1))[before]!;
    },
    install: async (where, user, locale = 'sv-SE') => {
      const before = connector.of(where.conversationId).length;
      expect((await send(A.installation(connector.url, where, user, 'add', locale))).status).toBe(200);
      return (await connector.waitFor(where.conversationId, before + 1))[before]!;
    },
    settle: async () => {
      await server.feed.poke();
      await server.bot!.notifier.idle();
    },
  };
}

/**
 * A local Bot Connector service for protocol tests: the endpoints the bot calls on its
 * serviceUrl, as the Bot Framework REST API defines them
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
 * POST /v3/conversations/{conversationId}/activities[/{activityId}] (send / reply) answering
 * a ResourceResponse { id }, PUT /v3/conversations/{conversationId}/activities/{activityId} (update a sent
 * activity in place, https://learn.microsoft.com/microsoftteams/platform/bots/how-to/update-and-delete-bot-messages),
 * POST /v3/conversations (create a conversation: isGroup false, one member, the tenant; answers a
 * ConversationResourceResponse { id }, as the reference's "Create Conversation" says), and
 * GET /v3/conversations/{conversationId}/pagedmembers.
 * Tests read what arrived and can make a conversation answer 403, 429 or 5xx, or hold a post
 * unanswered (the sender is killed meanwhile: the post never reaches Teams).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ReceivedActivity {
  conversationId: string;
  /** The id the connector answered (activity-<n>); an update in place names it. */
  id?: string;
  replyToId: string | undefined;
  activity: Record<string, unknown> & {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  };
}

export interface Failure {
  status: number;
  /** How many requests fail before the conversation works again (Infinity: for good). */
  times: number;
  retryAfterSeconds?: number;
}

/** A post the connector received but has not answered yet. */
export interface HeldPost {
  /** Resolves when the post arrived, with the sender's local TCP port (which process sent it). */
  arrived: Promise<{ senderPort: number }>;
  /** Answers it now: it reaches the conversation (is recorded) as any other. */
  deliver(): void;
  /** Drops it unanswered: it never reaches the conversation (its sender was killed meanwhile). */
  drop(): void;
}

export interface FakeConnector {
  url: string;
  received: ReceivedActivity[];
  /** Requests the connector answered with an error, per conversation. */
  refused: { conversationId: string; status: number }[];
  failNext(conversationId: string, failure: Failure): void;
  /** Holds the next post to the conversation unanswered until the test delivers or drops it. */
  holdNext(conversationId: string): HeldPost;
  members: { id: string; name: string; aadObjectId?: string }[];
  /** GET pagedmembers requests, per conversation id. */
  memberReads: Map<string, number>;
  /** Activities updated in place (PUT), oldest first. */
  updated: ReceivedActivity[];
  /** Conversations the bot created (POST /v3/conversations): the parameters it sent and the id answered. */
  created: { id: string; parameters: Record<string, unknown> }[];
  /** Resolves when `count` activities arrived in the conversation (or rejects after timeoutMs). */
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  of(conversationId: string): ReceivedActivity[];
  close(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  const received: ReceivedActivity[] = [];
  const refused: FakeConnector['refused'] = [];
  const failures = new Map<string, Failure>();
  const holds = new Map<string, (req: express.Request, res: express.Response) => void>();
  const waiters: (() => void)[] = [];
  let next = 1;
  const members = [
    { id: 'user-dpo', name: 'Dataskyddsombud', aadObjectId: 'aad-dpo' },
    { id: 'user-ciso', name: 'CISO', aadObjectId: 'aad-ciso' },
  ];

  const record = (req: express.Request, res: express.Response) => {
    const conversationId = String(req.params.conversationId);
    const id = `activity-${next++}`;
    received.push({
      conversationId,
      id,
      replyToId: req.params.activityId ? String(req.params.activityId) : undefined,
      activity: req.body as ReceivedActivity['activity'],
    });
    for (const w of waiters.splice(0)) w();
    res.status(200).json({ id });
  };
  const take = (req: express.Request, res: express.Response) => {
    const conversationId = String(req.params.conversationId);
    const hold = holds.get(conversationId);
    if (hold) {
      holds.delete(conversationId);
      hold(req, res);
      return;
    }
    const failure = failures.get(conversationId);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      refused.push({ conversationId, status: failure.status });
      if (failure.retryAfterSeconds !== undefined) res.set('Retry-After', String(failure.retryAfterSeconds));
      res.status(failure.status).json({
        error: { code: failure.status === 403 ? 'BotNotInConversationRoster' : 'ServiceError', message: `status ${failure.status}` },
      });
      return;
    }
    record(req, res);
  };
  app.post('/v3/conversations/:conversationId/activities', take);
  app.post('/v3/conversations/:conversationId/activities/:activityId', take);
  const updated: ReceivedActivity[] = [];
  const created: { id: string; parameters: Record<string, unknown> }[] = [];
  app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    const activity = req.body as ReceivedActivity['activity'];
    if (activity.id !== req.params.activityId) {
      res.status(400).json({ error: { code: 'BadArgument', message: 'activity id does not match the address' } });
      return;
    }
    updated.push({ conversationId: String(req.params.conversationId), replyToId: undefined, activity });
    for (const w of waiters.splice(0)) w();
    res.status(200).json({ id: String(req.params.activityId) });
  });
  app.post('/v3/conversations', (req, res) => {
    const parameters = req.body as { isGroup?: boolean; members?: { id?: string }[]; tenantId?: string };
    const member = parameters.members?.[0]?.id;
    // Teams creates 1:1 chats only (isGroup false, exactly one member, the tenant named).
    if (parameters.isGroup !== false || parameters.members?.length !== 1 || !member || !parameters.tenantId) {
      res.status(400).json({ error: { code: 'BadArgument', message: 'a personal conversation needs one member and the tenant' } });
      return;
    }
    const id = `a:created-${member}`;
    created.push({ id, parameters: req.body as Record<string, unknown> });
    res.status(201).json({ id, activityId: '' });
  });
  const memberReads = new Map<string, number>();
  app.get('/v3/conversations/:conversationId/pagedmembers', (req, res) => {
    memberReads.set(req.params.conversationId, (memberReads.get(req.params.conversationId) ?? 0) + 1);
    res.json({ members });
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const of = (conversationId: string) => received.filter((r) => r.conversationId === conversationId);
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    refused,
    members,
    memberReads,
    updated,
    created,
    failNext(conversationId, failure) {
      failures.set(conversationId, { ...failure });
    },
    holdNext(conversationId) {
      let arrived!: (value: { senderPort: number }) => void;
      let parked: { req: express.Request; res: express.Response } | undefined;
      holds.set(conversationId, (req, res) => {
        parked = { req, res };
        arrived({ senderPort: req.socket.remotePort ?? 0 });
      });
      return {
        arrived: new Promise((resolve) => (arrived = resolve)),
        deliver() {
          if (parked) record(parked.req, parked.res);
        },
        drop() {
          parked?.res.socket?.destroy();
        },
      };
    },
    of,
    waitFor(conversationId, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${count} activities in ${conversationId}; got ${of(conversationId).length}`)),
          timeoutMs,
        );
        const check = () => {
          if (of(conversationId).length >= count) {
            clearTimeout(timer);
            resolve(of(conversationId));
          } else waiters.push(check);
        };
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

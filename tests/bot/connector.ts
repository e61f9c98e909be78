/**
 * A local Bot Connector service for protocol tests: the endpoints the bot calls on its
 * serviceUrl, as the Bot Framework REST API defines them
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
 * POST /v3/conversations/{conversationId}/activities[/{activityId}] (send / reply) answering
 * a ResourceResponse { id }, and GET /v3/conversations/{conversationId}/pagedmembers.
 * Tests read what arrived and can make a conversation answer 403, 429 or 5xx.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ReceivedActivity {
  conversationId: string;
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

export interface FakeConnector {
  url: string;
  received: ReceivedActivity[];
  /** Requests the connector answered with an error, per conversation. */
  refused: { conversationId: string; status: number }[];
  failNext(conversationId: string, failure: Failure): void;
  members: { id: string; name: string; aadObjectId?: string }[];
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
  const waiters: (() => void)[] = [];
  let next = 1;
  const members = [
    { id: 'user-dpo', name: 'Dataskyddsombud', aadObjectId: 'aad-dpo' },
    { id: 'user-ciso', name: 'CISO', aadObjectId: 'aad-ciso' },
  ];

  const take = (req: express.Request, res: express.Response) => {
    const conversationId = String(req.params.conversationId);
    const failure = failures.get(conversationId);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      refused.push({ conversationId, status: failure.status });
      if (failure.retryAfterSeconds !== undefined) res.set('Retry-After', String(failure.retryAfterSeconds));
      res.status(failure.status).json({ error: { code: failure.status === 403 ? 'BotNotInConversationRoster' : 'ServiceError', message: `status ${failure.status}` } });
      return;
    }
    received.push({ conversationId, replyToId: req.params.activityId ? String(req.params.activityId) : undefined, activity: req.body });
    for (const w of waiters.splice(0)) w();
    res.status(200).json({ id: `activity-${next++}` });
  };
  app.post('/v3/conversations/:conversationId/activities', take);
  app.post('/v3/conversations/:conversationId/activities/:activityId', take);
  app.get('/v3/conversations/:conversationId/pagedmembers', (_req, res) => {
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
    failNext(conversationId, failure) {
      failures.set(conversationId, { ...failure });
    },
    of,
    waitFor(conversationId, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} activities in ${conversationId}; got ${of(conversationId).length}`)), timeoutMs);
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

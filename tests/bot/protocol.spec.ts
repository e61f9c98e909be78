/**
 * Protocol tests: real Bot Framework activities POSTed over HTTP to /api/messages of the real
 * server (temp SQLite file), with the bot's replies and proactive posts received by a local
 * Bot Connector endpoint that the activities name as their serviceUrl.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector } from './connector.js';
import { botOverHttp, type Json } from './http-bot.js';

const FAST = { BOT_POST_RETRY_MS: '50', BOT_POST_ATTEMPTS: '4', BOT_POST_RETRY_LATER_S: '0.3' };

describe('bot over the Bot Framework protocol', { timeout: 60_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;
  let dataDir: string;

  beforeEach(async () => {
    connector = await startConnector();
    dataDir = tempDataDir();
    server = await startTestServer(FAST, dataDir);
  });
  afterEach(async () => {
    await server.dispose();
    await connector.close();
  });

  const send = (activity: Json) => botOverHttp(server, connector).send(activity);
  const card = (r: { activity: Json }) => r.activity.attachments?.[0]?.content as Json;
  const cardText = (r: { activity: Json }) => JSON.stringify(card(r));
  const settle = () => botOverHttp(server, connector).settle();

  async function installEverywhere(): Promise<void> {
    expect((await send(A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'))).status).toBe(200);
    expect((await send(A.membersAdded(connector.url, A.CHANNEL, A.USERS.ciso))).status).toBe(200);
    expect((await send(A.installation(connector.url, A.PERSONAL, A.USERS.dpo, 'add'))).status).toBe(200);
    expect((await send(A.installation(connector.url, A.GROUP, A.USERS.dpo, 'add', 'en-US'))).status).toBe(200);
    await connector.waitFor(A.CHANNEL.conversationId, 1);
    await connector.waitFor(A.PERSONAL.conversationId, 1);
    await connector.waitFor(A.GROUP.conversationId, 1);
  }

  it('welcomes once per installation, remembers the conversation across a restart and forgets it on removal', async () => {
    await installEverywhere();
    expect(connector.of(A.CHANNEL.conversationId)).toHaveLength(1);
    expect(cardText(connector.of(A.CHANNEL.conversationId)[0]!)).toContain('Välkommen till DPO Board');
    expect(cardText(connector.of(A.GROUP.conversationId)[0]!)).toContain('Welcome to DPO Board');
    expect(cardText(connector.of(A.PERSONAL.conversationId)[0]!)).toContain('prenumerera');
    await server.close();
    server = await startTestServer(FAST, dataDir);
    const saved = await server.store.appState.listConversations();
    expect(saved.map((c) => [c.id, c.scope])).toEqual([
      [A.CHANNEL.conversationId, 'channel'],
      [A.PERSONAL.conversationId, 'personal'],
      [A.GROUP.conversationId, 'groupChat'],
    ]);
    expect(saved[0]!.reference).toMatchObject({ serviceUrl: connector.url, conversation: { id: A.CHANNEL.conversationId } });
    await send(A.installation(connector.url, A.GROUP, A.USERS.dpo, 'remove'));
    expect(await server.store.appState.getConversation(A.GROUP.conversationId)).toBeNull();
    // The team is deleted: Teams sends conversationUpdate with channelData.eventType teamDeleted.
    const deleted = A.activity(connector.url, A.CHANNEL, A.USERS.ciso, { type: 'conversationUpdate' });
    deleted.channelData = {
      ...deleted.channelData,
      eventType: 'teamDeleted',
      team: { id: A.CHANNEL.conversationId, name: 'Intraservice' },
    };
    expect((await send(deleted)).status).toBe(200);
    expect(await server.store.appState.getConversation(A.CHANNEL.conversationId)).toBeNull();
    expect(await server.store.appState.getConversation(A.PERSONAL.conversationId)).not.toBeNull();
  });

  it('answers commands in a channel thread, with the @mention stripped', async () => {
    await send(A.message(connector.url, A.CHANNEL, A.USERS.ciso, 'STATUS 7', 'en-US'));
    const [reply] = await connector.waitFor(`${A.CHANNEL.conversationId};messageid=1700000000000`, 1);
    expect(card(reply!).body[0].text).toMatch(/^Control point 7: /);
    expect(reply!.replyToId).toBeDefined();
  });

  it("stores the DPO's assessment from Action.Execute once, answers with the updated card, and refuses others", async () => {
    const data = { cp: 6, unit: 'intraservice', year: 2023, formId: 'form-0000-1111', level: '3', comment: 'Rutin införd under hösten.' };
    const before = (await server.store.getControlPointData('intraservice', 6)).assessments.length;
    const ciso = await send(A.cardAction(connector.url, A.PERSONAL, A.USERS.ciso, 'assessment.submit', data));
    expect(ciso.status).toBe(200);
    expect(ciso.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(ciso.body!.value)).toContain('Bara dataskyddsombudet kan bedöma');
    expect((await server.store.getControlPointData('intraservice', 6)).assessments).toHaveLength(before);

    const first = await send(A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.submit', data));
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const updated = JSON.stringify(first.body!.value);
    expect(updated).toContain('Bedömningen är sparad.');
    expect(updated).toMatch(/Dataskyddsombud \(demo\) bedömde .*: Nivå 3 av 5/);
    expect(first.body!.value.refresh).toMatchObject({
      action: { verb: 'assessment.refresh' },
      userIds: expect.arrayContaining(['user-dpo']),
    });
    // Teams retries after 15 s; a double click sends the same form twice at once.
    const again = await Promise.all(
      [0, 1, 2].map(() => send(A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.submit', data))),
    );
    for (const r of again) expect(r.body!.statusCode).toBe(200);
    const after = (await server.store.getControlPointData('intraservice', 6)).assessments;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ level: 3, comment: 'Rutin införd under hösten.', assessedBy: 'dpo' });
    const logged = (await server.store.changesSince(0, 10_000)).filter((c) => c.kind === 'assessment.added' && c.source === 'bot');
    expect(logged).toHaveLength(1);
  });

  it('asks for a level when none is chosen, and rejects malformed actions with 400', async () => {
    const none = await send(
      A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.submit', {
        cp: 6,
        unit: 'intraservice',
        year: 2023,
        formId: 'form-0000-2222',
        level: '',
      }),
    );
    expect(JSON.stringify(none.body!.value)).toContain('Välj en nivå.');
    const offScale = await send(
      A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.submit', {
        cp: 6,
        unit: 'intraservice',
        year: 2023,
        formId: 'form-0000-3333',
        level: '9',
      }),
    );
    expect(JSON.stringify(offScale.body!.value)).toContain('Nivån 9 finns inte på skalan');
    const bad = await send(A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.delete', { cp: 6 }));
    expect(bad.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    const badCp = await send(
      A.cardAction(connector.url, A.PERSONAL, A.USERS.dpo, 'assessment.submit', {
        cp: 99,
        unit: 'intraservice',
        year: 2023,
        formId: 'form-0000-4444',
        level: '2',
      }),
    );
    expect(badCp.body!.statusCode).toBe(400);
    expect((await server.store.changesSince(0, 10_000)).some((c) => c.source === 'bot')).toBe(false);
  });

  it('refreshes the card for other users as read-only', async () => {
    const r = await send(
      A.cardAction(
        connector.url,
        A.CHANNEL,
        A.USERS.ciso,
        'assessment.refresh',
        { cp: 4, unit: 'intraservice', year: 2023 },
        'en-US',
        'automatic',
      ),
    );
    const value = r.body!.value as Json;
    expect(value.body[0].text).toMatch(/^Assess control point 4/);
    expect(value.body.some((b: Json) => String(b.type).startsWith('Input.'))).toBe(false);
  });

  it('reads the conversation members once for many viewers refreshing a card, and again after members change', async () => {
    // Teams sends a refresh for every viewer listed in refresh.userIds; each answer lists them again
    // (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views).
    const refresh = (user: A.User) =>
      send(
        A.cardAction(
          connector.url,
          A.CHANNEL,
          user,
          'assessment.refresh',
          { cp: 4, unit: 'intraservice', year: 2023 },
          'sv-SE',
          'automatic',
        ),
      );
    const viewers = [A.USERS.ciso, A.USERS.dpo, A.USERS.stranger, A.USERS.ciso, A.USERS.dpo];
    const answers = await Promise.all(viewers.map(refresh));
    const memberIds = connector.members.map((m) => m.id);
    for (const answer of answers) expect((answer.body!.value as Json).refresh.userIds).toEqual(expect.arrayContaining(memberIds));
    expect(connector.memberReads.get(A.CHANNEL.conversationId)).toBe(1);
    // A member joins: the next card reads the members again.
    expect((await send(A.membersAdded(connector.url, A.CHANNEL, A.USERS.stranger))).status).toBe(200);
    await refresh(A.USERS.dpo);
    expect(connector.memberReads.get(A.CHANNEL.conversationId)).toBe(2);
  });

  it('posts each status change once to every channel and subscribed personal chat, with a link to the control point', async () => {
    await installEverywhere();
    await send(A.message(connector.url, A.PERSONAL, A.USERS.dpo, 'prenumerera'));
    await connector.waitFor(A.PERSONAL.conversationId, 2);
    const res = await server.call('ciso', 'POST', '/api/control-points/4/status-updates', {
      text: 'Registret är uppdaterat.',
      unitLevel: 3,
    });
    expect(res.status).toBe(201);
    await connector.waitFor(A.CHANNEL.conversationId, 2);
    await connector.waitFor(A.PERSONAL.conversationId, 3);
    await settle();
    const channelPost = connector.of(A.CHANNEL.conversationId)[1]!;
    expect(channelPost.replyToId).toBeUndefined();
    expect(card(channelPost).body[0].text).toBe('Ny status från förvaltningen');
    expect(card(channelPost).actions[0].url).toBe(`${server.url}/tab/control-points/4`);
    // A non-status change (an activity) is not posted; the group chat never subscribed.
    await server.call('ciso', 'POST', '/api/control-points/4/activities', {
      text: 'Ny aktivitet',
      state: 'planned',
      dueFrom: null,
      dueTo: null,
      workPackage: null,
    });
    await settle();
    expect(connector.of(A.CHANNEL.conversationId)).toHaveLength(2);
    expect(connector.of(A.PERSONAL.conversationId)).toHaveLength(3);
    expect(connector.of(A.GROUP.conversationId)).toHaveLength(1);
  });

  it('turns many changes at once into one digest card', async () => {
    await installEverywhere();
    const ctx = {
      actor: { id: 'ciso', displayName: 'CISO', roles: ['ciso' as const], grants: [{ role: 'ciso' as const, units: '*' as const }] },
      source: 'api' as const,
      now: new Date(),
    };
    for (const n of [1, 2, 3, 4, 5]) {
      await server.store.addStatusUpdate(
        { unitId: 'intraservice', year: 2023, controlPoint: n, statusDate: '2026-11-28', text: `Status ${n}`, unitLevel: null },
        ctx,
      );
    }
    await settle();
    const posts = connector.of(A.CHANNEL.conversationId).slice(1);
    expect(posts).toHaveLength(1);
    expect(card(posts[0]!).body[0].text).toBe('5 ändringar på tavlan');
    expect(card(posts[0]!).body[2].facts).toHaveLength(5);
  });

  it('forgets a conversation that answers 403, and retries 429 and 5xx until the post is delivered once', async () => {
    await installEverywhere();
    await send(A.message(connector.url, A.PERSONAL, A.USERS.dpo, 'prenumerera'));
    await connector.waitFor(A.PERSONAL.conversationId, 2);
    connector.failNext(A.PERSONAL.conversationId, { status: 403, times: Infinity });
    connector.failNext(A.CHANNEL.conversationId, { status: 429, times: 1, retryAfterSeconds: 0 });
    await server.call('dpo', 'POST', '/api/control-points/1/assessments', { level: 4, comment: 'Bättre.' });
    await settle();
    expect(await server.store.appState.getConversation(A.PERSONAL.conversationId)).toBeNull();
    expect(connector.of(A.CHANNEL.conversationId).slice(1)).toHaveLength(1);

    connector.failNext(A.CHANNEL.conversationId, { status: 502, times: 2 });
    await server.call('dpo', 'POST', '/api/control-points/2/assessments', { level: 2, comment: 'Oförändrat.' });
    await settle();
    const posts = connector.of(A.CHANNEL.conversationId).slice(1);
    expect(posts.map((p) => card(p).body[0].text)).toEqual(['Ny bedömning av dataskyddsombudet', 'Ny bedömning av dataskyddsombudet']);
    expect(connector.refused.map((r) => r.status).sort()).toEqual([403, 429, 502, 502]);
  });

  it('never loses a post while the channel keeps failing, and posts it exactly once after a restart', async () => {
    await installEverywhere();
    await server.call('ciso', 'PATCH', '/api/instructions/5', { state: 'done' });
    await settle();
    expect(connector.of(A.CHANNEL.conversationId)).toHaveLength(2);
    // 429 with Retry-After 0: the connector client's own throttling retries (3) are immediate, so the notifier gives up fast.
    connector.failNext(A.CHANNEL.conversationId, { status: 429, times: Infinity, retryAfterSeconds: 0 });
    await server.call('dpo', 'POST', '/api/control-points/3/assessments', { level: 3, comment: 'Under arbete.' });
    await settle();
    expect(connector.refused.length).toBeGreaterThanOrEqual(4);
    await server.close();
    connector.failNext(A.CHANNEL.conversationId, { status: 429, times: 0 });
    server = await startTestServer(FAST, dataDir);
    await connector.waitFor(A.CHANNEL.conversationId, 3);
    await settle();
    await server.close();
    server = await startTestServer(FAST, dataDir);
    await settle();
    const posts = connector
      .of(A.CHANNEL.conversationId)
      .slice(1)
      .map((p) => card(p).body[0].text as string);
    expect(posts).toEqual([expect.stringMatching(/^Anvisning .* ändrad$/), 'Ny bedömning av dataskyddsombudet']);
  }, 60_000);

  it('accepts no unauthenticated traffic that would send replies off this machine', async () => {
    const r = await send(A.message('https://smba.trafficmanager.net/emea/', A.PERSONAL, A.USERS.dpo, 'hjälp'));
    expect(r.status).toBe(401);
    expect(connector.received).toHaveLength(0);
  });
});

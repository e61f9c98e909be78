/**
 * Status requests over the Bot Framework protocol (issue 13 item 3): real activities POSTed to the
 * real server's /api/messages (temp SQLite file), the bot's cards received by the recording Bot
 * Connector (tests/bot/connector.ts). Pages followed:
 * - Action.Execute and refresh: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 * - proactive messages, creating the personal chat: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * - updating a card in place: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/update-and-delete-bot-messages
 * Time is injected: the reminders are asked for with a date past the due date, nothing waits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/commands.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector, type ReceivedActivity } from './connector.js';
import { botOverHttp, type Json } from './http-bot.js';

const FAST = { BOT_POST_RETRY_MS: '50', BOT_POST_ATTEMPTS: '4', BOT_POST_RETRY_LATER_S: '0.3' };
const UNIT = 'intraservice';
/** The Agents Playground's default users 2 and 3, mapped to the demo editor and reader (bot/local-teams-users.json). */
const READER = { id: 'user-id-3', name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000023' };
const CISO_CHAT: A.Where = { conversationId: 'a:personal-ciso', scope: 'personal' };
const READER_CHAT: A.Where = { conversationId: 'a:personal-reader', scope: 'personal' };
const THREAD = `${A.CHANNEL.conversationId};messageid=1700000000000`;

const card = (r: ReceivedActivity) => r.activity.attachments?.[0]?.content as Json;
const text = (r: ReceivedActivity) => JSON.stringify(card(r));
const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('status requests over the Bot Framework protocol', { timeout: 60_000 }, () => {
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
  const desk = () => server.bot!.statusRequests!;
  const requests = () => server.store.statusRequests!;
  const settle = () => botOverHttp(server, connector).settle();

  /** The team's roster: the Playground's people, as Teams names them. */
  const roster = (...people: A.User[]) => connector.members.splice(0, connector.members.length, ...people.map((p) => ({ ...p })));

  /** The bot in the team's channel and in the CISO's personal chat, each welcomed once. */
  async function install(): Promise<void> {
    roster(A.USERS.dpo, A.USERS.ciso, READER);
    expect((await send(A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'))).status).toBe(200);
    expect((await send(A.installation(connector.url, CISO_CHAT, A.USERS.ciso, 'add'))).status).toBe(200);
    await connector.waitFor(A.CHANNEL.conversationId, 1);
    await connector.waitFor(CISO_CHAT.conversationId, 1);
  }

  async function statusCount(): Promise<number> {
    return (await server.store.getControlPointData(UNIT, 4)).statusUpdates.length;
  }

  it('parses "begär status 4" and "request status 4", and nothing else as a request', () => {
    expect(parseCommand('begär status 4')).toEqual({ kind: 'requestStatus', controlPoint: 4 });
    expect(parseCommand('Begär Status #12')).toEqual({ kind: 'requestStatus', controlPoint: 12 });
    expect(parseCommand('request status no 7')).toEqual({ kind: 'requestStatus', controlPoint: 7 });
    expect(parseCommand('begär status')).toMatchObject({ kind: 'unknown' });
    expect(parseCommand('status 4')).toEqual({ kind: 'statusOf', controlPoint: 4 });
  });

  it("asks the owner in their personal chat, stores the answer under the answerer's name once, posts it and updates the requester's card", async () => {
    await install();
    const before = await statusCount();
    await send(A.message(connector.url, A.CHANNEL, A.USERS.dpo, 'begär status 4'));
    const [asked] = (await connector.waitFor(CISO_CHAT.conversationId, 2)).slice(1);
    const [copy] = await connector.waitFor(THREAD, 1);

    // The owner "CISO Intraservice" is the person holding the CISO role: Megan Bowen, in her personal chat.
    const [request] = await requests().listOpen(UNIT);
    expect(request).toMatchObject({
      controlPoint: 4,
      askedId: A.USERS.ciso.id,
      askedName: 'Megan Bowen',
      requestedBy: 'dpo',
      state: 'open',
    });
    expect(text(asked!)).toContain('Begärd status: kontrollpunkt 4');
    expect(text(asked!)).toContain(`Dataskyddsombud (demo) ber Megan Bowen om en ny status. Svara senast ${request!.dueDate}.`);
    const inputs = (card(asked!).body as Json[]).filter((b) => String(b.type).startsWith('Input.'));
    expect(inputs.map((i) => [i.type, i.id])).toEqual([
      ['Input.Text', 'text'],
      ['Input.ChoiceSet', 'unitLevel'],
    ]);
    expect(inputs[1]!.choices).toHaveLength(server.store.scale.levels.length);
    expect(card(asked!).actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'statusRequest.answer',
      data: { id: request!.id, unit: UNIT },
    });
    expect(card(asked!).refresh).toMatchObject({ action: { verb: 'statusRequest.refresh' }, userIds: [A.USERS.ciso.id] });
    expect(text(copy!)).toContain('Förfrågan är skickad till Megan Bowen');
    expect(JSON.stringify(card(copy!).body)).not.toContain('Input.');

    // The request itself is a change the channel hears of (statusRequest.created): who asked whom, by when.
    await settle();
    const [requestPost, ...morePosts] = connector.of(A.CHANNEL.conversationId).slice(1);
    expect(morePosts).toEqual([]);
    expect(text(requestPost!)).toContain('Status begärd');
    expect(text(requestPost!)).toContain(
      `Dataskyddsombud (demo) bad Megan Bowen om ny status för kontrollpunkt 4, senast ${request!.dueDate}`,
    );
    expect(text(requestPost!)).not.toContain(A.USERS.ciso.id);

    // A reader is refused with the card, and nothing is stored.
    const data = { id: request!.id, unit: UNIT, text: 'Incidentrutinen är beslutad och införd.', unitLevel: '3' };
    const refused = await send(A.cardAction(connector.url, READER_CHAT, READER, 'statusRequest.answer', data));
    expect(refused.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(refused.body!.value)).toContain('Bara den som får uppdatera förvaltningens status');
    expect(await statusCount()).toBe(before);
    expect((await requests().get(UNIT, request!.id)).state).toBe('open');

    // The CISO answers; Teams' retry and a double click send the same answer again.
    const answers = await Promise.all(
      [0, 1, 2].map(() => send(A.cardAction(connector.url, CISO_CHAT, A.USERS.ciso, 'statusRequest.answer', data))),
    );
    for (const a of answers) expect(a.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const answered = answers.map((a) => JSON.stringify(a.body!.value));
    // One answer closes the request; the others (however the race went) are told it was answered already.
    const [saved, ...others] = [...answered].sort(
      (a, b) => Number(b.includes('Tack! Statusen är sparad')) - Number(a.includes('Tack! Statusen är sparad')),
    );
    expect(saved).toContain('Tack! Statusen är sparad');
    expect(saved).toMatch(/Besvarad av CISO Intraservice \(demo\) den /);
    for (const a of others) expect(a).toContain('Förfrågan var redan besvarad.');
    expect(await statusCount()).toBe(before + 1);
    const stored = (await server.store.getControlPointData(UNIT, 4)).statusUpdates.at(-1);
    expect(stored).toMatchObject({ text: data.text, unitLevel: 3, author: 'ciso', authorName: 'CISO Intraservice (demo)' });
    const logged = (await server.store.changesSince(0, 10_000)).filter((c) => c.kind === 'status.added' && c.source === 'bot');
    expect(logged).toHaveLength(1);

    // Posted to the channel like any other change: the welcome, the request, and now the answer.
    await settle();
    const posts = connector.of(A.CHANNEL.conversationId);
    expect(posts).toHaveLength(3);
    expect(text(posts[2]!)).toContain('Ny status från förvaltningen');
    expect(text(posts[2]!)).toContain(data.text);

    // The requester's card, and the card in the CISO's chat, updated in place.
    const updates = connector.updated.filter((u) => u.activity.id === copy!.id);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.conversationId).toBe(THREAD);
    expect(JSON.stringify(updates[0]!.activity)).toMatch(/Besvarad av CISO Intraservice \(demo\) den /);
    expect(connector.updated.filter((u) => u.activity.id === asked!.id)).toHaveLength(1);
    expect(await requests().listOpen(UNIT)).toEqual([]);
  });

  it('sends a request that is not answered by its due date exactly one reminder, across two callers and a restart', async () => {
    await install();
    await send(A.message(connector.url, A.CHANNEL, A.USERS.dpo, 'request status 7', 'en-US'));
    await connector.waitFor(CISO_CHAT.conversationId, 2);
    const [request] = await requests().listOpen(UNIT);
    const onDueDate = new Date(`${request!.dueDate}T12:00:00Z`);
    const dayAfterDue = new Date(`${dayAfter(request!.dueDate, 1)}T07:00:00Z`);

    expect(await desk().remindPastDue(onDueDate)).toBe(0);
    const sent = await Promise.all([desk().remindPastDue(dayAfterDue), desk().remindPastDue(dayAfterDue)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    const inChat = await connector.waitFor(CISO_CHAT.conversationId, 3);
    expect(text(inChat[2]!)).toContain(`Påminnelse: svaret skulle ha kommit senast ${request!.dueDate}.`);
    expect(text(inChat[2]!)).toContain('statusRequest.answer');

    await server.close();
    server = await startTestServer(FAST, dataDir);
    expect(await desk().remindPastDue(new Date(`${dayAfter(request!.dueDate, 8)}T07:00:00Z`))).toBe(0);
    expect(connector.of(CISO_CHAT.conversationId)).toHaveLength(3);
  });

  it('sends one reminder when two instances on one database look at the same moment', async () => {
    await install();
    await send(A.message(connector.url, A.CHANNEL, A.USERS.dpo, 'begär status 4'));
    await connector.waitFor(CISO_CHAT.conversationId, 2);
    const [request] = await requests().listOpen(UNIT);
    const other = await startTestServer(FAST, dataDir);
    try {
      const late = new Date(`${dayAfter(request!.dueDate, 2)}T07:00:00Z`);
      const sent = await Promise.all([desk().remindPastDue(late), other.bot!.statusRequests!.remindPastDue(late)]);
      expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await other.bot!.statusRequests!.remindPastDue(late)).toBe(0);
    } finally {
      await other.close();
    }
    const reminders = (await connector.waitFor(CISO_CHAT.conversationId, 3)).filter((r) => text(r).includes('Påminnelse'));
    expect(reminders).toHaveLength(1);
  });

  it('sends no reminder for an answered request', async () => {
    await install();
    await send(A.message(connector.url, A.CHANNEL, A.USERS.dpo, 'begär status 4'));
    await connector.waitFor(CISO_CHAT.conversationId, 2);
    const [request] = await requests().listOpen(UNIT);
    const data = { id: request!.id, unit: UNIT, text: 'Klart.', unitLevel: '' };
    const answer = await send(A.cardAction(connector.url, CISO_CHAT, A.USERS.ciso, 'statusRequest.answer', data));
    expect(JSON.stringify(answer.body!.value)).toContain('Tack! Statusen är sparad');
    expect((await server.store.getControlPointData(UNIT, 4)).statusUpdates.at(-1)).toMatchObject({ text: 'Klart.', unitLevel: null });
    expect(await desk().remindPastDue(new Date(`${dayAfter(request!.dueDate, 1)}T07:00:00Z`))).toBe(0);
  });

  it('opens a personal chat through the connector when the owner has none, found in the roster', async () => {
    expect((await send(A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'))).status).toBe(200);
    await connector.waitFor(A.CHANNEL.conversationId, 1);
    roster(A.USERS.ciso, READER, A.USERS.dpo);
    await send(A.message(connector.url, A.CHANNEL, A.USERS.dpo, 'begär status 4'));
    await connector.waitFor(THREAD, 1);
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]!.parameters).toMatchObject({ isGroup: false, members: [{ id: A.USERS.ciso.id }], tenantId: A.TENANT });
    const chatId = connector.created[0]!.id;
    const [delivered] = await connector.waitFor(chatId, 1);
    expect(text(delivered!)).toContain('Begärd status: kontrollpunkt 4');
    expect(await server.store.appState.getConversation(chatId)).toMatchObject({ scope: 'personal' });
  });

  it("tells the requester clearly when nobody holding the owner's role can be found, and refuses a reader who asks", async () => {
    expect((await send(A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'))).status).toBe(200);
    await connector.waitFor(A.CHANNEL.conversationId, 1);
    roster(READER, A.USERS.dpo);
    await send(A.message(connector.url, A.CHANNEL, A.USERS.dpo, 'begär status 5'));
    const [nobody] = await connector.waitFor(THREAD, 1);
    expect(text(nobody!)).toContain('Jag hittar ingen i Teams för \\"CISO Intraservice\\", ansvarig för kontrollpunkt 5.');
    await send(A.message(connector.url, A.CHANNEL, READER, 'request status 4', 'en-US'));
    const [, refused] = await connector.waitFor(THREAD, 2);
    expect(text(refused!)).toContain('Your role may not ask the person responsible for a status');
    expect(await requests().listOpen(UNIT)).toEqual([]);
    expect(connector.created).toEqual([]);
  });
});

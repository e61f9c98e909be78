/**
 * Channels per unit over the Bot Framework protocol (issue 14 item 4, and the bot's path of item 2): real
 * activities POSTed to the real server's /api/messages (temp SQLite file), the bot's replies and proactive
 * posts received by the recording Bot Connector (tests/bot/connector.ts). Pages followed:
 * - messages and mentions in a channel: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations
 * - Action.Execute: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 * - proactive messages: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * The people are the Agents Playground's (bot/local-teams-users.json): Alex Wilber is the DPO of every unit,
 * Megan Bowen the CISO of Intraservice only (config/local-users.json).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/commands.js';
import { linkedUnit } from '../../bot/units.js';
import type { Actor } from '../../src/domain/roles.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector } from './connector.js';
import { botOverHttp, cardOf, textOf, type BotOverHttp, type Json } from './http-bot.js';

const FAST = { BOT_POST_RETRY_MS: '50', BOT_POST_ATTEMPTS: '4', BOT_POST_RETRY_LATER_S: '0.3' };
const KULTUR_CHANNEL: A.Where = { conversationId: '19:kultur@thread.tacv2', scope: 'channel' };
const CISO_CHAT: A.Where = { conversationId: 'a:personal-ciso', scope: 'personal' };
const admin: Actor = { id: 'admin', displayName: 'Admin', roles: ['admin'], grants: [{ role: 'admin', units: '*' }] };
const cisoOfKultur: Actor = {
  id: 'ciso-kultur',
  displayName: 'CISO Kultur',
  roles: ['ciso'],
  grants: [{ role: 'ciso', units: ['kultur'] }],
};
const at = { source: 'api' as const, now: new Date('2026-11-28T10:00:00Z') };

const [card, text] = [cardOf, textOf];

describe('commands naming a unit (bot/commands.ts)', () => {
  it.each([
    ['följ Kulturförvaltningen', { kind: 'follow', unit: 'Kulturförvaltningen' }],
    ['follow "Culture".', { kind: 'follow', unit: 'Culture' }],
    ['följer', { kind: 'following' }],
    ['Following?', { kind: 'following' }],
    ['status i kultur', { kind: 'status', unit: 'kultur' }],
    ['status 4 i Kulturförvaltningen', { kind: 'statusOf', controlPoint: 4, unit: 'Kulturförvaltningen' }],
    ['assess 4 in Culture Administration', { kind: 'assess', controlPoint: 4, unit: 'Culture Administration' }],
    ['begär status 4 i kultur', { kind: 'requestStatus', controlPoint: 4, unit: 'kultur' }],
    ['rapport i Stadsdel i norr', { kind: 'report', unit: 'Stadsdel i norr' }],
    ['<at>DPO Board</at> fokus in culture', { kind: 'focus', unit: 'culture' }],
    ['status 4', { kind: 'statusOf', controlPoint: 4 }],
  ])('%j', (words, expected) => {
    expect(parseCommand(words)).toEqual(expected);
  });

  it.each(['följ', 'prenumerera i kultur', 'bedöm i kultur'])('"%s" is unknown', (words) => {
    expect(parseCommand(words).kind).toBe('unknown');
  });

  it('links name the unit except for the default unit where it is followed', () => {
    expect(linkedUnit('intraservice', 'intraservice', 'intraservice')).toBeUndefined();
    expect(linkedUnit('intraservice', 'kultur', 'intraservice')).toBe('intraservice');
    expect(linkedUnit('kultur', 'kultur', 'intraservice')).toBe('kultur');
    expect(linkedUnit('kultur', 'intraservice', 'intraservice')).toBe('kultur');
  });
});

describe('channels per unit over the Bot Framework protocol', { timeout: 60_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;
  let send: BotOverHttp['send'];
  let say: BotOverHttp['say'];
  let settle: BotOverHttp['settle'];

  beforeEach(async () => {
    connector = await startConnector();
    server = await startTestServer(FAST, tempDataDir());
    ({ send, say, settle } = botOverHttp(server, connector));
    await server.store.createUnit(
      { id: 'kultur', name: 'Kulturförvaltningen', nameEn: 'Culture Administration', organisation: 'Göteborgs Stad', year: 2026 },
      { ...at, actor: admin },
    );
    for (const where of [A.CHANNEL, KULTUR_CHANNEL]) {
      expect((await send(A.installation(connector.url, where, A.USERS.dpo, 'add'))).status).toBe(200);
      await connector.waitFor(where.conversationId, 1);
    }
  });
  afterEach(async () => {
    await server.dispose();
    await connector.close();
  });

  const follow = async () => {
    const reply = await say(KULTUR_CHANNEL, A.USERS.dpo, 'följ Kulturförvaltningen');
    expect(text(reply)).toContain('Här följer jag nu Kulturförvaltningen i stället för Intraservice');
  };
  /** Kultur names Megan among its people responsible as a reader: she reads it, and writes nothing there. */
  const meganReadsKultur = () =>
    server.store.updateUnit(
      'kultur',
      {
        responsible: [{ role: 'reader', name: 'Megan Bowen', email: 'ciso@example.invalid', aadObjectId: A.USERS.ciso.aadObjectId }],
        expectedVersion: 1,
      },
      { ...at, actor: admin },
    );
  const statusIn = (unitId: string, year: number, actor: Actor, words: string) =>
    server.store.addStatusUpdate(
      { unitId, year, controlPoint: 4, statusDate: '2026-11-28', text: words, unitLevel: null },
      { ...at, actor },
    );

  it('follows a unit with "följ", says which with "följer", and keeps it in the app state', async () => {
    expect(text(await say(KULTUR_CHANNEL, A.USERS.dpo, 'följer'))).toContain('Här följer jag Intraservice, standardförvaltningen');
    await follow();
    expect(text(await say(KULTUR_CHANNEL, A.USERS.dpo, 'follow Culture Administration', 'en-US'))).toContain(
      'I already follow Culture Administration here.',
    );
    expect(text(await say(KULTUR_CHANNEL, A.USERS.ciso, 'följer'))).toContain('Här följer jag Kulturförvaltningen:');
    expect(await server.store.appState.getSetting('channel-units')).toMatchObject({
      [KULTUR_CHANNEL.conversationId]: { unitId: 'kultur', followedBy: expect.any(String) },
    });
  });

  it('answers a name that is no unit, and a unit the person may not read, with a clear card and changes nothing', async () => {
    const unknown = await say(KULTUR_CHANNEL, A.USERS.dpo, 'följ Stadsbyggnad');
    expect(text(unknown)).toContain('Jag hittar ingen förvaltning som heter \\"Stadsbyggnad\\". Förvaltningar du kan välja: ');
    expect(text(unknown)).toContain('Kulturförvaltningen');
    // Megan is the CISO of Intraservice: she does not read Kultur, so she cannot make a channel follow it.
    const refused = await say(KULTUR_CHANNEL, A.USERS.ciso, 'följ kultur');
    expect(text(refused)).toContain('Du kan inte läsa Kulturförvaltningen: du har ingen roll där.');
    expect(await server.store.appState.getSetting('channel-units')).toBeNull();
  });

  it('posts a unit’s status changes only to the channel that follows it; a channel that never chose hears the default unit', async () => {
    await follow();
    await settle();
    const [general, kultur] = [connector.of(A.CHANNEL.conversationId).length, connector.of(KULTUR_CHANNEL.conversationId).length];
    await statusIn('kultur', 2026, cisoOfKultur, 'Kulturs nya status');
    await settle();
    const kulturPosts = await connector.waitFor(KULTUR_CHANNEL.conversationId, kultur + 1);
    expect(text(kulturPosts.at(-1)!)).toContain('Kulturs nya status');
    // With more than one unit, the post names its unit.
    expect(text(kulturPosts.at(-1)!)).toContain('Kulturförvaltningen · Kontrollpunkt 4');
    expect(connector.of(A.CHANNEL.conversationId)).toHaveLength(general);
    // Its link names the unit (the channel has no tab: the link opens the tab's web address).
    expect(text(kulturPosts.at(-1)!)).toContain('/tab/units/kultur/control-points/4');

    const ciso: Actor = { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso', units: ['intraservice'] }] };
    await statusIn('intraservice', 2023, ciso, 'Intraservice nya status');
    await settle();
    const generalPosts = await connector.waitFor(A.CHANNEL.conversationId, general + 1);
    expect(text(generalPosts.at(-1)!)).toContain('Intraservice nya status');
    expect(text(generalPosts.at(-1)!)).toContain('/tab/control-points/4');
    expect(connector.of(KULTUR_CHANNEL.conversationId)).toHaveLength(kultur + 1);
  });

  it("answers commands for the channel's unit, and for another unit named at the end", async () => {
    await follow();
    const board = card(await say(KULTUR_CHANNEL, A.USERS.dpo, 'status'));
    expect(board.body[0].text).toBe('Kulturförvaltningen: årsrapport 2026');
    expect(board.body[2].facts).toHaveLength(12);
    expect(card(await say(A.CHANNEL, A.USERS.dpo, 'status')).body[0].text).toBe('Intraservice: årsrapport 2023');
    const other = card(await say(KULTUR_CHANNEL, A.USERS.dpo, 'status i Intraservice'));
    expect(other.body[0].text).toBe('Intraservice: årsrapport 2023');
    const cp = await say(A.CHANNEL, A.USERS.dpo, 'status 4 in Culture Administration', 'en-US');
    expect(card(cp).body[0].text).toMatch(/^Control point 4: /);
    expect(text(cp)).toContain('/tab/units/kultur/control-points/4');
    const assess = card(await say(KULTUR_CHANNEL, A.USERS.dpo, 'bedöm 4'));
    expect(JSON.stringify(assess)).toContain('"unit":"kultur"');
  });

  it("searches the conversation's unit in the message extension, or the unit a search names at its end", async () => {
    await follow();
    // https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
    const query = (where: A.Where, words: string) =>
      A.activity(connector.url, where, A.USERS.dpo, {
        type: 'invoke',
        name: 'composeExtension/query',
        value: { commandId: 'searchBoard', parameters: [{ name: 'query', value: words }], queryOptions: { skip: 0, count: 25 } },
      });
    const urlsOf = (body: Json | null) => JSON.stringify(body).match(/\/tab\/[^"]*/g) ?? [];
    const inKultur = await send(query(KULTUR_CHANNEL, 'kp 4'));
    expect(urlsOf(inKultur.body)).toContain('/tab/units/kultur/control-points/4');
    const named = await send(query(A.CHANNEL, 'kp 4 i Kulturförvaltningen'));
    expect(urlsOf(named.body)).toContain('/tab/units/kultur/control-points/4');
    const own = await send(query(A.CHANNEL, 'kp 4'));
    expect(urlsOf(own.body)).toContain('/tab/control-points/4');
    // Words that name no unit stay words of the search.
    const words = await send(query(A.CHANNEL, 'register i systemet'));
    expect(words.status).toBe(200);
    expect(JSON.stringify(words.body)).not.toContain('units/');
  });

  describe('a CISO of Intraservice trying to write Kultur is refused with a clear card, and nothing is stored', () => {
    it('the assessment card: Action.Execute assessment.submit for Kultur', async () => {
      const submit = A.cardAction(connector.url, KULTUR_CHANNEL, A.USERS.ciso, 'assessment.submit', {
        unit: 'kultur',
        year: 2026,
        cp: 4,
        formId: 'form-0123456789',
        level: '3',
        comment: 'Inte min förvaltning',
      });
      const answer = await send(submit);
      expect(answer.status).toBe(200);
      const answered = JSON.stringify(answer.body);
      expect(answered).toContain('Du kan inte läsa Kulturförvaltningen');
      expect((await server.store.getBoardData('kultur')).assessments).toEqual([]);
    });

    it('the assessment card of a unit she reads but may not assess: her role there is named', async () => {
      await meganReadsKultur();
      const submit = A.cardAction(connector.url, KULTUR_CHANNEL, A.USERS.ciso, 'assessment.submit', {
        unit: 'kultur',
        year: 2026,
        cp: 4,
        formId: 'form-0123456789',
        level: '3',
      });
      const answered = JSON.stringify((await send(submit)).body);
      expect(answered).toMatch(/Bara dataskyddsombudet kan bedöma|Din roll i Kulturförvaltningen får inte bedöma/);
      expect((await server.store.getBoardData('kultur')).assessments).toEqual([]);
    });

    it('the status command: "begär status 4 i Kultur"', async () => {
      const reply = await say(A.CHANNEL, A.USERS.ciso, 'begär status 4 i Kulturförvaltningen');
      expect(text(reply)).toContain('Du kan inte läsa Kulturförvaltningen');
      await meganReadsKultur();
      const refused = await say(A.CHANNEL, A.USERS.ciso, 'begär status 4 i Kulturförvaltningen');
      expect(text(refused)).toContain('Din roll i Kulturförvaltningen får inte begära status av den ansvariga');
      expect(text(refused)).toContain('Inget är sparat.');
      expect(await server.store.statusRequests!.listOpen('kultur')).toEqual([]);
    });

    it("the status request's answer: Action.Execute statusRequest.answer for a request of Kultur", async () => {
      const request = await server.store.statusRequests!.create(
        { unitId: 'kultur', year: 2026, controlPoint: 4, askedId: A.USERS.ciso.id, askedName: A.USERS.ciso.name, dueDate: '2026-12-12' },
        { ...at, actor: cisoOfKultur },
      );
      const answer = A.cardAction(connector.url, CISO_CHAT, A.USERS.ciso, 'statusRequest.answer', {
        id: request.id,
        unit: 'kultur',
        text: 'Svar från fel förvaltning',
      });
      const reply = await send(answer);
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).toContain(
        'Din roll i Kulturförvaltningen får inte uppdatera förvaltningens status. Inget är sparat.',
      );
      expect((await server.store.getBoardData('kultur')).statusUpdates).toEqual([]);
      expect((await server.store.statusRequests!.get('kultur', request.id)).state).toBe('open');
      // The request's card links to its own unit's control point.
      expect(JSON.stringify(reply.body)).toContain('/tab/units/kultur/control-points/4');
    });
  });
});

/**
 * The bot's cards with several units, over the Bot Framework protocol: real activities POSTed to the real
 * server's /api/messages (temp SQLite file), replies and proactive posts received by the recording Bot
 * Connector (tests/bot/connector.ts, tests/bot/http-bot.ts). Pages followed:
 * - messages and mentions in a channel: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations
 * - installation (the welcome card): https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events
 * - Action.Execute (the assessment card's refresh): https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 * - proactive messages (status posts): https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 * Alex Wilber (A.USERS.dpo) is the DPO of every unit (config/local-users.json); units are created by the demo admin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import type { Unit } from '../../src/domain/model.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector } from './connector.js';
import { botOverHttp, cardOf, textOf, type BotOverHttp, type Json } from './http-bot.js';

const FAST = { BOT_POST_RETRY_MS: '50', BOT_POST_ATTEMPTS: '4', BOT_POST_RETRY_LATER_S: '0.3' };
const KULTUR_CHANNEL: A.Where = { conversationId: '19:kultur@thread.tacv2', scope: 'channel' };
const PARK_CHANNEL: A.Where = { conversationId: '19:parken@thread.tacv2', scope: 'channel' };
const admin: Actor = { id: 'admin', displayName: 'Admin', roles: ['admin'], grants: [{ role: 'admin', units: '*' }] };
const at = { source: 'api' as const, now: new Date('2026-11-28T10:00:00Z') };
const kultur = { id: 'kultur', name: 'Kulturförvaltningen', nameEn: 'Culture Administration', organisation: 'Göteborgs Stad', year: 2026 };
const parken = { id: 'parken', name: 'Parkförvaltningen', nameEn: 'Parks Administration', organisation: 'Göteborgs Stad', year: 2026 };

/** The card's text blocks, in order. */
const textsOf = (card: Json): string[] => (card.body as Json[]).filter((b) => b.type === 'TextBlock').map((b) => b.text as string);

describe('with one unit the cards read as before several units', { timeout: 60_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;
  let bot: BotOverHttp;
  beforeEach(async () => {
    connector = await startConnector();
    server = await startTestServer(FAST, tempDataDir());
    bot = botOverHttp(server, connector);
  });
  afterEach(async () => {
    await server.dispose();
    await connector.close();
  });

  it('names no unit on the control point and assessment cards, and the welcome card lists följ without saying which unit', async () => {
    const welcome = cardOf(await bot.install(A.CHANNEL, A.USERS.dpo));
    expect(JSON.stringify(welcome)).toContain('följ <förvaltning>');
    expect(JSON.stringify(welcome)).toContain('"följer"');
    expect(JSON.stringify(welcome)).not.toContain('Här följer jag');
    const cp = cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'status 4'));
    expect(textsOf(cp)).not.toContain('Intraservice');
    const assess = cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'bedöm 4'));
    expect(assess.body[1].text).toBe('År 2023');
    expect(cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'fokus')).body[0].text).toBe('Rekommenderade fokusområden 2024');
  });
});

describe('with several units the cards say the unit, the welcome card says följ, and new units are heard', { timeout: 90_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;
  let bot: BotOverHttp;

  beforeEach(async () => {
    connector = await startConnector();
    server = await startTestServer(FAST, tempDataDir());
    bot = botOverHttp(server, connector);
    await server.store.createUnit(kultur, { ...at, actor: admin });
  });
  afterEach(async () => {
    await server.dispose();
    await connector.close();
  });

  const follow = async (where: A.Where, name: string) => {
    expect(textOf(await bot.say(where, A.USERS.dpo, `följ ${name}`))).toContain(`Här följer jag nu ${name}`);
  };
  const unitsAsAdmin = async (): Promise<Unit[]> =>
    ((await (await server.call('admin', 'GET', '/api/units')).json()) as { units: Unit[] }).units;
  const patchParken = async (patch: Record<string, unknown>) => {
    const version = (await unitsAsAdmin()).find((u) => u.id === 'parken')!.version;
    const res = await server.call('admin', 'PATCH', '/api/units/parken', { ...patch, version });
    expect(res.status, await res.clone().text()).toBe(200);
    await bot.settle();
  };
  /** What arrived in each conversation since `marks` (its count then). */
  const count = () =>
    Object.fromEntries(
      [A.CHANNEL, KULTUR_CHANNEL, PARK_CHANNEL, A.PERSONAL].map((w) => [w.conversationId, connector.of(w.conversationId).length]),
    );
  const since = (marks: Record<string, number>, where: A.Where) => connector.of(where.conversationId).slice(marks[where.conversationId]);

  it('the control point, assessment and focus cards name the unit, with its example and archived marks', async () => {
    await bot.install(KULTUR_CHANNEL, A.USERS.dpo);
    await bot.install(A.CHANNEL, A.USERS.dpo);
    await follow(KULTUR_CHANNEL, 'Kulturförvaltningen');

    const cp = cardOf(await bot.say(KULTUR_CHANNEL, A.USERS.dpo, 'status 4'));
    expect(cp.body[0].text).toMatch(/^Kontrollpunkt 4: /);
    expect(cp.body[1]).toMatchObject({ type: 'TextBlock', text: 'Kulturförvaltningen', isSubtle: true });
    // The default unit is named too once there are several: the card may be forwarded or read beside others.
    expect(cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'status 4')).body[1].text).toBe('Intraservice');
    const english = cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'status 4 in Culture Administration', 'en-US'));
    expect(english.body[1].text).toBe('Culture Administration');

    const assess = cardOf(await bot.say(KULTUR_CHANNEL, A.USERS.dpo, 'bedöm 4'));
    expect(assess.body[1].text).toBe('Kulturförvaltningen · År 2026');
    // The card's refresh (Action.Execute assessment.refresh, as Teams sends it) answers a card that still names it.
    const refresh = A.cardAction(
      connector.url,
      KULTUR_CHANNEL,
      A.USERS.dpo,
      'assessment.refresh',
      { unit: 'kultur', year: 2026, cp: 4 },
      'en-US',
      'automatic',
    );
    const refreshed = await bot.send(refresh);
    expect(refreshed.status).toBe(200);
    expect((refreshed.body!.value as Json).body[1].text).toBe('Culture Administration · Year 2026');

    expect(cardOf(await bot.say(KULTUR_CHANNEL, A.USERS.dpo, 'fokus')).body[0].text).toBe(
      'Rekommenderade fokusområden 2027: Kulturförvaltningen',
    );

    // An example unit, then archived: the marks are said as the status post and the digest say them (unitLabel).
    await server.store.createUnit(
      { ...parken, name: 'Exempel 01 – Parker', nameEn: 'Example 01 – Parks', example: true },
      { ...at, actor: admin },
    );
    const example = cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'status 4 i parken'));
    expect(example.body[1].text).toBe('Exempel 01 – Parker (exempel)');
    await server.store.updateUnit('parken', { archived: true, expectedVersion: 1 }, { ...at, actor: admin });
    const archived = cardOf(await bot.say(A.CHANNEL, A.USERS.dpo, 'status 4 in parken', 'en-US'));
    expect(archived.body[1].text).toBe('Example 01 – Parks (example, archived)');
  });

  it('the welcome and help cards say which unit the conversation follows and how to choose another', async () => {
    const welcome = textOf(await bot.install(KULTUR_CHANNEL, A.USERS.dpo));
    expect(welcome).toContain('Här följer jag Intraservice, standardförvaltningen, eftersom ingen annan är vald.');
    expect(welcome).toContain('Skriv **följ <förvaltning>** för att välja en annan.');
    expect(welcome).toContain('följ <förvaltning>');
    const english = textOf(await bot.install(PARK_CHANNEL, A.USERS.dpo, 'en-US'));
    expect(english).toContain('I follow Intraservice here, the default unit, because no other is chosen.');
    expect(english).toContain('follow <unit>');

    await follow(KULTUR_CHANNEL, 'Kulturförvaltningen');
    const help = cardOf(await bot.say(KULTUR_CHANNEL, A.USERS.dpo, 'hjälp'));
    expect(textsOf(help)).toContain(
      'Här följer jag Kulturförvaltningen: statusändringar, påminnelser och veckosammanfattningen för Kulturförvaltningen kommer hit, och kommandona svarar för Kulturförvaltningen. Skriv **följ <förvaltning>** för att byta.',
    );
    // Help after a command it did not understand says it too.
    expect(textOf(await bot.say(KULTUR_CHANNEL, A.USERS.dpo, 'visa allt', 'en-US'))).toContain('I follow Culture Administration here:');
  });

  it("a digest mixing the default unit's changes with another unit's creation speaks of the default unit and names the new one in its row", async () => {
    await bot.install(A.CHANNEL, A.USERS.dpo);
    await bot.settle();
    const before = connector.of(A.CHANNEL.conversationId).length;
    const ciso: Actor = { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso', units: ['intraservice'] }] };
    // Written straight to the store, so one run of the status posts finds all four (more than three: one digest),
    // the new unit first: the digest's words are still its board unit's.
    await server.store.createUnit(parken, { ...at, actor: admin });
    for (const n of [4, 5, 6]) {
      const status = {
        unitId: 'intraservice',
        year: 2023,
        controlPoint: n,
        statusDate: '2026-11-28',
        text: `Status ${n}`,
        unitLevel: null,
      };
      await server.store.addStatusUpdate(status, { ...at, actor: ciso });
    }
    await bot.settle();
    const [digest, ...more] = (await connector.waitFor(A.CHANNEL.conversationId, before + 1)).slice(before);
    expect(more).toEqual([]);
    const card = cardOf(digest!);
    expect(card.body[0].text).toBe('4 ändringar på tavlan');
    expect(card.body[1].text).toBe('Intraservice · Sedan förra inlägget');
    const rows = (card.body as Json[]).find((b) => b.type === 'FactSet')!.facts as { title: string; value: string }[];
    // Intraservice's control points by their titles (the card's words are its board unit's, not the new unit's).
    const titles = (await server.store.getBoardData('intraservice')).controlPoints.filter((cp) => [4, 5, 6].includes(cp.number));
    expect(rows.slice(1).map((r) => r.title)).toEqual(titles.map((cp) => `${cp.number}. ${cp.title}`));
    expect(titles.every((cp) => cp.title.length > 0)).toBe(true);
    expect(rows[0]).toMatchObject({ title: 'Parkförvaltningen', value: expect.stringContaining('Ny förvaltning: Parkförvaltningen') });
  });

  it("a new unit's creation, archiving and restoring are posted where the default unit is followed and to the unit's own channels; other units' channels hear none", async () => {
    for (const where of [A.CHANNEL, KULTUR_CHANNEL, PARK_CHANNEL]) await bot.install(where, A.USERS.dpo);
    await bot.install(A.PERSONAL, A.USERS.dpo);
    expect(textOf(await bot.say(A.PERSONAL, A.USERS.dpo, 'prenumerera'))).toContain('Klart!');
    await follow(KULTUR_CHANNEL, 'Kulturförvaltningen');
    await bot.settle();

    let marks = count();
    const created = await server.call('admin', 'POST', '/api/units', parken);
    expect(created.status, await created.clone().text()).toBe(201);
    await bot.settle();
    // The channels that never chose a unit and the DPO's subscribed chat: they follow the default unit.
    for (const where of [A.CHANNEL, PARK_CHANNEL, A.PERSONAL]) {
      const [post, ...more] = await connector
        .waitFor(where.conversationId, marks[where.conversationId]! + 1)
        .then((all) => all.slice(marks[where.conversationId]));
      expect(more).toEqual([]);
      const card = cardOf(post!);
      expect(card.body[0].text).toBe('Ny förvaltning');
      // The subject names the unit once (not "Parkförvaltningen · Parkförvaltningen").
      expect(card.body[1].text).toBe('Parkförvaltningen');
      // The link opens the new unit's board.
      expect(card.actions[0].url).toMatch(/\/tab\/units\/parken$/);
    }
    // A channel that follows another unit hears nothing of it.
    expect(since(marks, KULTUR_CHANNEL)).toEqual([]);

    await follow(PARK_CHANNEL, 'Parkförvaltningen');
    await bot.settle();
    marks = count();
    // A rename is the unit's own business: only its channel hears it.
    await patchParken({ name: 'Park- och naturförvaltningen' });
    const renamed = await connector.waitFor(PARK_CHANNEL.conversationId, marks[PARK_CHANNEL.conversationId]! + 1);
    expect(cardOf(renamed.at(-1)!).body[0].text).toBe('Förvaltningen ändrad');
    for (const where of [A.CHANNEL, A.PERSONAL, KULTUR_CHANNEL]) expect(since(marks, where)).toEqual([]);

    for (const [patch, headline] of [
      [{ archived: true }, 'Förvaltningen arkiverad'],
      [{ archived: false }, 'Förvaltningen återställd från arkivet'],
    ] as const) {
      marks = count();
      await patchParken(patch);
      for (const where of [PARK_CHANNEL, A.CHANNEL, A.PERSONAL]) {
        const posts = await connector.waitFor(where.conversationId, marks[where.conversationId]! + 1);
        expect(posts.slice(marks[where.conversationId])).toHaveLength(1);
        expect(cardOf(posts.at(-1)!).body[0].text).toBe(headline);
      }
      expect(since(marks, KULTUR_CHANNEL)).toEqual([]);
    }
  });
});

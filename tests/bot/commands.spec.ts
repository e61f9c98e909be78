/** The bot's commands, driven through botbuilder's TestAdapter against a real SQLite store. */
import fs from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { importSeedFile } from '../../src/store/open.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { DpoBot } from '../../bot/bot.js';
import { parseCommand } from '../../bot/commands.js';
import { createIdentity } from '../../src/identity/index.js';
import { tempDataDir } from '../helpers/server.js';
import { USERS, type User } from './activities.js';
import { runTurn, teamsAdapter, type TeamsTurn } from './test-adapter.js';

describe('parseCommand', () => {
  it.each([
    ['hjälp', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['  Hjälp! ', { kind: 'help' }],
    ['status', { kind: 'status' }],
    ['Status 4', { kind: 'statusOf', controlPoint: 4 }],
    ['status nr 12', { kind: 'statusOf', controlPoint: 12 }],
    ['status #7', { kind: 'statusOf', controlPoint: 7 }],
    ['fokus', { kind: 'focus' }],
    ['Focus', { kind: 'focus' }],
    ['rapport', { kind: 'report' }],
    ['Report', { kind: 'report' }],
    ['årsrapport', { kind: 'report' }],
    ['bedöm 4', { kind: 'assess', controlPoint: 4 }],
    ['BEDÖM 6', { kind: 'assess', controlPoint: 6 }],
    ['assess 1', { kind: 'assess', controlPoint: 1 }],
    ['prenumerera', { kind: 'subscribe' }],
    ['Subscribe', { kind: 'subscribe' }],
    ['avsluta', { kind: 'unsubscribe' }],
    ['UNSUBSCRIBE', { kind: 'unsubscribe' }],
    ['<at>DPO Board</at> status 3', { kind: 'statusOf', controlPoint: 3 }],
    ['status\u0000 4\u001b', { kind: 'statusOf', controlPoint: 4 }],
    ['sammanfattning av', { kind: 'digest', on: false }],
    ['Sammanfattning på', { kind: 'digest', on: true }],
    ['<at>DPO Board</at> digest off', { kind: 'digest', on: false }],
    ['DIGEST ON', { kind: 'digest', on: true }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('drops control characters from what it echoes back (src/domain/text.ts)', () => {
    expect(parseCommand('gör\u0000 något\u0007')).toEqual({ kind: 'unknown', text: 'gör något' });
  });

  it.each([
    'bedöm',
    'assess fyra',
    'status x',
    'gör något',
    '',
    'fokus 3',
    'prenumerera nu',
    'rapport 2023',
    'sammanfattning',
    'digest kanske',
  ])('"%s" is unknown', (text) => {
    expect(parseCommand(text).kind).toBe('unknown');
  });
});

type Card = { contentType: string; content: Record<string, any> };
const cardOf = (a: Partial<Activity>): Card => (a.attachments?.[0] as Card | undefined) ?? { contentType: '', content: {} };
const textsOf = (card: Card): string => JSON.stringify(card.content);

describe('DpoBot commands (TestAdapter)', () => {
  let dir: string;
  let store: SqliteStore;
  let bot: DpoBot;
  let writes: number;

  beforeEach(async () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'bot.sqlite'), scale: DEFAULT_SCALE });
    await importSeedFile(store);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
    writes = 0;
    bot = new DpoBot({
      store,
      appState: store.appState,
      identity: createIdentity(config),
      links: () => ({ publicUrl: 'https://board.example', teamsAppId: undefined, tabEntityId: 'board' }),
      defaultUnit: 'intraservice',
      startPostsAt: async (id) => store.appState.setCursor(`status-posts:${id}`, await store.latestChangeSeq()),
      afterWrite: () => {
        writes += 1;
      },
    });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function turnOf(user: User, scope: 'personal' | 'channel' = 'personal', locale = 'sv-SE'): TeamsTurn {
    const conversation =
      scope === 'personal'
        ? { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '' }
        : { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' };
    return { conversation, user, locale };
  }

  function say(user: User, text: string, scope: 'personal' | 'channel' = 'personal', locale = 'sv-SE'): Promise<Partial<Activity>[]> {
    return runTurn(bot, turnOf(user, scope, locale), { type: 'message', text });
  }

  it('answers hjälp in Swedish and help in English, after the locale', async () => {
    const [sv] = await say(USERS.dpo, 'hjälp');
    expect(textsOf(cardOf(sv!))).toContain('Kommandon');
    expect(textsOf(cardOf(sv!))).toContain('bedöm <nr>');
    const [en] = await say(USERS.dpo, 'help', 'personal', 'en-US');
    expect(textsOf(cardOf(en!))).toContain('Commands');
    expect(textsOf(cardOf(en!))).toContain('assess <no>');
  });

  it('answers an unknown command with help, not silence', async () => {
    const replies = await say(USERS.ciso, 'visa allt');
    expect(replies).toHaveLength(1);
    const text = textsOf(cardOf(replies[0]!));
    expect(text).toContain('Jag förstod inte \\"visa allt\\"');
    expect(text).toContain('Kommandon');
  });

  it('summarises the board with all twelve control points and a link to the tab', async () => {
    const [reply] = await say(USERS.ciso, 'status');
    const card = cardOf(reply!).content;
    expect(card.body[0].text).toBe('Intraservice: årsrapport 2023');
    expect(card.body[2].facts).toHaveLength(12);
    expect(card.body[2].facts[0].title).toMatch(/^★ 1\. /);
    expect(card.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Öppna tavlan', url: 'https://board.example/tab/' });
  });

  it('shows one control point with a deep link to it', async () => {
    const [reply] = await say(USERS.ciso, 'status 4', 'channel', 'en-US');
    const card = cardOf(reply!).content;
    expect(card.body[0].text).toMatch(/^Control point 4: /);
    expect(card.actions[0].url).toBe('https://board.example/tab/control-points/4');
  });

  it('says clearly when a control point does not exist', async () => {
    const [reply] = await say(USERS.ciso, 'status 13');
    expect(textsOf(cardOf(reply!))).toContain('Kontrollpunkten finns inte.');
  });

  it('lists the recommended focus areas (1, 4 and 7 in the report)', async () => {
    const [reply] = await say(USERS.ciso, 'fokus');
    const card = cardOf(reply!).content;
    expect(card.body[0].text).toBe('Rekommenderade fokusområden 2024');
    expect(card.body.find((b: any) => b.type === 'FactSet').facts.map((f: any) => f.title.split('.')[0])).toEqual(['1', '4', '7']);
  });

  it('answers rapport with the annual report card and a link to download it in the tab', async () => {
    const [sv] = await say(USERS.ciso, 'rapport', 'channel');
    const card = cardOf(sv!).content;
    expect(card.body[0].text).toBe('Årsrapport 2023: Intraservice');
    expect(card.body[2].facts).toEqual([
      { title: 'Bedömda kontrollpunkter', value: '12 av 12' },
      { title: 'Förvaltningens svar', value: '12 av 12' },
      { title: 'Fokusområden 2024', value: '1, 4, 7' },
    ]);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Ladda ner i fliken', url: 'https://board.example/tab/action-plan' }]);
    const [en] = await say(USERS.dpo, 'report', 'personal', 'en-US');
    expect(cardOf(en!).content.body[0].text).toBe('Annual report 2023: Intraservice');
    expect(cardOf(en!).content.actions[0].title).toBe('Download in the tab');
  });

  it('gives the DPO the assessment card and anyone else a read-only one', async () => {
    const [dpo] = await say(USERS.dpo, 'bedöm 4');
    const form = cardOf(dpo!).content;
    expect(form.body.some((b: any) => b.type === 'Input.ChoiceSet')).toBe(true);
    expect(form.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'assessment.submit' });
    const [ciso] = await say(USERS.ciso, 'assess 4', 'personal', 'en-US');
    const readOnly = cardOf(ciso!).content;
    expect(readOnly.body.some((b: any) => String(b.type).startsWith('Input.'))).toBe(false);
    expect(textsOf(cardOf(ciso!))).toContain('Only the Data Protection Officer can assess.');
    expect(writes).toBe(0);
  });

  it('subscribes and unsubscribes a personal chat, and explains that channels always hear', async () => {
    expect(textsOf(cardOf((await say(USERS.ciso, 'prenumerera'))[0]!))).toContain('Klart!');
    expect((await store.appState.getConversation('a:personal'))?.subscribed).toBe(true);
    expect(textsOf(cardOf((await say(USERS.ciso, 'subscribe', 'personal', 'en-US'))[0]!))).toContain('already subscribed');
    expect(textsOf(cardOf((await say(USERS.ciso, 'avsluta'))[0]!))).toContain('inte längre');
    expect((await store.appState.getConversation('a:personal'))?.subscribed).toBe(false);
    expect(textsOf(cardOf((await say(USERS.ciso, 'prenumerera', 'channel'))[0]!))).toContain('personliga chatt');
  });

  it('handles a redelivered message (same activity id) once', async () => {
    const adapter = teamsAdapter(bot, turnOf(USERS.ciso));
    const again = { type: 'message', id: 'same-id', text: 'status', locale: 'sv-SE', from: USERS.ciso } satisfies Partial<Activity>;
    await adapter.send(again).startTest();
    await adapter.send(again).startTest();
    expect(adapter.activeQueue.splice(0)).toHaveLength(1);
  });

  it('remembers a conversation it hears from without an installation event', async () => {
    await say(USERS.ciso, 'hjälp', 'channel');
    const saved = await store.appState.getConversation('19:general@thread.tacv2');
    expect(saved).toMatchObject({ scope: 'channel', subscribed: false, locale: 'sv' });
  });
});

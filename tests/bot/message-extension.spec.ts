/**
 * The message extension over the Bot Framework protocol: composeExtension/query and
 * composeExtension/queryLink invokes POSTed to /api/messages of the real server (temp SQLite
 * file, seeded from the report) exactly as Teams sends them, answered in the HTTP response.
 * - Search: https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 *   (value.commandId, value.parameters [{ name, value }], value.queryOptions { skip, count }; the default query
 *   of initialRun carries { name: 'initialRun', value: 'true' }; an Adaptive Card result needs a hero or
 *   thumbnail preview, which supports no buttons and no tap).
 * - Link unfurling: https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling
 *   (value.url; Adaptive Cards up to version 1.3; only the first attachment is used).
 * The Agents Playground cannot drive either (it does not process the app manifest:
 * https://learn.microsoft.com/microsoftteams/platform/toolkit/debug-your-agents-playground#limitations).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DpoBot } from '../../bot/bot.js';
import { parseTabLink } from '../../bot/links.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { entraIdentity } from '../../src/identity/index.js';
import { importSeedFile } from '../../src/store/open.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { SEARCH_COMMAND } from '../../bot/message-extension.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector } from './connector.js';
import { invokeBody } from './test-adapter.js';

type Json = Record<string, any>;
const TEAMS_APP_ID = '3f6c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const PUBLIC_URL = 'https://dpo-board.example.org';

const require = createRequire(import.meta.url);
/** The Adaptive Cards library's UMD build (as tests/bot/cards.spec.ts loads it), typed by the members used. */
interface AdaptiveCardsUmd {
  Versions: { v1_3: unknown };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  AdaptiveCard: new () => {
    parse(content: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
}
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsUmd;

/** Problems the library finds reading a card as version 1.3, the highest link unfurling renders. */
function problemsAs13(content: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_3);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  return [...problems, ...card.validateProperties().validationEvents.map((e) => e.message)];
}

function query(serviceUrl: string, from: A.User, parameters: { name: string; value: string }[], options: Json = {}, locale = 'sv-SE') {
  const where = options.where ?? A.CHANNEL;
  return A.activity(
    serviceUrl,
    where,
    from,
    {
      type: 'invoke',
      name: 'composeExtension/query',
      value: {
        commandId: options.commandId ?? SEARCH_COMMAND.id,
        parameters,
        queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 },
      },
      channelData: { tenant: { id: A.TENANT }, source: { name: 'compose' } },
    },
    locale,
  );
}

const search = (text: string) => [{ name: SEARCH_COMMAND.parameter, value: text }];
const INITIAL_RUN = [{ name: 'initialRun', value: 'true' }];

function queryLink(serviceUrl: string, from: A.User, url: string, locale = 'sv-SE') {
  return A.activity(serviceUrl, A.CHANNEL, from, { type: 'invoke', name: 'composeExtension/queryLink', value: { url } }, locale);
}

describe('the message extension over the Bot Framework protocol', { timeout: 60_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;

  beforeAll(async () => {
    connector = await startConnector();
    server = await startTestServer({ TEAMS_APP_ID, PUBLIC_URL });
  });
  afterAll(async () => {
    await server.dispose();
    await connector.close();
  });

  async function invoke(activity: Json): Promise<Json> {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  }
  const attachmentsOf = (body: Json): Json[] => {
    expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    return body.composeExtension.attachments as Json[];
  };
  const titles = (body: Json) => attachmentsOf(body).map((a) => a.content.body[0].text as string);

  it('answers the default query (initialRun) with the twelve control points: a card to insert and a thumbnail preview each', async () => {
    const body = await invoke(query(connector.url, A.USERS.ciso, INITIAL_RUN));
    const results = attachmentsOf(body);
    expect(results.map((r) => r.content.body[0].text)).toEqual(
      Array.from({ length: 12 }, (_, i) => expect.stringMatching(new RegExp(`^Kontrollpunkt ${i + 1}: `))),
    );
    for (const result of results) {
      expect(result.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(result.content).toMatchObject({ type: 'AdaptiveCard', version: '1.3' });
      expect(problemsAs13(result.content)).toEqual([]);
      expect(JSON.stringify(result.content)).not.toContain('${');
      // The preview: a thumbnail card with a title and text, no buttons and no tap (the docs allow only invoke there).
      expect(result.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
      expect(Object.keys(result.preview.content).sort()).toEqual(['text', 'title']);
    }
    const first = results[0]!.content;
    const facts = Object.fromEntries((first.body[3].facts as { title: string; value: string }[]).map((f) => [f.title, f.value]));
    expect(Object.keys(facts)).toEqual(
      expect.arrayContaining(['Förvaltningens status', 'Dataskyddsombudets bedömning', 'Förvaltningens egen nivå', 'Försenad']),
    );
    // The seed's marks are read from the report's X: the card says so until the DPO confirms them.
    expect(facts['Dataskyddsombudets bedömning']).toMatch(/^Nivå \d av 5 \(tolkad från rapporten\)$/);
    expect(results[0]!.preview.content.text).toContain('tolkad från rapporten');
    // Answered in the invoke's response only: nothing is posted to the conversation.
    expect(connector.of(A.CHANNEL.conversationId)).toEqual([]);
  });

  it('finds control points and instructions by number, IIFS number and title, ignoring case and diacritics', async () => {
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('IIFS 07'))))).toEqual(['IIFS 07: Anvisning för IT-användande']);
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('iifs7'))))).toEqual(['IIFS 07: Anvisning för IT-användande']);
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('7'))))).toEqual([
      'Kontrollpunkt 7: Informationsplikt',
      'IIFS 07: Anvisning för IT-användande',
    ]);
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('kontrollpunkt 4'))))).toEqual([
      'Kontrollpunkt 4: Register över personuppgiftsbehandlingar',
    ]);
    const accented = titles(await invoke(query(connector.url, A.USERS.ciso, search('Övergripande'))));
    expect(accented).toEqual(['Kontrollpunkt 5: Övergripande styrning av dataskyddsarbetet']);
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('  OVERGRIPANDE '))))).toEqual(accented);
    const security = titles(await invoke(query(connector.url, A.USERS.ciso, search('säkerhet'))));
    expect(security.length).toBeGreaterThan(1);
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('SAKERHET'))))).toEqual(security);
    // Every word must be found; a word at the start of a title's word ranks first.
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('hantering mobila'))))).toEqual([
      'IIFS 09: Anvisning för Hantering av mobila enheter',
    ]);
    expect(titles(await invoke(query(connector.url, A.USERS.ciso, search('reg')))).slice(0, 2)).toEqual([
      'Kontrollpunkt 4: Register över personuppgiftsbehandlingar',
      'Kontrollpunkt 12: Hantering av registrerades rättigheter',
    ]);
    expect(attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('finns inte alls'))))).toEqual([]);
  });

  it("shows an instruction's state, planned period and overdue, with a deep link to the action plan inside Teams", async () => {
    const [result] = attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('IIFS 10'))));
    const facts = Object.fromEntries((result!.content.body[3].facts as { title: string; value: string }[]).map((f) => [f.title, f.value]));
    // Planned for the report's two quarters ("Q4 2024 & Q1 2025") and ongoing: the last has ended.
    expect(facts).toMatchObject({ Läge: 'Pågående', 'Planerad till': 'Q4 2024 – Q1 2025', Försenad: 'Ja' });
    expect(result!.preview.content.text).toBe('Pågående · Q4 2024 – Q1 2025 · ⚠ Försenad');
    const [open] = result!.content.actions as { type: string; url: string }[];
    expect(open!.type).toBe('Action.OpenUrl');
    expect(parseTabLink(open!.url)).toMatchObject({
      appId: TEAMS_APP_ID,
      subEntityId: 'action-plan',
      webUrl: `${PUBLIC_URL}/tab/action-plan`,
    });
    // A state the report does not give is not judged overdue.
    const [unstated] = attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('IIFS 07'))));
    expect(JSON.stringify(unstated!.content)).toContain('"title":"Försenad","value":"Nej"');
  });

  it("counts a control point's evidence with a button to it, as the bot's other cards do", async () => {
    const before = attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('kp 8'))))[0]!.content;
    expect(JSON.stringify(before)).toContain('"title":"Underlag","value":"0"');
    const link = {
      title: 'Rutin för e-post',
      url: 'https://intraservice.sharepoint.com/sites/dpo/rutin-epost.pdf',
      kind: 'routine',
      date: '2024-05-02',
    };
    expect((await server.call('ciso', 'POST', '/api/control-points/8/evidence', link)).status).toBe(201);
    const after = attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('kp 8'))))[0]!.content;
    expect(JSON.stringify(after)).toContain('"title":"Underlag","value":"1"');
    expect(after.actions.map((a: Json) => a.title)).toEqual(['Öppna i fliken', 'Visa underlaget (1)']);
    expect(parseTabLink(after.actions[1].url)).toMatchObject({ subEntityId: 'control-points/8/evidence' });
    // Instructions have no evidence and no such button.
    const [instruction] = attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('IIFS 07'))));
    expect(instruction!.content.actions).toHaveLength(1);
  });

  it('keeps every card under the 28 KB Teams sends: a long status is cut at a word, the tab has it whole', async () => {
    const text =
      `${'Rutinen för registerförteckningen är införd i samtliga verksamheter och följs upp kvartalsvis. '.repeat(85)}Slut.`.slice(0, 8000);
    expect((await server.call('ciso', 'POST', '/api/control-points/4/status-updates', { text, unitLevel: null })).status).toBe(201);
    for (const body of [
      await invoke(query(connector.url, A.USERS.ciso, search('kp 4'))),
      await invoke(queryLink(connector.url, A.USERS.ciso, `${PUBLIC_URL}/tab/control-points/4`)),
    ]) {
      const [card] = attachmentsOf(body);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
      const shown = card!.content.body.at(-1).text as string;
      expect(shown.endsWith(' …')).toBe(true);
      expect(text.startsWith(shown.slice(0, -2))).toBe(true);
      expect(shown.length).toBeLessThanOrEqual(602);
    }
    // All 25 results of a page together stay small too.
    expect(Buffer.byteLength(JSON.stringify(await invoke(query(connector.url, A.USERS.ciso, search('iifs')))))).toBeLessThan(100 * 1024);
  });

  it('answers in English when Teams says the user reads English', async () => {
    const body = await invoke(query(connector.url, A.USERS.dpo, search('4'), {}, 'en-US'));
    const [cp, instruction] = attachmentsOf(body);
    expect(cp!.content.body[0].text).toBe('Control point 4: Register över personuppgiftsbehandlingar');
    expect(JSON.stringify(cp!.content)).toContain('(interpreted from the report)');
    expect(cp!.content.actions[0].title).toBe('Open in the tab');
    expect(JSON.stringify(instruction!.content)).toContain('"title":"State","value":"Done"');
  });

  it('pages with queryOptions skip and count, never more than 25 a page', async () => {
    const page = async (text: string, skip: number, count: number) =>
      titles(await invoke(query(connector.url, A.USERS.ciso, text ? search(text) : INITIAL_RUN, { skip, count })));
    expect(await page('', 0, 5)).toHaveLength(5);
    expect((await page('', 10, 5)).map((t) => t.split(':')[0])).toEqual(['Kontrollpunkt 11', 'Kontrollpunkt 12']);
    expect(await page('', 12, 25)).toEqual([]);
    // Every instruction's code starts with IIFS: 31 of them.
    expect(await page('iifs', 0, 100)).toHaveLength(25);
    expect((await page('iifs', 25, 25)).map((t) => t.split(':')[0])).toEqual([
      'IIFS 26',
      'IIFS 27',
      'IIFS 28',
      'IIFS 29',
      'IIFS 30',
      'IIFS 31',
    ]);
  });

  it('answers a command it does not know with a message, and a stranger reads like everyone in local mode', async () => {
    const unknown = await invoke(query(connector.url, A.USERS.ciso, search('4'), { commandId: 'somethingElse' }));
    expect(unknown).toEqual({ composeExtension: { type: 'message', text: expect.stringContaining('känner jag inte igen') } });
    expect(titles(await invoke(query(connector.url, A.USERS.stranger, search('4'), { where: A.GROUP })))).toHaveLength(2);
  });

  it('unfurls /tab/ addresses of the app into the same card, and nothing else', async () => {
    const cp = attachmentsOf(await invoke(queryLink(connector.url, A.USERS.ciso, `${PUBLIC_URL}/tab/control-points/4?x=1#top`)));
    const searched = attachmentsOf(await invoke(query(connector.url, A.USERS.ciso, search('kp 4'))));
    expect(cp).toHaveLength(1);
    expect(cp[0]!.content).toEqual({ ...searched[0]!.content });
    expect(parseTabLink(cp[0]!.content.actions[0].url)).toMatchObject({ subEntityId: 'control-points/4' });

    const plan = attachmentsOf(await invoke(queryLink(connector.url, A.USERS.ciso, `${PUBLIC_URL}/tab/action-plan`)));
    expect(plan[0]!.content.body[0].text).toBe('Handlingsplan: Etablera systematiskt informationssäkerhetsarbete');
    expect(problemsAs13(plan[0]!.content)).toEqual([]);
    for (const board of [`${PUBLIC_URL}/tab/`, `${PUBLIC_URL}/tab`, `${PUBLIC_URL}/tab/board`]) {
      const [card] = attachmentsOf(await invoke(queryLink(connector.url, A.USERS.ciso, board, 'en-US')));
      expect(card!.content.body[0].text).toMatch(/: annual report 2023$/);
      expect(card!.content.body[3].facts).toHaveLength(12);
      expect(parseTabLink(card!.content.actions[0].url)).toMatchObject({ subEntityId: 'board' });
      expect(problemsAs13(card!.content)).toEqual([]);
    }
    for (const other of [
      'https://elsewhere.example.com/tab/control-points/4',
      `${server.url}/tab/control-points/4`,
      `http://dpo-board.example.org/tab/control-points/4`,
      `${PUBLIC_URL}/tab/control-points/40`,
      `${PUBLIC_URL}/tab/scale`,
      `${PUBLIC_URL}/tabs/control-points/4`,
      `${PUBLIC_URL}/api/board`,
      'not a url',
    ]) {
      expect(await invoke(queryLink(connector.url, A.USERS.ciso, other)), other).toEqual({
        composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
      });
    }
  });
});

describe('the message extension in AUTH_MODE=entra: what the identity module allows', () => {
  const HOME = '11111111-2222-4333-8444-555555555555';
  const FOREIGN = '99999999-2222-4333-8444-555555555555';
  let dir: string;
  let store: SqliteStore;
  let bot: DpoBot;
  let roleLookups = 0;

  beforeAll(async () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'extension.sqlite'), scale: DEFAULT_SCALE });
    await importSeedFile(store);
    bot = new DpoBot({
      store,
      appState: store.appState,
      // A role directory that counts its lookups (Graph, in the app): reading must need none.
      identity: entraIdentity({
        verifier: { verify: () => Promise.resolve(null) },
        directory: {
          roleValues: () => {
            roleLookups += 1;
            return Promise.resolve(['DPO']);
          },
        },
        homeTenant: HOME,
        allowedTenants: [HOME],
        directoryForTokens: false,
      }),
      links: () => ({ publicUrl: 'https://board.example', teamsAppId: undefined, tabEntityId: 'board' }),
      defaultUnit: 'intraservice',
      startPostsAt: () => Promise.resolve(),
      afterWrite: () => undefined,
    });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One invoke through botbuilder's TestAdapter, by a reader in the team channel of the tenant; the body of its invokeResponse. */
  async function invoke(tenantId: string, name: string, value: Json, locale = 'sv-SE'): Promise<Json> {
    const user = { id: '29:kim', name: 'Kim Läsare', aadObjectId: 'aaaaaaaa-2222-4333-8444-555555555555' };
    const conversation = { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, name: '', tenantId };
    return (await invokeBody(bot, { conversation, user, locale }, name, value))!;
  }
  const searchFor = (text: string) => ({ commandId: SEARCH_COMMAND.id, parameters: search(text), queryOptions: { skip: 0, count: 25 } });

  it('lets anyone of an allowed tenant search and unfurl without a role lookup, and tells someone of another tenant why not, in their language', async () => {
    const found = await invoke(HOME, 'composeExtension/query', searchFor('IIFS 07'));
    expect(found.composeExtension.attachments).toHaveLength(1);
    const unfurled = await invoke(HOME, 'composeExtension/queryLink', { url: 'https://board.example/tab/control-points/6' });
    expect(unfurled.composeExtension.attachments[0].content.body[0].text).toBe('Kontrollpunkt 6: Utbildning');

    // Reading needs no role: nobody's roles were looked up (no Graph request per person).
    expect(roleLookups).toBe(0);

    expect(await invoke(FOREIGN, 'composeExtension/query', searchFor('IIFS 07'))).toEqual({
      composeExtension: { type: 'message', text: 'Du är inte inloggad, eller så är din identitet okänd.' },
    });
    expect(await invoke(FOREIGN, 'composeExtension/queryLink', { url: 'https://board.example/tab/' }, 'en-GB')).toEqual({
      composeExtension: { type: 'message', text: 'You are not signed in, or your identity is unknown.' },
    });
  });
});

/// <reference lib="dom" />
/**
 * Card links into the tab (issue 13, item 1). Teams deep links to a tab, as documented:
 *   https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&label=…&context={"subEntityId":…,"channelId":…}
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application#configure-deep-link-to-a-tab
 * First the link builder and the channel-tab registry on their own; then, over the Bot Framework
 * protocol against the real server (temp SQLite, TEAMS_APP_ID set), every link of every card the bot
 * sends is read back the way Teams reads it and followed in the Teams host stand-in
 * (tests/e2e/tab-teams-host.ts): the tab gets the link's entity, channel and sub-entity id in its
 * context, and must open that view. The link's webUrl, opened in a plain browser, shows the same view.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTabLink, tabLink, type LinkSettings } from '../../bot/links.js';
import { CHANNEL_TABS_SETTING, ChannelTabs } from '../../src/store/channel-tabs.js';
import { openStore } from '../../src/store/open.js';
import { loadConfig } from '../../src/config.js';
import { ensureTabBuilt } from '../../tab/build.js';
import { describeInChromium, launchChromium } from '../e2e/tab-browser.js';
import { startTeamsHost, teamsHostArgs, type HostPerson, type TeamsHost } from '../e2e/tab-teams-host.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import * as A from './activities.js';
import { startConnector, type FakeConnector } from './connector.js';

const APP = '6f1c2b1e-9d0a-4a43-9c7e-2f3b8f0c1a11';
const PUBLIC = 'https://board.example.org';
type Json = Record<string, unknown>;

describe('tabLink', () => {
  const settings: LinkSettings = { publicUrl: PUBLIC, teamsAppId: APP, tabEntityId: 'board' };
  const withTab: LinkSettings = { ...settings, channelTabOf: (id) => (id === '19:general@thread.tacv2' ? 'dpo-board-plan' : undefined) };

  it('is the tab’s web address without a Teams app id (local, the Playground)', () => {
    expect(tabLink({ ...settings, teamsAppId: undefined }, { page: 'control-points/4', label: 'KP 4' })).toBe(
      `${PUBLIC}/tab/control-points/4`,
    );
    expect(tabLink({ ...settings, teamsAppId: undefined }, { page: '', label: 'Tavlan' })).toBe(`${PUBLIC}/tab/`);
  });

  it('deep-links into the personal tab, without channelId, where the channel has no tab of ours', () => {
    const link = tabLink(withTab, { page: 'control-points/4', label: 'Kontrollpunkt 4: Register', channelId: '19:other@thread.tacv2' });
    expect(parseTabLink(link)).toEqual({
      appId: APP,
      entityId: 'board',
      webUrl: `${PUBLIC}/tab/control-points/4`,
      label: 'Kontrollpunkt 4: Register',
      subEntityId: 'control-points/4',
      channelId: null,
    });
  });

  it('deep-links into the channel tab saved in the channel, with its channelId', () => {
    const link = tabLink(withTab, { page: 'action-plan', label: 'Handlingsplan', channelId: '19:general@thread.tacv2' });
    expect(parseTabLink(link)).toMatchObject({
      entityId: 'dpo-board-plan',
      subEntityId: 'action-plan',
      channelId: '19:general@thread.tacv2',
    });
  });

  it('names the board as a sub-page (a channel tab may start on the action plan) and encodes every parameter with %20, never +', () => {
    const link = tabLink(withTab, { page: '', label: 'Öppna tavlan & mer', channelId: '19:general@thread.tacv2' });
    expect(parseTabLink(link)?.subEntityId).toBe('board');
    const query = link.split('?')[1]!;
    expect(query).not.toContain('+');
    expect(query).toContain('label=%C3%96ppna%20tavlan%20%26%20mer');
    expect(query.split('&').map((p) => p.split('=')[0])).toEqual(['webUrl', 'label', 'context']);
  });

  it('reads back nothing from other addresses', () => {
    expect(parseTabLink(`${PUBLIC}/tab/control-points/4`)).toBeNull();
    expect(parseTabLink('https://teams.microsoft.com/l/chat/0/0')).toBeNull();
    expect(parseTabLink('not a url')).toBeNull();
  });
});

describe('ChannelTabs', () => {
  it('keeps the latest tab per channel in one app-state setting, re-reads it when stale, and forgets only the tab removed', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDataDir(), BOT_ENABLED: 'false' });
    const { store } = await openStore(config);
    let now = 0;
    const mine = new ChannelTabs(store.appState, { now: () => now, maxAgeMs: 60_000 });
    const other = new ChannelTabs(store.appState, { now: () => now, maxAgeMs: 60_000 });
    await Promise.all([mine.load(), other.load()]);
    await mine.save({ channelId: '19:a@thread.tacv2', entityId: 'dpo-board-board', savedAt: '2026-01-01T00:00:00Z', savedBy: 'dpo' });
    expect(mine.entityIdOf('19:a@thread.tacv2')).toBe('dpo-board-board');
    // Another instance sees it once its copy is older than maxAgeMs (the lookup starts the re-read).
    expect(other.entityIdOf('19:a@thread.tacv2')).toBeUndefined();
    now = 60_001;
    other.entityIdOf('19:a@thread.tacv2');
    await other.load();
    expect(other.entityIdOf('19:a@thread.tacv2')).toBe('dpo-board-board');
    await mine.save({ channelId: '19:a@thread.tacv2', entityId: 'dpo-board-plan', savedAt: '2026-01-02T00:00:00Z', savedBy: 'ciso' });
    expect(await mine.remove('19:a@thread.tacv2', 'dpo-board-board')).toBe(false);
    expect(mine.entityIdOf('19:a@thread.tacv2')).toBe('dpo-board-plan');
    expect(await mine.remove('19:a@thread.tacv2', 'dpo-board-plan')).toBe(true);
    expect(mine.entityIdOf('19:a@thread.tacv2')).toBeUndefined();
    // A setting written by hand with junk in it is read as far as it makes sense.
    await store.appState.putSetting(CHANNEL_TABS_SETTING, {
      '19:b@thread.tacv2': { entityId: 7 },
      '19:c@thread.tacv2': { entityId: 'dpo-board-board' },
    });
    await mine.load();
    expect(mine.list().map((t) => [t.channelId, t.entityId])).toEqual([['19:c@thread.tacv2', 'dpo-board-board']]);
    await store.close();
  });
});

const PERSON: HostPerson = {
  as: 'dpo',
  name: 'Dana Dataskydd',
  upn: 'dpo@example.org',
  oid: '00000000-0000-4000-8000-000000000d90',
  tid: 'tenant',
};
/** The content URL Teams loads for each of our tabs: the personal tab (manifest) and the channel tab (its setConfig). */
const CONTENT_PATH: Record<string, string> = { board: '/tab', 'dpo-board-board': '/tab/', 'dpo-board-plan': '/tab/action-plan' };

describeInChromium('every card link opens the tab inside Teams on its view', { timeout: 180_000 }, () => {
  let connector: FakeConnector;
  let server: TestServer;
  let host: TeamsHost;
  let browser: Browser;

  beforeAll(async () => {
    await ensureTabBuilt({ quiet: true });
    connector = await startConnector();
    server = await startTestServer({ TEAMS_APP_ID: APP, PUBLIC_URL: PUBLIC, TAB_DEFAULT_USER: 'dpo' });
    host = await startTeamsHost({ tabServer: server.url, token: () => Promise.resolve({ ok: false, reason: 'not used in local mode' }) });
    browser = await launchChromium(teamsHostArgs(host));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.dispose();
    await connector?.close();
  });

  async function send(activity: Json): Promise<void> {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
  }

  /** Every Action.OpenUrl / selectAction url in a card, with the card's text around it for the message. */
  function linksIn(value: unknown, found: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((v) => linksIn(v, found));
    else if (value && typeof value === 'object') {
      const o = value as Json;
      if (typeof o.url === 'string') found.push(o.url);
      Object.values(o).forEach((v) => linksIn(v, found));
    }
    return found;
  }

  async function follow(link: string): Promise<Page> {
    const parsed = parseTabLink(link)!;
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'sv-SE', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(
      host.pageUrl(CONTENT_PATH[parsed.entityId]!, PERSON, {
        entityId: parsed.entityId,
        subEntityId: parsed.subEntityId ?? '',
        ...(parsed.channelId ? { channelId: parsed.channelId } : {}),
      }),
    );
    return page;
  }

  /** The view the sub-entity id names, as the tab shows it. */
  async function expectView(frame: ReturnType<Page['frameLocator']> | Page, subEntityId: string): Promise<void> {
    const cp = /^control-points\/(\d+)(\/evidence)?$/.exec(subEntityId);
    if (cp) {
      await frame.getByRole('heading', { level: 1, name: new RegExp(`^Kontrollpunkt ${cp[1]}: `) }).waitFor();
      if (cp[2]) await frame.getByTestId('evidence').waitFor();
    } else if (subEntityId === 'action-plan') await frame.getByRole('heading', { level: 1, name: 'Handlingsplan' }).waitFor();
    else await frame.getByTestId('board').waitFor();
  }

  it('links cards in a channel with a DPO Board tab into that tab, and cards in a personal chat into the personal tab', async () => {
    await send(A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'));
    await send(A.installation(connector.url, A.PERSONAL, A.USERS.dpo, 'add'));
    await connector.waitFor(A.CHANNEL.conversationId, 1);
    await connector.waitFor(A.PERSONAL.conversationId, 1);
    // Before any tab of ours is in the channel, the welcome links into the personal tab (no channelId).
    const welcome = linksIn(connector.of(A.CHANNEL.conversationId)[0]!.activity.attachments);
    expect(welcome.map((l) => parseTabLink(l))).toEqual([
      expect.objectContaining({ entityId: 'board', channelId: null, subEntityId: 'board' }),
    ]);
    const before = connector.received.length;
    // The channel tab's configuration page saved the board tab in the channel (tests/e2e/tab-teams-meeting.spec.ts drives it).
    const saved = await server.call('ciso', 'PUT', `/api/channel-tabs/${encodeURIComponent(A.CHANNEL.conversationId)}`, {
      entityId: 'dpo-board-board',
    });
    expect(saved.status).toBe(200);

    for (const text of ['status 4', 'fokus', 'rapport', 'status', 'hjälp']) {
      await send(A.message(connector.url, A.CHANNEL, A.USERS.ciso, text));
      await send(A.message(connector.url, A.PERSONAL, A.USERS.dpo, text));
    }
    // A change the channel hears about: its card links to the control point.
    await server.call('dpo', 'POST', '/api/control-points/6/assessments', { level: 3, comment: 'Följt upp i mötet.' });
    await server.feed.poke();
    await server.bot!.notifier.idle();

    // Replies in a channel go to the thread (<channel>;messageid=…), posts to the channel itself.
    const byWhere = (id: string) =>
      connector.received
        .slice(before)
        .filter((r) => r.conversationId.split(';')[0] === id)
        .flatMap((r) => linksIn(r.activity.attachments));
    const channelLinks = byWhere(A.CHANNEL.conversationId);
    const personalLinks = byWhere(A.PERSONAL.conversationId);
    expect(channelLinks.length).toBeGreaterThanOrEqual(8);
    expect(personalLinks.length).toBeGreaterThanOrEqual(7);
    for (const link of channelLinks) {
      expect(parseTabLink(link), link).toMatchObject({ appId: APP, entityId: 'dpo-board-board', channelId: A.CHANNEL.conversationId });
    }
    for (const link of personalLinks) expect(parseTabLink(link), link).toMatchObject({ appId: APP, entityId: 'board', channelId: null });
    const pages = new Set([...channelLinks, ...personalLinks].map((l) => parseTabLink(l)!.subEntityId));
    // Control points (status 4 and its evidence, the focus areas, the change of 6), the action plan (the report) and the board.
    expect(pages).toEqual(
      new Set([
        'control-points/4',
        'control-points/4/evidence',
        'control-points/1',
        'control-points/7',
        'control-points/6',
        'action-plan',
        'board',
      ]),
    );
    for (const link of [...channelLinks, ...personalLinks]) {
      const parsed = parseTabLink(link)!;
      expect(parsed.webUrl).toBe(`${PUBLIC}/tab/${parsed.subEntityId === 'board' ? '' : parsed.subEntityId}`);
    }

    // Follow every distinct link inside Teams: per tab, the first opens the tab (start-up sub-page id), the
    // others reach the open tab as Teams delivers a deep link to it (resumed with the new context).
    const distinct = new Map<string, Map<string, string>>();
    for (const link of [...channelLinks, ...personalLinks]) {
      const parsed = parseTabLink(link)!;
      distinct.set(parsed.entityId, (distinct.get(parsed.entityId) ?? new Map<string, string>()).set(parsed.subEntityId!, link));
    }
    for (const [entityId, links] of distinct) {
      const [first, ...rest] = [...links.values()];
      const page = await follow(first!);
      await expectView(page.frameLocator('#tab'), parseTabLink(first!)!.subEntityId!);
      for (const link of rest) {
        const parsed = parseTabLink(link)!;
        const how = await page.evaluate(
          (p) => (window as unknown as { teamsHost: { openDeepLink(x: unknown): string } }).teamsHost.openDeepLink(p),
          { subEntityId: parsed.subEntityId, entityId, path: CONTENT_PATH[entityId] },
        );
        expect(how).toBe('resumed');
        await expectView(page.frameLocator('#tab'), parsed.subEntityId!);
      }
      await page.context().close();
    }
    // The webUrl of each view, in a plain browser, shows the same view.
    const plain = await (await browser.newContext({ locale: 'sv-SE', ignoreHTTPSErrors: true })).newPage();
    for (const link of distinct.get('board')!.values()) {
      const parsed = parseTabLink(link)!;
      await plain.goto(parsed.webUrl!);
      await expectView(plain, parsed.subEntityId!);
    }
    await plain.context().close();
  });
});

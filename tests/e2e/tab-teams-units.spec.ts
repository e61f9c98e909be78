/// <reference lib="dom" />
/**
 * The tab knows units, inside the Teams host stand-in (tab-teams-host.ts: teams-js's postMessage protocol at the host
 * boundary only), against the real server with a second unit (issue 14, items 3 and 4):
 * - a deep link's sub-page id naming a unit opens that unit's view;
 *   https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 * - the channel tab's configuration page picks the unit the channel follows; the server's ChannelUnits keeps it,
 *   and the channel tab then shows that unit; https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
 * - the personal tab opens on the city view for someone who reads more than one unit; axe finds nothing on the
 *   unit's board with the unit switcher.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../tab/build.js';
import { grantsEverywhere } from '../../src/domain/roles.js';
import { CHANNEL_UNITS_SETTING } from '../../src/store/channel-units.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeInChromium, launchChromium, runAxe } from './tab-browser.js';
import { startTeamsHost, teamsHostArgs, type HostFrame, type HostPerson, type TeamsHost } from './tab-teams-host.js';

const DPO: HostPerson = {
  as: 'dpo',
  name: 'Dana Dataskydd',
  upn: 'dpo@example.org',
  oid: '00000000-0000-4000-8000-000000000d90',
  tid: 'tenant',
};
const CHANNEL = '19:kultur@thread.tacv2';

let server: TestServer;
let host: TeamsHost;
let browser: Browser;

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  server = await startTestServer({ BOT_ENABLED: 'false', TAB_DEFAULT_USER: 'dpo' });
  // A second unit, made as the units page makes one: its first year with the twelve control points and no marks.
  const system = { actor: { id: 'setup', displayName: 'Setup', roles: [], grants: grantsEverywhere(['admin']) }, source: 'api' as const };
  await server.store.createUnit(
    { id: 'kultur', name: 'Kulturförvaltningen', nameEn: 'Culture Administration', organisation: 'Göteborgs Stad', year: 2023 },
    { ...system, now: new Date('2026-01-15T09:00:00Z') },
  );
  // Local sign-in: the tab acts as the demo DPO (X-Local-User, every unit); Teams' token is never asked for.
  host = await startTeamsHost({ tabServer: server.url, token: () => Promise.resolve({ ok: false, reason: 'not used in local mode' }) });
  browser = await launchChromium(teamsHostArgs(host));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.dispose();
});

async function openInTeams(tabPath: string, frame: HostFrame = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'sv-SE', ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.pageUrl(tabPath, DPO, frame));
  return { page, tab: page.frameLocator('#tab'), errors };
}

const hostSettings = (page: Page) =>
  page.evaluate(() => (window as unknown as { teamsHost: { settings: Record<string, unknown>[] } }).teamsHost.settings);
const hostSave = (page: Page) => page.evaluate(() => (window as unknown as { teamsHost: { save(): Promise<unknown> } }).teamsHost.save());

describeInChromium('the tab in Teams knows units', { timeout: 120_000 }, () => {
  it('opens the unit a deep link names', async () => {
    const { page, tab, errors } = await openInTeams('/tab', { subEntityId: 'units/kultur/control-points/4' });
    await tab.getByRole('heading', { level: 1, name: 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar' }).waitFor();
    await tab.getByText('Göteborgs Stad · Kulturförvaltningen · 2023').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('picks the channel’s unit on the configuration page, and the channel tab then shows it', async () => {
    const { page, tab, errors } = await openInTeams('/tab/config', { frameContext: 'settings', channelId: CHANNEL, entityId: '' });
    await tab.getByRole('heading', { level: 1, name: 'Lägg till DPO Board som flik' }).waitFor();
    const field = tab.getByRole('combobox', { name: 'Förvaltning som kanalen följer' });
    await expect.poll(() => field.textContent()).toBe('Intraservice');
    await field.click();
    await tab.getByRole('option', { name: 'Kulturförvaltningen' }).click();
    await tab.getByText('Klart att spara: DPO Board – Kontrollpunkter, för Kulturförvaltningen.').waitFor();
    await expect(hostSave(page)).resolves.toEqual({ result: 'settings.save.success', reason: null });
    expect(await hostSettings(page)).toEqual([
      {
        entityId: 'dpo-board-board',
        contentUrl: `${host.tabOrigin}/tab/`,
        websiteUrl: `${host.tabOrigin}/tab/units/kultur/`,
        suggestedDisplayName: 'DPO Board – Kontrollpunkter',
      },
    ]);
    expect(await server.store.appState.getSetting(CHANNEL_UNITS_SETTING)).toMatchObject({
      [CHANNEL]: { unitId: 'kultur', followedBy: 'dpo' },
    });
    expect(errors).toEqual([]);
    await page.context().close();

    // The tab Teams then shows in the channel: the unit the channel follows, with the unit switcher beside it.
    const channelTab = await openInTeams('/tab/', { channelId: CHANNEL, entityId: 'dpo-board-board' });
    await channelTab.tab.getByText('Göteborgs Stad · Kulturförvaltningen · 2023', { exact: false }).waitFor();
    await channelTab.tab.getByTestId('board').waitFor();
    await channelTab.tab.getByRole('combobox', { name: 'Förvaltning' }).waitFor();
    const frame = channelTab.page.frames().find((f) => f.url().includes('/tab/'))!;
    expect(await runAxe(frame as unknown as Page)).toEqual([]);
    expect(channelTab.errors).toEqual([]);
    await channelTab.page.context().close();
  });

  it('opens the personal tab on the city view for someone who reads more than one unit', async () => {
    const { page, tab, errors } = await openInTeams('/tab', { personal: true });
    await tab.getByRole('tab', { name: 'Hela staden', selected: true }).waitFor();
    expect(
      new URL(
        page
          .frames()
          .find((f) => f.url().includes('/tab/'))!
          .url(),
      ).pathname,
    ).toBe('/tab/city');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/// <reference lib="dom" />
/**
 * The tab inside the Teams host stand-in (tab-teams-host.ts, teams-js's postMessage protocol at the
 * host boundary only) for issue 13, items 1 and 5, against the real server (temp SQLite file, local sign-in):
 * - a deep link's sub-page id opens that view at start-up, and a suspended tab resumed by a deep link
 *   (the `load` message of app caching) moves to the new one;
 *   https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/app-caching
 * - the channel tab's configuration page saves through pages.config and tells the server its entityId,
 *   and removing the tab takes it back; https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
 * - the meeting side panel (frame context sidePanel) shares the board or one control point to the stage
 *   through meeting.shareAppContentToStage, and the stage (frame context meetingStage) shows it.
 *   https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../tab/build.js';
import { CHANNEL_TABS_SETTING } from '../../src/store/channel-tabs.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeInChromium, launchChromium, runAxe, screenshot } from './tab-browser.js';
import { startTeamsHost, teamsHostArgs, type HostFrame, type HostPerson, type TeamsHost } from './tab-teams-host.js';

const DPO: HostPerson = {
  as: 'dpo',
  name: 'Dana Dataskydd',
  upn: 'dpo@example.org',
  oid: '00000000-0000-4000-8000-000000000d90',
  tid: 'tenant',
};
const CHANNEL = '19:general@thread.tacv2';
const MEETING = '19:meeting_abc@thread.v2';

interface HostState {
  log: { func: string; args: unknown[]; frameContext: string }[];
  shared: { url: string; options: unknown; frameContext: string }[];
  settings: Record<string, unknown>[];
  stageUrl: string | null;
}

let server: TestServer;
let host: TeamsHost;
let browser: Browser;

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  server = await startTestServer({ BOT_ENABLED: 'false', TAB_DEFAULT_USER: 'dpo' });
  // Local sign-in: the tab acts as the demo DPO (X-Local-User); Teams' token is never asked for.
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
  return { page, tab: page.frameLocator('#tab'), stage: page.frameLocator('#stage'), errors };
}

const hostState = (page: Page) => page.evaluate(() => (window as unknown as { teamsHost: HostState }).teamsHost);
type HostCalls = Record<'save' | 'remove' | 'openDeepLink', (arg?: unknown) => unknown>;
/** Calls one of the stand-in's Teams actions (save, remove, openDeepLink) in the host page. */
const hostCall = (page: Page, name: keyof HostCalls, arg?: unknown): Promise<unknown> =>
  page.evaluate(([n, a]) => (window as unknown as { teamsHost: HostCalls }).teamsHost[n](a), [name, arg] as const);

describeInChromium('the tab in Teams: deep links, the channel tab and the follow-up meeting', { timeout: 120_000 }, () => {
  it('opens the view a deep link names at start-up, and follows a deep link that resumes the suspended tab', async () => {
    const { page, tab, errors } = await openInTeams('/tab', { subEntityId: 'control-points/4' });
    await tab.getByRole('heading', { level: 1, name: 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar' }).waitFor();
    // The tab opted into suspension, so Teams resumes it instead of loading it again.
    const state = await hostState(page);
    expect(state.log.some((e) => e.func === 'registerHandler' && e.args[0] === 'load')).toBe(true);
    expect(await hostCall(page, 'openDeepLink', { subEntityId: 'action-plan', path: '/tab' })).toBe('resumed');
    await tab.getByRole('heading', { level: 1, name: 'Handlingsplan' }).waitFor();
    // …and the tab told Teams it is there (app.notifySuccess after the resume).
    await expect
      .poll(async () => (await hostState(page)).log.filter((e) => e.func === 'appInitialization.success').length)
      .toBeGreaterThan(0);
    expect(await hostCall(page, 'openDeepLink', { subEntityId: 'board', path: '/tab' })).toBe('resumed');
    await tab.getByTestId('board').waitFor();
    // A sub-page id that names none of our views leaves the content URL's view.
    expect(await hostCall(page, 'openDeepLink', { subEntityId: 'javascript:alert(1)', path: '/tab/control-points/6' })).toBe('resumed');
    await tab.getByRole('heading', { level: 1, name: 'Kontrollpunkt 6: Utbildning' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves the channel tab through pages.config, tells the server its entityId, and takes it back when the tab is removed', async () => {
    const { page, tab, errors } = await openInTeams('/tab/config', { frameContext: 'settings', channelId: CHANNEL, entityId: '' });
    await tab.getByRole('heading', { level: 1, name: 'Lägg till DPO Board som flik' }).waitFor();
    // The unit the channel follows: the one unit there is, named on the page and saved with the tab.
    await tab.getByText('Intraservice', { exact: true }).waitFor();
    await tab.getByRole('radio', { name: 'Handlingsplan' }).check();
    await expect(hostCall(page, 'save')).resolves.toEqual({ result: 'settings.save.success', reason: null });
    const saved = (await hostState(page)).settings;
    expect(saved).toEqual([
      {
        entityId: 'dpo-board-plan',
        contentUrl: `${host.tabOrigin}/tab/action-plan`,
        // Opened outside the channel, the tab names the unit the channel follows (issue 14).
        websiteUrl: `${host.tabOrigin}/tab/units/intraservice/action-plan`,
        suggestedDisplayName: 'DPO Board – Handlingsplan',
      },
    ]);
    expect(await server.store.appState.getSetting(CHANNEL_TABS_SETTING)).toMatchObject({
      [CHANNEL]: { channelId: CHANNEL, entityId: 'dpo-board-plan', savedBy: 'dpo' },
    });
    expect(errors).toEqual([]);
    await page.context().close();

    // Teams opens the page in frame context "remove" with the tab's context when the tab is removed.
    const removal = await openInTeams('/tab/config', { frameContext: 'remove', channelId: CHANNEL, entityId: 'dpo-board-plan' });
    await removal.tab.getByText('Fliken tas bort.', { exact: false }).waitFor();
    await expect(hostCall(removal.page, 'remove')).resolves.toEqual({ result: 'settings.remove.success', reason: null });
    expect(await server.store.appState.getSetting(CHANNEL_TABS_SETTING)).toEqual({});
    await removal.page.context().close();
  });

  it('refuses a channel tab entity id the configuration page never gives, and a malformed channel id', async () => {
    const bad = await server.call('dpo', 'PUT', `/api/channel-tabs/${encodeURIComponent(CHANNEL)}`, { entityId: 'someone-elses-tab' });
    expect(bad.status).toBe(400);
    const badChannel = await server.call('dpo', 'PUT', `/api/channel-tabs/${encodeURIComponent('a:personal')}`, {
      entityId: 'dpo-board-board',
    });
    expect(badChannel.status).toBe(400);
    const anonymous = await server.call(null, 'PUT', `/api/channel-tabs/${encodeURIComponent(CHANNEL)}`, { entityId: 'dpo-board-board' });
    expect(anonymous.status).toBe(401);
  });

  it('shows the focus areas and the twelve control points in the side panel, and shares one control point and the board to the stage', async () => {
    const { page, tab, stage, errors } = await openInTeams('/tab/meeting', { frameContext: 'sidePanel', meetingId: MEETING });
    const panel = tab.getByTestId('side-panel');
    await panel.getByRole('heading', { level: 1, name: 'Uppföljningsmöte 2023' }).waitFor();
    await expect(panel.getByTestId('meeting-focus').getByRole('listitem').allTextContents()).resolves.toHaveLength(3);
    await expect(panel.getByTestId('meeting-focus').textContent()).resolves.toMatch(
      /Dataskyddsorganisation.*Register över personuppgiftsbehandlingar/,
    );
    await expect(panel.getByTestId('meeting-control-points').getByRole('listitem').count()).resolves.toBe(12);
    await expect(panel.getByTestId('meeting-cp-6').textContent()).resolves.toMatch(
      /Dataskyddsombud: Nivå \d av 5 \(tolkad från rapporten\)/,
    );
    expect(await tab.locator('header').count()).toBe(0);
    await screenshot(page, 'meeting-side-panel');

    await panel.getByTestId('meeting-control-points').getByRole('button', { name: 'Dela kontrollpunkt 4 till scen' }).click();
    await panel.getByText('Delat till scenen: Kontrollpunkt 4 Register över personuppgiftsbehandlingar.').waitFor();
    await stage
      .getByTestId('stage')
      .getByRole('heading', { level: 1, name: 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar' })
      .waitFor();
    await panel.getByRole('button', { name: 'Dela tavlan till scen' }).click();
    await stage.getByTestId('stage').getByTestId('board').waitFor();
    await screenshot(page, 'meeting-stage-board');

    const state = await hostState(page);
    expect(state.shared.map((s) => [s.url, s.frameContext])).toEqual([
      [`${host.tabOrigin}/tab/meeting/stage/control-points/4`, 'sidePanel'],
      [`${host.tabOrigin}/tab/meeting/stage`, 'sidePanel'],
    ]);
    // The stage's own frame ran in frame context meetingStage.
    expect(state.log.some((e) => e.func === 'initialize' && e.frameContext === 'meetingStage')).toBe(true);
    expect(state.log.some((e) => e.func === 'meeting.getAppContentStageSharingCapabilities' && e.frameContext === 'sidePanel')).toBe(true);
    const panelFrame = page.frame({ url: /\/tab\/meeting$/ })!;
    const violations = await runAxe(panelFrame as unknown as Page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('offers no sharing where Teams says this person may not share to the stage, and says why', async () => {
    const { page, tab, errors } = await openInTeams('/tab/meeting', {
      frameContext: 'sidePanel',
      meetingId: MEETING,
      mayShareToStage: false,
    });
    await tab.getByText('Teams låter dig inte dela appen till scenen i det här mötet.', { exact: false }).waitFor();
    expect(await tab.getByRole('button', { name: /till scen/ }).count()).toBe(0);
    await expect(tab.getByTestId('meeting-control-points').getByRole('listitem').count()).resolves.toBe(12);
    expect((await hostState(page)).shared).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the board on the stage when the meeting tab itself opens there (frame context meetingStage)', async () => {
    const { page, tab, errors } = await openInTeams('/tab/meeting', { frameContext: 'meetingStage', meetingId: MEETING });
    await tab.getByTestId('stage').getByTestId('board').waitFor();
    await expect(tab.getByTestId('stage').getByText('På scenen i mötet').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens the ordinary board, with its header, when the meeting tab is shown in the meeting chat (frame context content)', async () => {
    const { page, tab, errors } = await openInTeams('/tab/meeting', { frameContext: 'content', meetingId: MEETING });
    await tab.getByTestId('board').waitFor();
    await tab.locator('header').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

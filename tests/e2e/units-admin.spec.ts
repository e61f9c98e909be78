/// <reference lib="dom" />
/**
 * The units page end to end (issue 14 item 1): the real server on a temp SQLite file with the report's unit and an
 * archived one, the built tab, headless Chromium. axe-core (no serious or critical violation) in the light, dark and
 * high-contrast themes, the page and its dialogs (create, archive) open; a unit created through the page is listed.
 * Screenshots go to test-artifacts/tab/units-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../tab/build.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeInChromium, launchChromium, openTab, runAxe, screenshot, type TabPageOptions } from './tab-browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  server = await startTestServer();
  const ctx = {
    actor: {
      id: 'admin',
      displayName: 'Administratör',
      roles: ['admin' as const],
      grants: [{ role: 'admin' as const, units: '*' as const }],
    },
    source: 'api' as const,
    now: new Date(),
  };
  const old = await server.store.createUnit(
    { id: 'gamla', name: 'Gamla förvaltningen', nameEn: 'Old Administration', organisation: 'Göteborgs Stad' },
    ctx,
  );
  await server.store.updateUnit(old.id, { archived: true, expectedVersion: old.version }, ctx);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function openUnits(options: TabPageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openTab(browser, `${server.url}/tab/admin/units`, { user: 'dpo', ...options });
  // Waits end when the state arrives or the test's own time runs out: a loaded machine is slow, not wrong.
  page.setDefaultTimeout(0);
  await page.getByRole('region', { name: 'Aktiva förvaltningar' }).waitFor();
  return { page, errors };
}

const serious = async (page: Page, where: string) =>
  (await runAxe(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} @ ${v.nodes.slice(0, 3).join(', ')}`);

describeInChromium('the units page in headless Chromium', { timeout: 240_000 }, () => {
  const THEMES = [
    ['light', {}],
    ['dark', { colorScheme: 'dark' as const }],
    ['high-contrast', { contrast: 'more' as const }],
  ] as const;
  for (const [name, options] of THEMES) {
    it(`has no serious or critical axe-core violations, its dialogs open too, ${name} theme`, async () => {
      const { page, errors } = await openUnits(options);
      const found = await serious(page, 'page');
      await page.getByRole('region', { name: 'Arkiverade förvaltningar' }).getByText('Gamla förvaltningen (arkiverad)').waitFor();
      await screenshot(page, `units-${name}`);
      await page.getByRole('button', { name: 'Ny förvaltning' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Lägg till ansvarig' }).click();
      found.push(...(await serious(page, 'create dialog')));
      await screenshot(page, `units-create-${name}`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Arkivera Intraservice' }).click();
      await page
        .getByRole('dialog')
        .getByText(/All historik finns kvar/)
        .waitFor();
      found.push(...(await serious(page, 'archive dialog')));
      await page.keyboard.press('Escape');
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('creates a unit through the page, which then lists it', async () => {
    const { page, errors } = await openUnits();
    await page.getByRole('button', { name: 'Ny förvaltning' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Id' }).fill('kultur');
    await dialog.getByRole('textbox', { name: 'Namn på svenska' }).fill('Kulturförvaltningen');
    await dialog.getByRole('textbox', { name: 'Namn på engelska' }).fill('Culture Administration');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('region', { name: 'Aktiva förvaltningar' }).getByText('Kulturförvaltningen').waitFor();
    expect((await server.store.listUnits()).map((u) => u.id).sort()).toEqual(['gamla', 'intraservice', 'kultur']);
    expect(errors).toEqual([]);
    await page.close();
  });
});

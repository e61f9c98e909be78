/// <reference lib="dom" />
/**
 * The tab end to end: the real server on a temp SQLite file, the built tab, headless Chromium.
 * Screenshots of every state checked are kept in test-artifacts/tab/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../tab/build.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeInChromium, launchChromium, openTab, runAxe, screenshot, type TabPageOptions } from './tab-browser.js';

const seed = JSON.parse(fs.readFileSync('seed/intraservice-2023.json', 'utf8')) as { controlPoints: { number: number; title: string }[] };

let server: TestServer;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  server = await startTestServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function open(path: string, options: TabPageOptions = {}): Promise<Page> {
  const { page, errors } = await openTab(browser, server.url + path, options);
  pages.push(page);
  page.on('close', () => expect(errors).toEqual([]));
  return page;
}

const cards = (page: Page) => page.locator('[data-testid="board"] [role="listitem"]');

async function boardReady(page: Page): Promise<void> {
  await cards(page).first().waitFor();
  await page.getByTestId('user-switcher').filter({ hasText: '(demo)' }).waitFor();
}

// A real browser on a busy 2-core machine: give each scenario room (the speed is measured by bench/tab.ts, not here).
describeInChromium('the tab in headless Chromium', { timeout: 90_000 }, () => {
  it('redirects / to the tab and shows the twelve control points with their Swedish titles', async () => {
    const page = await open('/');
    await boardReady(page);
    expect(new URL(page.url()).pathname).toBe('/tab/');
    await expect(cards(page).count()).resolves.toBe(12);
    for (const cp of seed.controlPoints) {
      await expect(page.getByRole('link', { name: `Kontrollpunkt ${cp.number}: ${cp.title}`, exact: true }).count()).resolves.toBe(1);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    const meter = page.getByTestId('cp-6').getByRole('meter');
    expect(await meter.getAttribute('aria-valuetext')).toBe('Dataskyddsombud: nivå 1 av 5, Nivå 1 av 5 (tolkad från rapporten)');
    await screenshot(page, 'board-sv-light');
    await page.close();
  });

  it('filters by focus and work package, and searches', async () => {
    const page = await open('/tab/');
    await boardReady(page);
    await page.getByRole('checkbox', { name: 'Endast fokusområden' }).check();
    await expect(cards(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).getAttribute('data-testid')))).resolves.toEqual([
      'cp-1',
      'cp-4',
      'cp-7',
    ]);
    await screenshot(page, 'board-filter-focus');
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.getByRole('combobox', { name: 'Huvudpaket' }).selectOption({ label: 'Utbildning' });
    await expect(cards(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).getAttribute('data-testid')))).resolves.toEqual([
      'cp-6',
    ]);
    await page.getByRole('combobox', { name: 'Huvudpaket' }).selectOption('');
    await page.getByRole('searchbox', { name: 'Sök' }).fill('informationsplikt');
    await expect(cards(page).count()).resolves.toBe(1);
    expect(await page.getByTestId('shown-count').textContent()).toBe('Visar 1 av 12 kontrollpunkter');
    await page.close();
  });

  it('opens a control point by click and by deep link', async () => {
    const page = await open('/tab/');
    await boardReady(page);
    await page.getByRole('link', { name: 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tab/control-points/4');
    await page.goBack();
    await cards(page).first().waitFor();
    await page.close();

    const deep = await open('/tab/control-points/7');
    await deep.getByRole('heading', { level: 1, name: 'Kontrollpunkt 7: Informationsplikt' }).waitFor();
    await deep.getByTestId('activities').getByRole('listitem').first().waitFor();
    await screenshot(deep, 'detail-7-deep-link');
    await deep.close();
  });

  it('lets the CISO add a status update (with the unit level), which shows at once', async () => {
    const page = await open('/tab/control-points/5', { user: 'ciso' });
    const form = page.getByTestId('status-form');
    await form.getByRole('textbox', { name: 'Statustext' }).fill('Styrningen av dataskyddsarbetet är beslutad i ledningsgruppen.');
    await form.getByRole('combobox', { name: 'Förvaltningens egen nivå' }).selectOption('3');
    await form.getByRole('button', { name: 'Publicera status' }).click();
    await form.getByText('Sparat.').waitFor();
    await page.getByTestId('latest-status').getByText('Styrningen av dataskyddsarbetet är beslutad i ledningsgruppen.').waitFor();
    await page
      .getByTestId('change-log')
      .getByText(/CISO Intraservice \(demo\) \(via fliken\)/)
      .waitFor();
    expect(await form.getByRole('textbox', { name: 'Statustext' }).inputValue()).toBe('');
    await screenshot(page, 'detail-5-ciso-status-added');
    await page.getByRole('link', { name: 'Tillbaka till kontrollpunkterna' }).click();
    const unitMeter = page.getByTestId('cp-5').getByRole('meter', { name: 'Förvaltningen' });
    await unitMeter.waitFor();
    expect(await unitMeter.getAttribute('aria-valuenow')).toBe('3');
    await page.close();
  });

  it('checks quarters before sending, and on a conflict from the server keeps what the CISO typed and says why', async () => {
    const page = await open('/tab/control-points/2', { user: 'ciso' });
    await page.getByRole('button', { name: 'Ny aktivitet' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Beskrivning' }).fill('Öva incidentprocessen med förvaltningsledningen');
    await dialog.getByRole('textbox', { name: 'Från kvartal' }).fill('2026-Q3');
    await dialog.getByRole('textbox', { name: 'Till kvartal' }).fill('2026-K1');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('Till-kvartalet ligger före från-kvartalet.').waitFor();
    await dialog.getByRole('textbox', { name: 'Till kvartal' }).fill('2026-k4'); // Swedish K and any case are accepted
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('activities').getByText('Öva incidentprocessen med förvaltningsledningen').waitFor();

    // Someone else edits the first activity while the CISO has it open.
    const detail = (await (await server.call('ciso', 'GET', '/api/control-points/2')).json()) as {
      activities: { id: number; text: string }[];
    };
    const first = detail.activities[0]!;
    await page
      .getByRole('button', { name: /^Ändra aktiviteten:/ })
      .first()
      .click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Beskrivning' }).fill('Min omskrivna text som inte får gå förlorad');
    const meanwhile = await server.call('editor', 'PATCH', `/api/activities/${first.id}`, { state: 'ongoing', version: 1 });
    expect(meanwhile.status).toBe(200);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Någon annan har ändrat detta under tiden.');
    expect(await dialog.getByRole('textbox', { name: 'Beskrivning' }).inputValue()).toBe('Min omskrivna text som inte får gå förlorad');
    await screenshot(page, 'detail-2-conflict-keeps-input');
    await dialog.getByRole('button', { name: 'Spara' }).click(); // applies to the newer version now
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('activities').getByText('Min omskrivna text som inte får gå förlorad').waitFor();
    await page.close();
  });

  it('gives a reader no way to write, and the server refuses one anyway', async () => {
    const page = await open('/tab/control-points/1', { user: 'reader' });
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('status-form').count()).toBe(0);
    expect(await page.getByTestId('assessment-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Ändra|Ny aktivitet/ }).count()).toBe(0);
    await screenshot(page, 'detail-1-reader');
    const refused = await server.call(
      'reader',
      'POST',
      '/api/control-points/1/status-updates',
      { text: 'Får jag?' },
      { 'X-DPO-Client': 'tab' },
    );
    expect(refused.status).toBe(403);
    await page.close();
  });

  it('lets the DPO assess a control point; the history and the board follow', async () => {
    const page = await open('/tab/control-points/6', { user: 'dpo' });
    const form = page.getByTestId('assessment-form');
    await form.getByRole('radio', { name: '2 · Nivå 2 av 5' }).check();
    await form.getByRole('textbox', { name: 'Kommentar' }).fill('Utbildningsplanen är antagen; genomförandet återstår.');
    await form.getByRole('button', { name: 'Spara bedömning' }).click();
    await page.getByTestId('assessments').getByText('Utbildningsplanen är antagen; genomförandet återstår.').waitFor();
    await page.getByRole('img', { name: /2023: 2 \(Nivå 2 av 5\)/ }).waitFor();
    await screenshot(page, 'detail-6-dpo-assessed');
    await page.getByRole('link', { name: 'Tillbaka till kontrollpunkterna' }).click();
    const meter = page.getByTestId('cp-6').getByRole('meter', { name: 'Dataskyddsombud' });
    await meter.waitFor();
    expect(await meter.getAttribute('aria-valuenow')).toBe('2');
    await page.close();
  });

  it('shows a change made through the API on an open board within 5 seconds, without a reload', async () => {
    const page = await open('/tab/', { user: 'reader' });
    await boardReady(page);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const meter = page.getByTestId('cp-12').getByRole('meter', { name: 'Förvaltningen' });
    expect(await meter.count()).toBe(0);
    const started = Date.now();
    const res = await server.call('editor', 'POST', '/api/control-points/12/status-updates', {
      text: 'Rutin för registerutdrag införd.',
      unitLevel: 4,
    });
    expect(res.status).toBe(201);
    await meter.waitFor({ timeout: 5000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(5000);
    expect(await meter.getAttribute('aria-valuenow')).toBe('4');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // same document: no reload
    await screenshot(page, 'board-live-update');
    await page.close();
  });

  it('follows a dark colour scheme', async () => {
    const page = await open('/tab/', { colorScheme: 'dark' });
    await boardReady(page);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const background = await page.locator('#main').evaluate((el) => getComputedStyle((el as HTMLElement).parentElement!).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(3 * 80);
    await screenshot(page, 'board-sv-dark');
    await page.close();
  });

  it('follows a request for more contrast with the high-contrast theme', async () => {
    const page = await open('/tab/control-points/1', { contrast: 'more' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('contrast');
    await screenshot(page, 'detail-1-high-contrast');
    await page.close();
  });

  it('speaks English to an English browser, error messages included', async () => {
    const page = await open('/tab/', { locale: 'en-US', user: 'ciso' });
    await page.getByRole('heading', { level: 1, name: 'Control points 2023' }).waitFor();
    await page.getByRole('checkbox', { name: 'Focus areas only' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'board-en-light');
    await page.getByRole('link', { name: 'Control point 3: Biträdesavtal och andra överenskommelser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Control point 3: Biträdesavtal och andra överenskommelser' }).waitFor();
    await page.getByRole('tab', { name: 'Action plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    await page.getByText(/of 31 instructions done/).waitFor();
    await screenshot(page, 'action-plan-en');
    await page.getByRole('button', { name: /^Change IIFS 07:/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Draft reviewed by the CISO');
    expect((await server.call('editor', 'PATCH', '/api/instructions/7', { note: 'Changed elsewhere', version: 1 })).status).toBe(200);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Someone else changed this meanwhile. Reload and try again.');
    expect(await dialog.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Draft reviewed by the CISO');
    await screenshot(page, 'action-plan-en-conflict');
    await page.close();
  });

  it('lets an editor change an instruction state from the action plan', async () => {
    const page = await open('/tab/action-plan', { user: 'editor' });
    await page.getByRole('button', { name: /^Ändra IIFS 05:/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Tillstånd' }).selectOption('done');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('group-done').getByTestId('instruction-5').waitFor();
    await screenshot(page, 'action-plan-sv-editor');
    await page.close();
  });

  it('can be used with the keyboard alone: skip link, filters, open a control point', async () => {
    const page = await open('/tab/');
    await boardReady(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('konsekvensbedömning');
    // Tab through the filters to the first control point's link and open it with Enter.
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('href')?.startsWith('/tab/control-points/'))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/tab/control-points/9');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kontrollpunkt 9: Konsekvensbedömning/samråd' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.close();
  });

  it('does not hang when framed by a page that is not Teams: it falls back to the browser', async () => {
    // An iframe inside another origin's page looks like Teams until the handshake goes unanswered. The
    // page is served as a host the CSP's frame-ancestors allow (src/api/security.ts), answering nothing.
    // Chromium's Local Network Access checks would block a public page from framing this loopback
    // server (never the case in production, where the tab is public too), so this browser skips them.
    const lenient = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
    const { context, page } = await openTab(lenient, `${server.url}/api/health`);
    const framer = 'https://outlook.office.com/';
    await page.route(framer, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<iframe title="tab" src="${server.url}/tab/" style="width:1200px;height:900px"></iframe>`,
      }),
    );
    await page.goto(framer);
    const started = Date.now();
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-testid="board"] [role="listitem"]').first().waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await frame.locator('[data-testid="board"] [role="listitem"]').count()).toBe(12);
    await screenshot(page, 'board-framed-not-teams');
    await context.close();
    await lenient.close();
  });

  it('serves the configuration page at /tab/config', async () => {
    const page = await open('/tab/config');
    await page.getByRole('heading', { level: 1, name: 'Lägg till DPO Board som flik' }).waitFor();
    await screenshot(page, 'config-browser');
    await page.close();
  });

  const THEMES = [
    ['light', {}],
    ['dark', { colorScheme: 'dark' as const }],
    ['high-contrast', { contrast: 'more' as const }],
  ] as const;
  for (const [name, options] of THEMES) {
    it(`has no serious or critical axe-core violations in any view, ${name} theme`, async () => {
      const found: string[] = [];
      for (const path of ['/tab/', '/tab/control-points/4', '/tab/action-plan', '/tab/config']) {
        const page = await open(path, { ...options, user: path.includes('control-points') ? 'ciso' : 'dpo' });
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForTimeout(300);
        for (const v of await runAxe(page)) {
          if (v.impact === 'serious' || v.impact === 'critical')
            found.push(`${path}: ${v.id} (${v.impact}) ${v.help} @ ${v.nodes.slice(0, 3).join(', ')}`);
        }
        await page.close();
      }
      expect(found).toEqual([]);
    }, 240_000);
  }
});

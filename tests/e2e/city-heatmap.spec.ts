/// <reference lib="dom" />
/**
 * The city-wide heat map end to end (issue 14, item 3): the real server on a temp SQLite file with the report's
 * unit and four example units (demoUnitsPlan, as `npm run seed -- --demo-units 4` adds them), the built tab and
 * headless Chromium. Keyboard alone (Tab into the grid's one tab stop, the arrow keys, a visible focus outline,
 * Enter opens the unit's control point), and axe-core (WCAG 2.1 A/AA and best practices: no violation of any
 * impact) in the light, dark and high-contrast themes, filtered too.
 * The grid follows the WAI-ARIA grid pattern: https://www.w3.org/WAI/ARIA/apg/patterns/grid/
 * Screenshots go to test-artifacts/tab/city-*.png.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../tab/build.js';
import { demoUnitsPlan, importDemoUnits } from '../../src/store/demo-units.js';
import { seedContext } from '../../src/store/open.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeInChromium, launchChromium, openTab, runAxe, screenshot, type TabPageOptions } from './tab-browser.js';

const EXAMPLE_UNITS = 4;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await ensureTabBuilt({ quiet: true });
  server = await startTestServer();
  await importDemoUnits(server.store, demoUnitsPlan(EXAMPLE_UNITS, { levels: server.store.scale.levels.length }), seedContext());
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function openCity(options: TabPageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openTab(browser, `${server.url}/tab/city`, { user: 'dpo', ...options });
  // Waits end when the state arrives or the test's own time runs out: a loaded machine is slow, not wrong.
  page.setDefaultTimeout(0);
  await page.getByRole('grid').waitFor();
  return { page, errors };
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      role: el?.getAttribute('role') ?? null,
      row: el?.dataset.row ?? null,
      col: el?.dataset.col ?? null,
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : null,
    };
  });

// A real browser on a busy 2-core machine: each scenario gets room (no timed assertions; speed is bench/tab.ts's).
describeInChromium('the city heat map in headless Chromium', { timeout: 180_000 }, () => {
  it('shows every unit as a row, the example units marked, and the twelve control points as columns', async () => {
    const { page, errors } = await openCity();
    const grid = page.getByRole('grid');
    await expect(grid.getByRole('columnheader').count()).resolves.toBe(13);
    const rows = grid.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1 + EXAMPLE_UNITS);
    await expect(rows.getByText('Exempel', { exact: true }).count()).resolves.toBe(EXAMPLE_UNITS);
    await expect(grid.getByRole('rowheader', { name: /^Intraservice/ }).count()).resolves.toBe(1);
    // The report's marks are read from its X: shown as interpreted, never as a verdict by colour.
    const intraservice = rows.filter({ has: page.getByRole('rowheader', { name: /^Intraservice/ }) });
    await expect(intraservice.getByRole('gridcell').first().textContent()).resolves.toContain('tolkad från rapporten');
    await expect(page.getByTestId('city-summary').getByRole('gridcell').count()).resolves.toBe(12);
    await screenshot(page, 'city-light');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('is used with the keyboard alone: Tab enters the grid once, arrows move with a visible outline, Enter opens the control point', async () => {
    const { page, errors } = await openCity();
    await page.getByRole('checkbox', { name: 'Endast försenade' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ role: 'gridcell', row: '0', col: '0', outline: 'solid 3px' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toEqual({ role: 'gridcell', row: '1', col: '3', outline: 'solid 3px' });
    await screenshot(page, 'city-keyboard-focus');
    // Tab leaves the grid: one tab stop, not sixty.
    await page.keyboard.press('Tab');
    expect((await focused(page)).role).not.toBe('gridcell');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ role: 'gridcell', row: '1', col: '3' });
    const unit = await page.locator('tbody tr').nth(1).getAttribute('data-unit');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Kontrollpunkt 4: Register över personuppgiftsbehandlingar/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tab/units/${unit}/control-points/4`);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('follows a change live: the DPO’s new mark replaces the interpreted one in the open heat map', async () => {
    const { page, errors } = await openCity();
    const square = 'tbody tr[data-unit="intraservice"] [role="gridcell"][data-col="5"]';
    const cell = page.locator(square);
    expect(await cell.textContent()).toContain('tolkad från rapporten');
    const res = await server.call('dpo', 'POST', '/api/control-points/6/assessments?unit=intraservice', {
      level: 3,
      comment: 'Utbildningsplanen är antagen.',
    });
    expect(res.status).toBe(201);
    // The tab polls the board's ETag; the change moves it and the heat map reads the city view again.
    await page.locator(`${square}[data-level="3"]`).waitFor();
    expect(await cell.textContent()).not.toContain('tolkad');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('downloads the city workbook of the year shown, built by the server for the units the person may read', async () => {
    const { page, errors } = await openCity();
    await page.getByRole('button', { name: /^Ladda ner stadens sammanställning \d{4}$/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Arbetsbok (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByText(`${download.suggestedFilename()} är nedladdad.`).waitFor();
    await page.close();
    expect(errors).toEqual([]);
  });

  it('fits a narrow frame: the grid scrolls sideways with the unit names in view, the page does not', async () => {
    const { page, errors } = await openCity({ viewport: { width: 820, height: 900 } });
    const last = page.locator('tbody tr').first().getByRole('gridcell').last();
    await last.focus();
    const layout = await page.evaluate(() => {
      const grid = document.querySelector('[role="grid"]')!;
      const wrap = grid.parentElement!;
      const unit = grid.querySelector('tbody th')!.getBoundingClientRect();
      return {
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        scrolled: wrap.scrollLeft,
        unitLeft: unit.left,
        wrapLeft: wrap.getBoundingClientRect().left,
      };
    });
    expect(layout.page).toBeLessThanOrEqual(layout.viewport);
    expect(layout.scrolled).toBeGreaterThan(0);
    expect(layout.unitLeft).toBe(layout.wrapLeft);
    await screenshot(page, 'city-narrow');
    await page.close();
    expect(errors).toEqual([]);
  });

  const THEMES = [
    ['light', {}],
    ['dark', { colorScheme: 'dark' as const }],
    ['high-contrast', { contrast: 'more' as const }],
  ] as const;
  for (const [name, options] of THEMES) {
    it(`has no axe-core violations of any impact, ${name} theme, whole and filtered`, async () => {
      const { page, errors } = await openCity(options);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(name === 'high-contrast' ? 'contrast' : name);
      const found: string[] = [];
      const check = async (state: string) => {
        for (const v of await runAxe(page)) found.push(`${state}: ${v.id} (${v.impact}) ${v.help} @ ${v.nodes.slice(0, 3).join(', ')}`);
      };
      await check('whole');
      await screenshot(page, `city-${name}`);
      await page.getByRole('checkbox', { name: 'Endast fokusområden' }).check();
      await page.getByRole('button', { name: 'Rensa filter' }).waitFor();
      await check('focus areas only');
      await screenshot(page, `city-${name}-focus-only`);
      await page.close();
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

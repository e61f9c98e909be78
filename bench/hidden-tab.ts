/**
 * `npx tsx bench/hidden-tab.ts`: what an open tab nobody sees asks the server (issue 13, cost per person).
 * The real server and the built tab in headless Chromium, inside the Teams host stand-in (tests/e2e/tab-teams-host.ts,
 * teams-js's postMessage protocol). It counts the tab's GET /api/board requests per minute:
 *  - shown: the live poll, every 2 s;
 *  - suspended: Teams caches a tab the person left, and tells it first with the one-way `beforeUnload` message
 *    (teams-js runs the tab's registerBeforeSuspendOrTerminateHandler, then answers `readyToUnload`);
 *    https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/app-caching
 *  - resumed: Teams sends `load`; how long until the tab's first check.
 * A page hidden in a browser (document.visibilityState) stops the same poll: tests/tab/hidden-tab.spec.tsx.
 * BENCH_WINDOW_SECONDS (default 60) is how long each phase is counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { ensureTabBuilt } from '../tab/build.js';
import { launchChromium } from '../tests/e2e/tab-browser.js';
import { HOST_DPO, startTeamsHost, teamsHostArgs } from '../tests/e2e/tab-teams-host.js';

const WINDOW_S = Number(process.env.BENCH_WINDOW_SECONDS ?? 60);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Board checks the tab makes in `seconds`, per minute. */
async function perMinute(count: () => number, seconds: number): Promise<number> {
  const before = count();
  await sleep(seconds * 1000);
  return ((count() - before) * 60) / seconds;
}

/** What the host page sends the tab's frame, as Teams does (a one-way message, no id). */
function toTab(page: Page, message: { func: string; args: unknown[] }): Promise<void> {
  return page.evaluate((m) => {
    const frame = document.getElementById('tab') as HTMLIFrameElement;
    frame.contentWindow!.postMessage(m, 'https://board.example.org');
  }, message);
}

const hostLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { teamsHost: { log: { func: string }[] } }).teamsHost.log.map((e) => e.func));

async function main(): Promise<void> {
  await ensureTabBuilt({ quiet: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-hidden-'));
  const env = { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, BOT_ENABLED: 'false' };
  const server = await startServer(loadConfig({ ...env, DIGEST_ENABLED: 'false', REMINDERS_ENABLED: 'false', TAB_DEFAULT_USER: 'dpo' }));
  const host = await startTeamsHost({ tabServer: server.url, token: () => Promise.resolve({ ok: false, reason: 'local mode' }) });
  const browser = await launchChromium(teamsHostArgs(host));
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'sv-SE', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const boardChecks: number[] = [];
    page.on('request', (r) => new URL(r.url()).pathname === '/api/board' && boardChecks.push(Date.now()));
    const count = () => boardChecks.length;
    await page.goto(host.pageUrl('/tab/', HOST_DPO));
    await until(() => count() >= 3, 'the board and two live checks');
    await until(async () => (await hostLog(page)).includes('registerHandler'), 'the tab registering its lifecycle handlers');
    const tab = page.frames().find((f: Frame) => f.url().startsWith('https://board.example.org/')) ?? null;
    if (!tab) throw new Error('the tab frame was not found');

    console.log(`Each phase counted for ${WINDOW_S} s (BENCH_WINDOW_SECONDS).`);
    const shown = await perMinute(count, WINDOW_S);
    console.log(`shown:     ${shown.toFixed(1)} GET /api/board a minute`);

    await toTab(page, { func: 'beforeUnload', args: [] });
    await until(async () => (await hostLog(page)).includes('readyToUnload'), 'the tab answering readyToUnload');
    const suspended = await perMinute(count, WINDOW_S);
    console.log(`suspended: ${suspended.toFixed(1)} GET /api/board a minute (Teams cached the tab)`);

    const resumedAt = Date.now();
    const before = count();
    await toTab(page, { func: 'load', args: [{ entityId: 'board', contentUrl: 'https://board.example.org/tab/' }] });
    await until(() => count() > before, 'a check after the resume', 10_000);
    console.log(`resumed:   first check ${boardChecks[before]! - resumedAt} ms after Teams' load message`);
  } finally {
    await browser.close();
    await host.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

/// <reference lib="dom" />
/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the tab's
 * end-to-end tests and bench/tab.ts. Screenshots go to test-artifacts/tab/ (git-ignored).
 * Chromium is the one thing the tests need beyond Node and npm: where it is missing, the browser suites
 * are skipped and say so (describeInChromium); CHROMIUM_PATH points them at another binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { describe, type TestOptions } from 'vitest';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = path.resolve('test-artifacts/tab');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run on this machine, or undefined when Chromium is there. */
export function chromiumMissing(): string | undefined {
  return fs.existsSync(CHROMIUM_PATH)
    ? undefined
    : `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, or set CHROMIUM_PATH)`;
}

/** A describe block that runs in headless Chromium, or is reported as SKIPPED, with the reason, where Chromium is missing. */
export function describeInChromium(name: string, options: TestOptions, body: () => void): void {
  const missing = chromiumMissing();
  if (!missing) {
    describe(name, options, body);
    return;
  }
  console.warn(`SKIPPED: ${name}: ${missing}`);
  describe.skip(`${name} [SKIPPED: ${missing}]`, options, body);
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`Cannot start the browser: ${missing}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface TabPageOptions extends BrowserContextOptions {
  /** The demo user the tab acts as (stored the way the user switcher stores it). */
  user?: string;
}

export async function openTab(
  browser: Browser,
  url: string,
  options: TabPageOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { user, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE', ...contextOptions });
  if (user) await context.addInitScript((id) => window.localStorage.setItem('dpo-board.demo-user', id), user);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Fluent's focus manager (tabster) places aria-hidden focus sentinels (`data-tabster-dummy`)
 * that only pass focus on; axe's aria-hidden-focus flags them. Accessibility Insights
 * suppresses exactly these nodes as a known false positive, and so do we
 * (https://github.com/microsoft/accessibility-insights-web/pull/7605, https://github.com/microsoft/tabster/issues/288).
 */
function isTabsterSentinel(ruleId: string, html: string): boolean {
  return ruleId === 'aria-hidden-focus' && html.includes('data-tabster-dummy');
}

/** Runs axe-core in the page (WCAG 2.x A/AA rules and best practices) and returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  type Raw = { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] };
  const raw = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Raw[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
  return raw
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterSentinel(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

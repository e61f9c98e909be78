/**
 * On a machine without Chromium the browser suites are skipped and say so: vitest is run on the tab's browser
 * suite with CHROMIUM_PATH pointing at a file that does not exist, as a machine without Debian's chromium is.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');

describe('without Chromium', () => {
  it('the browser tests are reported as skipped, with the reason, and the run passes', { timeout: 180_000 }, async () => {
    const { status, output } = await new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [VITEST, 'run', 'tests/e2e/tab.spec.ts', '--reporter=verbose'],
        { cwd: ROOT, env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8' },
        (_error, stdout, stderr) => resolve({ status: child.exitCode, output: stdout + stderr }),
      );
    });
    expect(status, output).toBe(0);
    expect(output).toContain('SKIPPED: the tab in headless Chromium: no Chromium at /nonexistent/chromium');
    expect(output).toMatch(/Tests\s+\d+ skipped/);
    expect(output).not.toMatch(/\d+ passed/);
  });
});

/**
 * `npm run bench:tab`: what a person waits for when they open the tab.
 *  - initial JavaScript: the scripts index.html loads before anything else (entry + modulepreloads),
 *    gzipped as the server sends them (the .gz twins tab/build.ts writes); lazy chunks listed apart.
 *  - navigation to board painted: headless Chromium, a fresh browser context (cold cache) per run,
 *    from navigation start to the `dpo-board-painted` mark the board sets once its cards are on
 *    screen (BoardPage.tsx). Median of BENCH_RUNS runs (default 7) after one warm-up.
 * Targets (issue 3): <= 300 KB gzipped initial JS, <= 1.5 s to the board.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { ensureTabBuilt } from '../tab/build.js';
import { launchChromium } from '../tests/e2e/tab-browser.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DIST = path.resolve('dist/tab');

function gzipSize(file: string): number {
  const gz = `${file}.gz`;
  return fs.existsSync(gz) ? fs.statSync(gz).size : zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  return [...new Set(refs.map((m) => m[1]!.replace(/^\/tab\//, '')))];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  await ensureTabBuilt({ quiet: true });
  const initial = initialScripts();
  const initialGz = initial.reduce((sum, f) => sum + gzipSize(path.join(DIST, f)), 0);
  const lazy = fs
    .readdirSync(path.join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`))
    .map((f) => ({ file: f, gz: gzipSize(path.join(DIST, 'assets', f)) }));

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-tab-'));
  const server = await startServer(loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }));
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i += 1) {
      const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/tab/`);
      await page.waitForFunction(() => performance.getEntriesByName('dpo-board-painted').length > 0, undefined, { timeout: 30_000 });
      const ms = await page.evaluate(() => performance.getEntriesByName('dpo-board-painted')[0]!.startTime);
      const cards = await page.locator('[data-testid="board"] [role="listitem"]').count();
      if (cards !== 12) throw new Error(`expected 12 control points on the board, saw ${cards}`);
      if (i > 0) times.push(ms); // run 0 warms the server and the OS file cache
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const result = {
    initialJsGzipBytes: initialGz,
    initialJsFiles: initial,
    lazyChunksGzip: Object.fromEntries(lazy.map((l) => [l.file, l.gz])),
    boardPaintedMs: {
      median: Math.round(median(times)),
      min: Math.round(Math.min(...times)),
      max: Math.round(Math.max(...times)),
      runs: times.map(Math.round),
    },
    machine: { cpus: os.cpus().length, load1: Number(os.loadavg()[0]!.toFixed(2)) },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`initial JS (gzip): ${kb(initialGz)} (target <= 300 KB) ${initialGz <= 300 * 1024 ? 'OK' : 'OVER'}`);
  console.log(
    `navigation -> board painted: median ${result.boardPaintedMs.median} ms over ${times.length} cold runs (min ${result.boardPaintedMs.min}, max ${result.boardPaintedMs.max}; target <= 1500 ms) ${result.boardPaintedMs.median <= 1500 ? 'OK' : 'OVER'}`,
  );
  console.log(`machine: ${result.machine.cpus} CPUs, load average ${result.machine.load1}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

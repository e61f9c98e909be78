/**
 * `npm run bench:api`: the board endpoint under concurrency, beside a static route on the
 * same server that serves the same bytes. Prints p50/p99 latency, requests/s, the ratio of
 * the medians and the server's RSS idle (started, seeded, nothing asked yet) and at its peak
 * under load. Targets: board p50 within 1.5x of static; RSS under 150 MB idle and under load.
 *
 * The city case (issue 14, item 6): a second server holds the report's unit and 40 example units
 * with 5 years of history each (bench/city-fixture.ts, the demo units' data), and GET /api/city is
 * measured the same way beside express.static serving a file of the same bytes. Prints p50/p95 of
 * both (from every response's time) and the ratio of the medians. Target: city p50 within 2x of static.
 * BENCH_CASE=board or BENCH_CASE=city runs one case only.
 *
 * The server runs in a child process so its memory is its own, compiled and started as it runs in
 * production: plain node with the V8 flags of the `start:prod` script (the App Service start command
 * is the same), no tsx loader. At the end it says what its peak RSS was made of (process.memoryUsage()
 * at the sample with the highest RSS, taken every 20 ms).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { ChangeFeed } from '../src/changes/change-feed.js';
import { CITY_CASE, seedCity } from './city-fixture.js';
import { createApp } from '../src/server.js';
import { importSeedFile, openStore } from '../src/store/open.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Static and board runs alternate, so a change in the machine's load falls on both alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const USER = { 'X-Local-User': 'reader' };
/** The city is read by someone who reads every unit (the demo DPO, units '*', config/local-users.json). */
const CITY_USER = { 'X-Local-User': 'dpo' };
const CASES = (process.env.BENCH_CASE ?? 'board,city').split(',');

type ServeCase = 'board' | 'city';

/**
 * The server child: the board case serves the report's unit and the board's bytes on a plain route; the
 * city case serves the city (40 example units) and its bytes as a file through express.static.
 */
async function serve(kind: ServeCase): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-'));
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  const opened = await openStore(config);
  const { store } = opened;
  if (kind === 'city') await seedCity(store, CITY_CASE, config.seedFile);
  else await importSeedFile(store, config.seedFile);
  const feed = new ChangeFeed(store);
  await feed.start();
  let bytes = Buffer.alloc(0);
  const staticDir = path.join(dataDir, 'static');
  fs.mkdirSync(staticDir);
  const app = express();
  app.get('/bench/static-board', (_req, res) => {
    res.type('application/json').send(bytes);
  });
  app.use('/bench/static', express.static(staticDir));
  app.use(createApp(config, opened, feed));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const [route, user] = kind === 'city' ? ['/api/city', CITY_USER] : ['/api/board', USER];
  const answer = await fetch(`${url}${route}`, { headers: user });
  if (!answer.ok) throw new Error(`${route}: ${answer.status}`);
  bytes = Buffer.from(await answer.arrayBuffer());
  fs.writeFileSync(path.join(staticDir, 'city.json'), bytes);
  const peak = { rss: 0 } as NodeJS.MemoryUsage;
  setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) Object.assign(peak, now);
  }, 20).unref();
  process.on('message', () => process.send?.(peak));
  const rows = kind === 'city' ? (JSON.parse(bytes.toString()) as { rows: unknown[] }).rows.length : 1;
  process.stdout.write(`${JSON.stringify({ url, bytes: bytes.length, rows })}\n`);
  process.once('SIGTERM', () => {
    server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

/** The process's resident memory now (VmRSS) or at its peak so far (VmHWM), in MB (Linux /proc). */
function rssMb(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${which}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
}

async function load(url: string, headers: Record<string, string> = USER): Promise<Run> {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

interface TimedRun {
  p50: number;
  p95: number;
  rps: number;
}

/** The q-quantile of sorted times (nearest rank). */
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

/** A load run whose percentiles are taken from every response's own time (autocannon's histogram has no p95). */
async function loadTimed(url: string, headers: Record<string, string>): Promise<TimedRun> {
  const { default: autocannon } = await import('autocannon');
  const times: number[] = [];
  const result = await new Promise<Awaited<ReturnType<typeof autocannon>>>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (error: unknown, done) =>
      error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), rps: result.requests.average };
}

/** The node options of `npm run start:prod` (e.g. `--max-semi-space-size=2`), so the bench runs the server as production does. */
function productionNodeFlags(root: string): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts['start:prod'] ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}

/** What the peak was made of: V8 heap used/total, external (incl. array buffers), in MB. */
function breakdown(m: NodeJS.MemoryUsage): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})`;
}

interface Served {
  child: ChildProcess;
  url: string;
  bytes: number;
  rows: number;
}

/** Starts a server child of the case, compiled and with the flags of start:prod; answers once it serves. */
async function startServing(root: string, flags: string[], kind: ServeCase): Promise<Served> {
  const compiled = path.join(root, 'dist/server/bench/api.js');
  const child = spawn(process.execPath, [...flags, compiled, '--serve', kind], {
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const first = await new Promise<Omit<Served, 'child'>>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString().split('\n')[0]!) as Omit<Served, 'child'>));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ...first };
}

async function boardCase(root: string, flags: string[]): Promise<void> {
  const { child, url, bytes } = await startServing(root, flags, 'board');
  try {
    const idle = rssMb(child.pid!, 'VmRSS');
    console.log(`server: node ${[...flags, 'dist/server/bench/api.js'].join(' ')} (the flags of start:prod)`);
    console.log(`board JSON: ${bytes} bytes; ${CONNECTIONS} connections; ${ROUNDS} rounds of ${SECONDS} s per route, alternating`);
    await load(`${url}/bench/static-board`); // warm-up of both paths is the first pass of each
    await load(`${url}/api/board`);
    const runs: { staticRoute: Run; board: Run }[] = [];
    for (let i = 0; i < ROUNDS; i += 1)
      runs.push({ staticRoute: await load(`${url}/bench/static-board`), board: await load(`${url}/api/board`) });
    const peak = rssMb(child.pid!, 'VmHWM');
    const atPeak = new Promise<NodeJS.MemoryUsage>((resolve) => child.once('message', (m) => resolve(m as NodeJS.MemoryUsage)));
    child.send('peak');
    console.log(`at the highest sampled RSS: ${breakdown(await atPeak)}`);
    const row = (name: string, r: Run[]) =>
      `${name.padEnd(14)} p50 ${r.map((x) => x.p50).join(' / ')} ms   p99 ${r.map((x) => x.p99).join(' / ')} ms   ` +
      `${r.map((x) => Math.round(x.rps)).join(' / ')} req/s`;
    console.log(
      row(
        'static route',
        runs.map((r) => r.staticRoute),
      ),
    );
    console.log(
      row(
        '/api/board',
        runs.map((r) => r.board),
      ),
    );
    const ratio = medianRatio(runs.map((r) => r.board.p50 / Math.max(r.staticRoute.p50, 1)));
    console.log(`p50 ratio board/static: median ${ratio.text} (target <= 1.5: ${ratio.median <= 1.5 ? 'met' : 'NOT met'})`);
    const rssMet = idle < 150 && peak < 150 ? 'met' : 'NOT met';
    const load1 = os.loadavg()[0]!.toFixed(1);
    const rss = `${idle.toFixed(1)} MB idle, ${peak.toFixed(1)} MB peak under load`;
    console.log(`server RSS: ${rss} (target < 150 MB both: ${rssMet}); load ${load1}`);
  } finally {
    child.kill('SIGTERM');
  }
}

/** The median of the rounds' ratios, and every round's, for printing. */
function medianRatio(ratios: number[]): { median: number; text: string } {
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { median, text: `${median.toFixed(2)} of ${sorted.map((r) => r.toFixed(2)).join(', ')}` };
}

/** The city case: GET /api/city over 40 units × 12 control points × 5 years, beside express.static serving its bytes. */
async function cityCase(root: string, flags: string[]): Promise<void> {
  const { child, url, bytes, rows } = await startServing(root, flags, 'city');
  try {
    const fileUrl = `${url}/bench/static/city.json`;
    const cityUrl = `${url}/api/city`;
    console.log(
      `city case: ${rows} units (${CITY_CASE.units} example units × 12 control points × ${CITY_CASE.years} years, and the report's unit); ` +
        `city JSON: ${bytes} bytes; ${CONNECTIONS} connections; ${ROUNDS} rounds of ${SECONDS} s per route, alternating`,
    );
    // /api/scale answers a few hundred bytes after the same sign-in: what any API route costs before its own work.
    const signedInUrl = `${url}/api/scale`;
    for (const u of [fileUrl, cityUrl, signedInUrl]) await loadTimed(u, CITY_USER);
    const runs: { file: TimedRun; city: TimedRun; signedIn: TimedRun }[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      runs.push({
        file: await loadTimed(fileUrl, CITY_USER),
        city: await loadTimed(cityUrl, CITY_USER),
        signedIn: await loadTimed(signedInUrl, CITY_USER),
      });
    }
    const ms = (n: number) => n.toFixed(2);
    const row = (name: string, r: TimedRun[]) =>
      `${name.padEnd(14)} p50 ${r.map((x) => ms(x.p50)).join(' / ')} ms   p95 ${r.map((x) => ms(x.p95)).join(' / ')} ms   ` +
      `${r.map((x) => Math.round(x.rps)).join(' / ')} req/s`;
    console.log(
      row(
        'static file',
        runs.map((r) => r.file),
      ),
    );
    console.log(
      row(
        '/api/city',
        runs.map((r) => r.city),
      ),
    );
    console.log(
      row(
        '/api/scale',
        runs.map((r) => r.signedIn),
      ),
    );
    const ratio = medianRatio(runs.map((r) => r.city.p50 / r.file.p50));
    console.log(`p50 ratio city/static file: median ${ratio.text} (target <= 2: ${ratio.median <= 2 ? 'met' : 'NOT met'})`);
    const signIn = medianRatio(runs.map((r) => r.signedIn.p50 / r.file.p50));
    console.log(`p50 ratio /api/scale/static file (sign-in alone, for reference): median ${signIn.text}`);
    console.log(`server RSS peak: ${rssMb(child.pid!, 'VmHWM').toFixed(1)} MB; load ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const flags = productionNodeFlags(root);
  if (CASES.includes('board')) await boardCase(root, flags);
  if (CASES.includes('city')) await cityCase(root, flags);
}

const serving = process.argv.indexOf('--serve');
if (serving >= 0) await serve(process.argv[serving + 1] === 'city' ? 'city' : 'board');
else await main();

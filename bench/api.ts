/**
 * `npm run bench:api`: the board endpoint under concurrency, beside a static route on the
 * same server that serves the same bytes. Prints p50/p99 latency, requests/s, the ratio of
 * the medians and the server's RSS idle (started, seeded, nothing asked yet) and at its peak
 * under load. Targets: board p50 within 1.5x of static; RSS under 150 MB idle and under load.
 *
 * The server runs in a child process so its memory is its own, compiled and started as it runs in
 * production: plain node with the V8 flags of the `start:prod` script (the App Service start command
 * is the same), no tsx loader. At the end it says what its peak RSS was made of (process.memoryUsage()
 * at the sample with the highest RSS, taken every 20 ms).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { ChangeFeed } from '../src/changes/change-feed.js';
import { createApp } from '../src/server.js';
import { importSeedFile, openStore } from '../src/store/open.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Static and board runs alternate, so a change in the machine's load falls on both alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const USER = { 'X-Local-User': 'reader' };

async function serve(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-'));
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  const opened = await openStore(config);
  const { store } = opened;
  await importSeedFile(store, config.seedFile);
  const feed = new ChangeFeed(store);
  await feed.start();
  let bytes = Buffer.alloc(0);
  const app = express();
  app.get('/bench/static-board', (_req, res) => {
    res.type('application/json').send(bytes);
  });
  app.use(createApp(config, opened, feed));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  bytes = Buffer.from(await (await fetch(`${url}/api/board`, { headers: USER })).arrayBuffer());
  const peak = { rss: 0 } as NodeJS.MemoryUsage;
  setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) Object.assign(peak, now);
  }, 20).unref();
  process.on('message', () => process.send?.(peak));
  process.stdout.write(`${JSON.stringify({ url, bytes: bytes.length })}\n`);
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

async function load(url: string): Promise<Run> {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: USER });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
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

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const compiled = path.join(root, 'dist/server/bench/api.js');
  const flags = productionNodeFlags(root);
  const child = spawn(process.execPath, [...flags, compiled, '--serve'], {
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const { url, bytes } = await new Promise<{ url: string; bytes: number }>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString().split('\n')[0]!) as { url: string; bytes: number }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
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
    const ratios = runs.map((r) => r.board.p50 / Math.max(r.staticRoute.p50, 1)).sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)]!;
    const ratioMet = ratio <= 1.5 ? 'met' : 'NOT met';
    const rounds = ratios.map((r) => r.toFixed(2)).join(', ');
    console.log(`p50 ratio board/static: median ${ratio.toFixed(2)} of ${rounds} (target <= 1.5: ${ratioMet})`);
    const rssMet = idle < 150 && peak < 150 ? 'met' : 'NOT met';
    const load1 = os.loadavg()[0]!.toFixed(1);
    const rss = `${idle.toFixed(1)} MB idle, ${peak.toFixed(1)} MB peak under load`;
    console.log(`server RSS: ${rss} (target < 150 MB both: ${rssMet}); load ${load1}`);
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();

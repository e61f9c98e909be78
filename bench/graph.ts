/**
 * `npm run bench:graph`: Graph requests per minute against the number of viewers.
 *
 * The real server (`tsx src/server.ts`, STORE=sharepoint) runs as its own process against the
 * local Graph test server (tests/graph/graph-test-server.ts, HTTPS), which counts every request
 * it receives (a $batch counts once). Viewers are the tab's poll: GET /api/board every 2 s each,
 * with the board's ETag (If-None-Match, as the tab). For 1, 10, 100 and 500 viewers, idle and
 * with one direct list edit a minute (the CISO corrects a status row in SharePoint), with polling
 * (no PUBLIC_URL) and with webhooks (PUBLIC_URL behind a TLS front, Graph notifies the app).
 *
 * Time is compressed by BENCH_TIME_SCALE (default 10): every interval the app and the viewers use
 * is divided by it (poll 30 s -> 3 s, safety net 120 s -> 12 s, read bound 10 s -> 1 s, tab poll
 * 2 s -> 0.2 s), and one simulated minute lasts 60 s / scale. Requests are reported per simulated
 * minute. Edit-to-board latency is timed by one more viewer polling on its own: with polling, wall
 * time x scale (everything on that path is compressed: an upper bound); with webhooks, wall time
 * plus 1.8 s (only the tab's poll is compressed on that path: 0.2 s for 2 s). Targets (issue 10): the same count whatever the number of viewers; idle with
 * webhooks at most 1 request a minute; an edit on the board within 5 s with webhooks and within
 * the poll interval (30 s) without.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SCALE } from '../src/domain/scale.js';
import { seedContext } from '../src/store/open.js';
import { readSeedFile } from '../src/store/seed.js';
import { SharePointData } from '../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../src/store/sharepoint/open.js';
import { provisionLists } from '../src/store/sharepoint/provision.js';
import { GraphTestServer } from '../tests/graph/graph-test-server.js';
import { TlsFront } from '../tests/graph/tls-front.js';
import { testCert } from '../tests/graph/tls.js';
import { graphFor } from '../tests/store/sharepoint/harness.js';

const SCALE = Number(process.env.BENCH_TIME_SCALE ?? 10);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 2);
const VIEWERS = (process.env.BENCH_VIEWERS ?? '1,10,100,500').split(',').map(Number);
const MINUTE_MS = 60_000 / SCALE;
const TAB_POLL_MS = 2_000 / SCALE;
const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const anna = { id: 'aad-anna', displayName: 'Anna Svensson' };

type Mode = 'polling' | 'webhooks';
interface Row {
  mode: Mode;
  viewers: number;
  edits: boolean;
  perMinute: number;
  reads: number;
  latencyMs: number[];
}

const stopping = new WeakSet<ChildProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A provisioned, seeded site and the app serving it, in the given mode. */
async function startSetup(mode: Mode) {
  const { cert, certFile } = testCert();
  const graph = await new GraphTestServer({ pageSize: 200, notificationCa: cert }).start();
  const api = graphFor(graph);
  await provisionLists(api, graph.siteUrl, DEFAULT_SCALE);
  await sharePointOn(new SharePointData({ graph: api, site: graph.siteUrl, scale: DEFAULT_SCALE, onProblem: () => {} })).store.importSeed(
    readSeedFile(),
    seedContext(),
  );
  const front = mode === 'webhooks' ? await new TlsFront().start() : undefined;
  const port = await freePort();
  if (front) front.target = port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-bench-graph-'));
  const usersFile = path.join(dir, 'users.json');
  const users = [
    { id: 'dpo', displayName: 'DPO', roles: ['dpo'] },
    { id: 'ciso', displayName: 'Anna Svensson', aadObjectId: anna.id, roles: ['ciso'] },
    { id: 'editor', displayName: 'Redaktör', roles: ['editor'] },
    { id: 'reader', displayName: 'Läsare', roles: ['reader'] },
  ];
  fs.writeFileSync(usersFile, JSON.stringify({ defaultUser: 'reader', users }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_MODE: 'local',
    NODE_ENV: 'test',
    STORE: 'sharepoint',
    GRAPH_BASE_URL: graph.url,
    GRAPH_TOKEN: graph.token,
    SHAREPOINT_SITE_URL: graph.siteUrl,
    SHAREPOINT_SYNC_SECONDS: String(30 / SCALE),
    SHAREPOINT_SAFETY_POLL_SECONDS: String(120 / SCALE),
    SHAREPOINT_READ_SYNC_SECONDS: String(10 / SCALE),
    ...(front ? { PUBLIC_URL: front.url } : {}),
    DATA_DIR: dir,
    LOCAL_USERS_FILE: usersFile,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    BOT_ENABLED: 'false',
    NODE_EXTRA_CA_CERTS: certFile,
  };
  if (!front) delete env.PUBLIC_URL; // polling: no PUBLIC_URL, even if the shell has one
  const app = spawn(TSX, ['src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  app.stdout.on('data', (d: Buffer) => (output += d.toString()));
  app.stderr.on('data', (d: Buffer) => (output += d.toString()));
  app.once('exit', (code) => {
    if (!stopping.has(app)) console.error(`the app exited (${code}) during the bench:\n${output.slice(-4000)}`);
  });
  for (const end = Date.now() + 60_000; !/listening on http/.test(output); await sleep(50)) {
    if (Date.now() > end || app.exitCode !== null) throw new Error(`the app did not start:\n${output}`);
  }
  if (front)
    for (const end = Date.now() + 30_000; graph.subscriptions.size === 0; await sleep(50))
      if (Date.now() > end) throw new Error('no subscription');
  return { graph, front, app, url: `http://127.0.0.1:${port}`, dir };
}

async function stopSetup(s: { graph: GraphTestServer; front: TlsFront | undefined; app: ChildProcess; dir: string }): Promise<void> {
  stopping.add(s.app);
  s.app.kill('SIGTERM');
  await new Promise((r) => s.app.once('exit', r));
  await s.front?.stop();
  await s.graph.stop();
  fs.rmSync(s.dir, { recursive: true, force: true });
}

/**
 * One viewer's poll, as the tab does it: with the board's ETag in If-None-Match (a 304 when nothing
 * changed). A keep-alive socket the server closed just as it was reused is tried once more.
 */
async function poll(url: string, etag: string | null = null): Promise<{ etag: string | null; body: string | null }> {
  const get = async () => {
    const res = await fetch(`${url}/api/board`, { headers: { 'X-Local-User': 'reader', ...(etag ? { 'If-None-Match': etag } : {}) } });
    const body = res.status === 304 ? null : await res.text();
    return { etag: res.headers.get('etag') ?? etag, body };
  };
  return get().catch(get);
}

/** One round of the tab's poll by every viewer (no ETag: a full read each). */
function round(url: string, viewers: number): Promise<unknown[]> {
  return Promise.all(Array.from({ length: viewers }, () => poll(url)));
}

/** Waits until a round of viewers costs Graph nothing: what the previous scenario started is over. */
async function settle(graph: GraphTestServer, url: string): Promise<void> {
  for (let quiet = 0; quiet < 3;) {
    const mark = graph.requests.length;
    await round(url, 1);
    await sleep(TAB_POLL_MS);
    quiet = graph.requests.length === mark ? quiet + 1 : 0;
  }
}

async function sleepUntil(at: number): Promise<void> {
  await sleep(Math.max(0, at - Date.now()));
}

/** Every viewer polls on its own, every 2 s (scaled), until `stop.done`; counts the reads. */
function crowd(url: string, viewers: number, stop: { done: boolean }, counter: { reads: number }): Promise<void[]> {
  return Promise.all(
    Array.from({ length: viewers }, async () => {
      let etag: string | null = null;
      while (!stop.done) {
        const t = Date.now();
        etag = (await poll(url, etag)).etag;
        counter.reads += 1;
        await sleep(Math.max(0, TAB_POLL_MS - (Date.now() - t)));
      }
    }),
  );
}

/** One more viewer, polling on its own, times how long an edit takes to show on its board. */
async function watchFor(url: string, text: string, until: number): Promise<number | null> {
  const at = Date.now();
  let etag: string | null = null;
  while (Date.now() < until) {
    const t = Date.now();
    const answer = await poll(url, etag);
    etag = answer.etag;
    if (answer.body?.includes(text)) return Date.now() - at;
    await sleep(Math.max(0, TAB_POLL_MS - (Date.now() - t)));
  }
  return null;
}

async function scenario(s: Awaited<ReturnType<typeof startSetup>>, mode: Mode, viewers: number, edits: boolean): Promise<Row> {
  await settle(s.graph, s.url);
  const from = s.graph.requests.length;
  const started = Date.now();
  const end = started + MINUTES * MINUTE_MS;
  const stop = { done: false };
  const counter = { reads: 0 };
  const polling = crowd(s.url, viewers, stop, counter);
  const latencyMs: number[] = [];
  const row = s.graph.items('DPO Statusuppdateringar').at(-1)!;
  for (let minute = 0; edits && minute < MINUTES; minute += 1) {
    await sleepUntil(started + (minute + 0.25) * MINUTE_MS);
    const text = `Bench edit ${mode} ${viewers} ${minute + 1}`;
    s.graph.userEdit('DPO Statusuppdateringar', row.id, { StatusText: text }, anna);
    const seen = await watchFor(s.url, text, started + (minute + 1) * MINUTE_MS);
    if (seen !== null) latencyMs.push(seen);
  }
  await sleepUntil(end);
  const requests = s.graph.requests.slice(from).filter((r) => !r.inBatch).length;
  const reads = counter.reads;
  stop.done = true;
  await polling;
  return { mode, viewers, edits, perMinute: requests / MINUTES, reads: reads / MINUTES, latencyMs };
}

const rows: Row[] = [];
for (const mode of ['polling', 'webhooks'] as Mode[]) {
  const setup = await startSetup(mode);
  try {
    for (const edits of [false, true]) for (const viewers of VIEWERS) rows.push(await scenario(setup, mode, viewers, edits));
  } finally {
    await stopSetup(setup);
  }
}

/** Polling: everything on the path is compressed, so wall x scale (an upper bound). Webhooks: only the tab's poll is (0.2 s for 2 s). */
const latency = (r: Row) => {
  if (!r.edits) return '–';
  if (r.latencyMs.length < MINUTES) return `${r.latencyMs.length} of ${MINUTES} edits seen within the minute`;
  const worst = Math.max(...r.latencyMs);
  const real = r.mode === 'polling' ? worst * SCALE : worst + (2_000 - TAB_POLL_MS);
  return `${(real / 1000).toFixed(1)} s (wall ${(worst / 1000).toFixed(2)} s)`;
};
console.log(
  `bench:graph — Graph requests per minute (time compressed ${SCALE}x, ${MINUTES} simulated min per row; every viewer polls every 2 s)`,
);
console.log('| mode | viewers | load | Graph requests/min | viewer reads/min served | edit → board, worst |');
console.log('| --- | ---: | --- | ---: | ---: | --- |');
for (const r of rows) {
  console.log(
    `| ${r.mode} | ${r.viewers} | ${r.edits ? 'one edit a minute' : 'idle'} | ${r.perMinute.toFixed(1)} | ${Math.round(r.reads)} (of ${r.viewers * 30}) | ${latency(r)} |`,
  );
}

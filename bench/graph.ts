/**
 * `npm run bench:graph`: how many Graph requests a board read and a direct-edit sync take,
 * and how long a sync takes, with 10,000 activities in the lists, against the local Graph
 * test server (HTTPS on loopback, SharePoint-like pages of 200 items).
 * Targets: a board read is one round trip ($batch) plus paging; a sync with one change is
 * one request to read it (plus the claim and the change record it writes).
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_SCALE } from '../src/domain/scale.js';
import { seedContext } from '../src/store/open.js';
import { readSeedFile } from '../src/store/seed.js';
import { write } from '../src/store/sharepoint/items.js';
import { DirectEditSync } from '../src/store/sharepoint/sync.js';
import { provisionLists } from '../src/store/sharepoint/provision.js';
import { SharePointData } from '../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../src/store/sharepoint/open.js';
import { APP_IDENTITY, GraphTestServer } from '../tests/graph/graph-test-server.js';
import { graphFor } from '../tests/store/sharepoint/harness.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 200);
const ROUNDS = 5;

const server = await new GraphTestServer({ pageSize: PAGE }).start();
const graph = graphFor(server);
await provisionLists(graph, server.siteUrl, DEFAULT_SCALE);
const data = new SharePointData({ graph, site: server.siteId, scale: DEFAULT_SCALE, onProblem: () => {} });
const { store, state } = sharePointOn(data);
await store.importSeed(readSeedFile(), seedContext());

// 10,000 activities as the app writes them (with their snapshot), spread over the control points.
const cps = server.items('DPO Kontrollpunkter');
const now = new Date().toISOString();
for (let i = 0; i < ITEMS; i += 1) {
  const cp = cps[i % cps.length]!;
  const record = {
    unitId: 'intraservice', controlPoint: Number(cp.fields.Number), text: `Aktivitet ${i + 1}`, state: 'planned' as const,
    dueFrom: null, dueTo: '2027-Q4', workPackage: null, position: 1000 + i, version: 1, updatedAt: now, updatedBy: 'bench',
  };
  server.userCreate('DPO Aktiviteter', write.activity(record, cp.id, null), APP_IDENTITY);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measure(fn: () => Promise<unknown>): Promise<{ requests: number; ms: number }> {
  const from = server.requests.length;
  const t = performance.now();
  await fn();
  return { requests: server.countSince(from), ms: performance.now() - t };
}

const boards = [];
for (let i = 0; i < ROUNDS; i += 1) boards.push(await measure(() => store.getBoardData('intraservice')));
const pagesPerRead = Math.ceil((ITEMS + readSeedFile().activities.length) / PAGE) - 1;

const sync = new DirectEditSync(data, state);
const first = await measure(() => sync.syncOnce());
const idle = [];
for (let i = 0; i < ROUNDS; i += 1) idle.push(await measure(() => sync.syncOnce()));
const oneChange = [];
const activities = server.items('DPO Aktiviteter');
for (let i = 0; i < ROUNDS; i += 1) {
  server.userEdit('DPO Aktiviteter', activities.at(-1 - i)!.id, { State: 'Pågående' }, { id: 'aad-bench', displayName: 'Bench' });
  const from = server.requests.length;
  const m = await measure(() => sync.syncOnce());
  const reads = server.requests.slice(from).filter((r) => !r.inBatch && (r.method === 'GET' || r.path.startsWith('/$batch'))).length;
  oneChange.push({ ...m, reads });
}

const rows: [string, string, string][] = [
  ['board read (getBoardData)', `${median(boards.map((b) => b.requests))} requests (1 $batch + ${pagesPerRead} pages of ${PAGE})`, `${median(boards.map((b) => b.ms)).toFixed(1)} ms`],
  ['first sync (full enumeration of every list)', `${first.requests} requests`, `${first.ms.toFixed(1)} ms`],
  ['sync, nothing changed', `${median(idle.map((s) => s.requests))} request`, `${median(idle.map((s) => s.ms)).toFixed(1)} ms`],
  ['sync, one direct edit', `${median(oneChange.map((s) => s.reads))} read request + ${median(oneChange.map((s) => s.requests - s.reads))} writes (claim, change record)`, `${median(oneChange.map((s) => s.ms)).toFixed(1)} ms`],
];
console.log(`bench:graph — ${ITEMS} activities, pages of ${PAGE}, median of ${ROUNDS} (local HTTPS Graph test server)`);
const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w[0]!)}  ${b.padEnd(w[1]!)}  ${c}`);
await server.stop();

/**
 * End to end, STORE=sharepoint: the real app (its own process, `tsx src/server.ts`) runs
 * against the local Graph test server over HTTPS, with PUBLIC_URL behind a TLS front so Graph
 * change notifications reach it. The lists are made with `npm run provision` and filled with
 * `npm run seed`, both run as CLIs. The app's bot is installed in a team channel through a
 * local Bot Connector. Then a person edits an instruction in SharePoint; Graph notifies the
 * app, the board changes, and exactly one status post reaches the channel.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { listDefinitions } from '../../src/store/sharepoint/schema.js';
import { SUBSCRIBED_LISTS } from '../../src/store/sharepoint/sync.js';
import * as A from '../bot/activities.js';
import { startConnector, type FakeConnector } from '../bot/connector.js';
import { GraphTestServer } from '../graph/graph-test-server.js';
import { TlsFront } from '../graph/tls-front.js';
import { testCert } from '../graph/tls.js';
import { WALL_CLOCK_SCHEDULE_OFF } from '../helpers/server.js';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const anna = { id: 'aad-anna', displayName: 'Anna Svensson' };
const rita = { id: 'aad-rita', displayName: 'Rita Läsare' };
/** The demo directory the app resolves list editors in: Anna is the CISO, Rita reads (by Entra object id, as SharePoint names them). */
const LOCAL_USERS = {
  defaultUser: 'ciso',
  users: [
    { id: 'dpo', displayName: 'Dataskyddsombud (demo)', roles: ['dpo'] },
    { id: 'ciso', displayName: 'Anna Svensson', aadObjectId: 'aad-anna', roles: ['ciso'] },
    { id: 'editor', displayName: 'Redaktör (demo)', roles: ['editor'] },
    { id: 'reader', displayName: 'Rita Läsare', aadObjectId: 'aad-rita', roles: ['reader'] },
    // The Graph figures are the whole city's: only a city-wide role sees /api/diagnostics.
    { id: 'admin', displayName: 'Administratör (demo)', roles: ['admin'] },
  ],
};

const until = async <T>(what: string, probe: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('STORE=sharepoint end to end: a direct list edit reaches the board and the channel once', () => {
  let graph: GraphTestServer;
  let connector: FakeConnector;
  let front: TlsFront;
  let app: ChildProcess;
  let appUrl = '';
  let output = '';
  let env: NodeJS.ProcessEnv;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-sp-e2e-'));
  const usersFile = path.join(dataDir, 'local-users.json');
  fs.writeFileSync(usersFile, JSON.stringify(LOCAL_USERS));

  const api = async (pathname: string, init: RequestInit = {}) => {
    const res = await fetch(appUrl + pathname, {
      ...init,
      headers: { 'X-Local-User': 'ciso', 'Content-Type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const { cert, certFile } = testCert();
    graph = await new GraphTestServer({ pageSize: 10, notificationCa: cert }).start();
    front = await new TlsFront().start();
    connector = await startConnector();
    const appPort = await freePort();
    front.target = appPort;
    env = {
      ...process.env,
      // The wall-clock digest and reminders would post on their own schedule (a Monday 07:00 run
      // got a digest in the middle of this test); this test counts posts, so they are off.
      ...WALL_CLOCK_SCHEDULE_OFF,
      NODE_ENV: 'test',
      STORE: 'sharepoint',
      GRAPH_BASE_URL: graph.url,
      GRAPH_TOKEN: graph.token,
      SHAREPOINT_SITE_URL: graph.siteUrl,
      SHAREPOINT_SYNC_SECONDS: '3600',
      PUBLIC_URL: front.url,
      DATA_DIR: dataDir,
      LOCAL_USERS_FILE: usersFile,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      BOT_POST_RETRY_MS: '50',
      // The test server's throwaway certificate, trusted by these processes only.
      NODE_EXTRA_CA_CERTS: certFile,
    };
    const provision = await run(TSX, ['src/store/sharepoint/provision-cli.ts'], { cwd: ROOT, env });
    expect(provision.stdout).toMatch(new RegExp(`${listDefinitions(DEFAULT_SCALE).length} lists created`));
    const again = await run(TSX, ['src/store/sharepoint/provision-cli.ts'], { cwd: ROOT, env });
    expect(again.stdout).toMatch(/already has every list and column/);
    const seed = await run(TSX, ['src/store/seed-cli.ts'], { cwd: ROOT, env });
    expect(seed.stdout).toMatch(/seed: added/);
    const reseed = await run(TSX, ['src/store/seed-cli.ts'], { cwd: ROOT, env });
    expect(reseed.stdout).toMatch(/nothing to add/);

    app = spawn(TSX, ['src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    app.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    app.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await until('the app to listen', async () => /listening on http/.test(output), 30_000).catch(async () => {
      throw new Error(`app did not start:\n${output}`);
    });
    appUrl = `http://127.0.0.1:${appPort}`;
  }, 120_000);

  afterAll(async () => {
    app?.kill('SIGTERM');
    await front?.stop();
    await connector?.close();
    await graph?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('subscribes to the lists, and one edit in SharePoint gives one change, a changed board and one post', async () => {
    const before = await api('/api/action-plan');
    expect(before.status).toBe(200);
    // The report names no state for IIFS 05 (seed/RECONCILIATION.md): it starts as "Ej angivet".
    const instruction5 = (before.body.instructions as Record<string, { number: number; state: string }[]>).notStated!.find(
      (i) => i.number === 5,
    );
    expect(instruction5?.state).toBe('notStated');
    const cursor = (await api('/api/changes?since=0&limit=500')).body.cursor as number;

    // The bot is added to a team channel (Teams sends these activities to /api/messages).
    for (const activity of [
      A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'),
      A.membersAdded(connector.url, A.CHANNEL, A.USERS.ciso),
    ]) {
      const res = await fetch(`${appUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(200);
    }
    const welcome = await connector.waitFor(A.CHANNEL.conversationId, 1, 15_000);
    expect(JSON.stringify(welcome[0]!.activity)).toContain('Välkommen till DPO Board');

    const subscribed = await until(
      'subscriptions',
      async () => graph.subscriptions.size >= SUBSCRIBED_LISTS.length || undefined,
      20_000,
    ).catch(() => false);
    expect(subscribed, `the app did not subscribe:\n${output}`).toBeTruthy();

    const row = graph.items('DPO Anvisningar').find((i) => i.fields.Number === 5)!;
    const deliveriesBefore = graph.deliveries.length;
    graph.userEdit('DPO Anvisningar', row.id, { State: 'Klar' }, anna);

    const delivery = await until('a notification delivery', async () => graph.deliveries[deliveriesBefore]);
    expect(delivery.status).toBe(202);
    expect(delivery.ms).toBeLessThan(3000);
    const after = await until('the board to change', async () => {
      const plan = await api('/api/action-plan');
      const done = (plan.body.instructions as Record<string, { number: number }[]>).done;
      return done!.some((i) => i.number === 5) ? plan : undefined;
    });
    expect(after.status).toBe(200);

    const { body } = await api(`/api/changes?since=${cursor}`);
    const changes = body.changes as ChangeRecord[];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'instruction.updated',
      source: 'sharepoint',
      actorName: 'Anna Svensson',
      entityId: 'instruction:IIFS 05',
    });

    // One post in the channel: the status change, by the person who edited the list.
    const posts = await connector.waitFor(A.CHANNEL.conversationId, 2, 15_000);
    const post = JSON.stringify(posts[1]!.activity);
    expect(post).toContain('IIFS 05');
    // A second notification and more syncs later change nothing: still one post.
    graph.userEdit('DPO Anvisningar', row.id, { Note: row.fields.Note ?? null }, anna);
    await new Promise((r) => setTimeout(r, 2500));
    expect(connector.of(A.CHANNEL.conversationId)).toHaveLength(2);
    expect(
      [...graph.subscriptions.values()].every(
        (s) => s.notificationUrl === `${front.url}/graph/notifications` && s.changeType === 'updated',
      ),
    ).toBe(true);
  }, 60_000);
  it('a row added by a reader is refused: one edit.refused naming her, one post, nothing on the board', async () => {
    const boardBefore = await api('/api/board');
    const cursor = (await api('/api/changes?since=0&limit=500')).body.cursor as number;
    const postsBefore = connector.of(A.CHANNEL.conversationId).length;
    const cp2 = graph.items('DPO Kontrollpunkter').find((i) => i.fields.Number === 2)!;
    const row = graph.userCreate(
      'DPO Bedömningar',
      { Title: 'KP 2', UnitKey: 'intraservice', Year: 2023, ControlPointLookupId: String(cp2.id), Level: '5 – Helt uppfylld' },
      rita,
    );
    const refused = await until('the refused change', async () => {
      const changes = (await api(`/api/changes?since=${cursor}`)).body.changes as ChangeRecord[];
      return changes.length > 0 ? changes : undefined;
    });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      kind: 'edit.refused',
      source: 'sharepoint',
      actorName: 'Rita Läsare',
      entityId: `assessment:${row.id}`,
    });
    expect(graph.items('DPO Bedömningar').some((i) => i.id === row.id)).toBe(false);
    expect((await api('/api/board')).body.assessments).toEqual(boardBefore.body.assessments);
    const posts = await connector.waitFor(A.CHANNEL.conversationId, postsBefore + 1, 15_000);
    expect(JSON.stringify(posts.at(-1)!.activity)).toContain('Rita Läsare');
  }, 60_000);

  it('many viewers polling cost Graph nothing; the administrator sees the budget in /api/diagnostics, the unit CISO and a reader may not', async () => {
    const viewersRead = () =>
      Promise.all(Array.from({ length: 50 }, () => fetch(`${appUrl}/api/board`, { headers: { 'X-Local-User': 'ciso' } })));
    // The earlier tests' edits may still be syncing: wait until a round of viewers costs nothing (then the state is still).
    await until('a quiet round', async () => {
      const mark = graph.requests.length;
      await viewersRead();
      return graph.requests.length === mark;
    });
    const from = graph.requests.length;
    for (let round = 0; round < 5; round += 1) {
      const answers = await viewersRead();
      expect(answers.every((r) => r.status === 200 && r.headers.get('x-data-as-of'))).toBe(true);
      expect(answers.some((r) => r.headers.get('x-data-stale'))).toBe(false);
    }
    expect(
      graph.requests
        .slice(from)
        .filter((r) => !r.inBatch && !r.path.startsWith('/subscriptions'))
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([]);
    const diagnostics = await api('/api/diagnostics', { headers: { 'X-Local-User': 'admin' } });
    expect(diagnostics.status).toBe(200);
    expect(diagnostics.body).toMatchObject({ graph: { throttledTotal: 0, backoffUntil: null }, sync: { mode: 'webhooks', stale: false } });
    expect((diagnostics.body.graph as { requestsTotal: number }).requestsTotal).toBeGreaterThan(0);
    for (const user of ['ciso', 'reader']) {
      const refused = await fetch(`${appUrl}/api/diagnostics`, { headers: { 'X-Local-User': user } });
      expect(refused.status, user).toBe(403);
    }
  }, 60_000);
});

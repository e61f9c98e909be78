/**
 * Two instances, one store (App Service scaled out to two): two real server processes share
 * one SharePoint site (the local Graph test server) or one SQLite file, the bot is installed in
 * one team channel, and a recording Bot Connector stands in for Teams
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference,
 * proactive posts as in https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
 * Every change, whichever path and instance it came by, is posted to the channel exactly once,
 * also when an instance is killed (kill -9) in the middle of a post or of a sync.
 *
 * "Exactly once" is read when the posts have settled: the shared global cursor has passed the
 * newest change and no instance holds the channel's claim, so no run, started or to come, can
 * post any of these changes again. The waits poll for conditions; their deadlines only bound a hang.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../src/domain/model.js';
import { SUBSCRIBED_LISTS } from '../../src/store/sharepoint/sync.js';
import * as A from '../bot/activities.js';
import { startConnector, type FakeConnector } from '../bot/connector.js';
import { GraphTestServer, type Fault } from '../graph/graph-test-server.js';
import { TlsFront } from '../graph/tls-front.js';
import { testCert } from '../graph/tls.js';
import { freePort, instanceOwningPort, ROOT, startInstance, until, type Instance } from './instances.js';

const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CHANNEL = A.CHANNEL.conversationId;
type Json = Record<string, unknown>;
/** What the tests read of a posted activity: its card. */
type Posted = { activity: { attachments?: { content: unknown }[] } };

/** Settings both instances share: a short lease so a killed holder's posts are taken over soon. */
const POSTS = { BOT_POST_RETRY_MS: '50', BOT_POST_RETRY_LATER_S: '1', BOT_POST_LEASE_S: '5', SEED_ON_START: 'false' };

async function api(via: Instance, pathname: string, user = 'ciso', body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(via.url + pathname, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Local-User': user, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function activity(via: Instance, value: Json): Promise<{ status: number; body: Json | null }> {
  const res = await fetch(`${via.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : null };
}

const statusUpdate = (via: Instance, cp: number, text: string) =>
  api(via, `/api/control-points/${cp}/status-updates`, 'ciso', { text, unitLevel: null });
const latestSeq = async (via: Instance) => (await api(via, '/api/changes?since=0&limit=500')).body.cursor as number;
const cardOf = (post: Posted) => JSON.stringify(post.activity.attachments?.[0]?.content ?? {});

/** What the shared store says about the posts: the global cursor and whether the channel's claim is held. */
interface PostState {
  global: number;
  channelClaimed: boolean;
}

/** The steps both stores go through; `state` reads the shared store directly. */
function postsExactlyOnce(setup: () => { connector: FakeConnector; instances: Instance[]; state: () => PostState }) {
  const channelPosts = () => setup().connector.of(CHANNEL);

  /** Waits for `count` posts in the channel, then until no instance can post any of them again. */
  async function settle(count: number, via: Instance): Promise<void> {
    await setup()
      .connector.waitFor(CHANNEL, count, 60_000)
      .catch((error: Error) => {
        throw new Error(
          `${error.message}\n${describePosts()}\n${setup()
            .instances.map((i) => `${i.name}: ${i.output().slice(-3000)}`)
            .join('\n')}`,
        );
      });
    await until('the posts to settle', async () => {
      const latest = await latestSeq(via);
      const { global, channelClaimed } = setup().state();
      return global >= latest && !channelClaimed;
    });
    expect(channelPosts(), describePosts()).toHaveLength(count);
  }

  /** The posts as text, for a failure message. */
  const describePosts = () =>
    channelPosts()
      .map((p, i) => `${i}: ${cardOf(p).slice(0, 600)}`)
      .join('\n');

  return { settle, channelPosts, describePosts };
}

/** Anna is the CISO (her Entra object id is known), so her edits in the lists are taken into the board. */
const anna = { id: 'aad-anna', displayName: 'Anna Svensson' };
function localUsersFile(dataDir: string): string {
  const file = path.join(dataDir, 'local-users.json');
  const users = [
    { id: 'dpo', displayName: 'Dataskyddsombud (demo)', roles: ['dpo'] },
    { id: 'ciso', displayName: 'Anna Svensson', aadObjectId: anna.id, roles: ['ciso'] },
    { id: 'editor', displayName: 'Redaktör (demo)', roles: ['editor'] },
    { id: 'reader', displayName: 'Läsare (demo)', roles: ['reader'] },
    // The city-wide role that sees /api/diagnostics (the Graph figures are the whole city's).
    { id: 'admin', displayName: 'Administratör (demo)', roles: ['admin'] },
  ];
  fs.writeFileSync(file, JSON.stringify({ defaultUser: 'ciso', users }));
  return file;
}

/** The instances' settings for one site of the Graph test server; the lists provisioned and seeded by the CLIs. */
async function sharePointSite(
  graph: GraphTestServer,
  dataDir: string,
  certFile: string,
  extra: NodeJS.ProcessEnv,
): Promise<NodeJS.ProcessEnv> {
  const env = {
    ...process.env,
    ...POSTS,
    NODE_ENV: 'test',
    STORE: 'sharepoint',
    GRAPH_BASE_URL: graph.url,
    GRAPH_TOKEN: graph.token,
    SHAREPOINT_SITE_URL: graph.siteUrl,
    DATA_DIR: dataDir,
    LOCAL_USERS_FILE: localUsersFile(dataDir),
    NODE_EXTRA_CA_CERTS: certFile,
    ...extra,
  };
  await run(TSX, ['src/store/sharepoint/provision-cli.ts'], { cwd: ROOT, env });
  await run(TSX, ['src/store/seed-cli.ts'], { cwd: ROOT, env });
  return env;
}

/** The posts' state in the site's hidden app-state list. */
function sharePointPostState(graph: GraphTestServer): PostState {
  const items = graph.items('DPO Board App State');
  const cursor = items.find((i) => i.fields.Title === 'cursor:status-posts');
  return {
    global: cursor ? Number(JSON.parse(String(cursor.fields.Value))) : -1,
    channelClaimed: items.some((i) => i.fields.Title === `claim:status-posts:${CHANNEL}`),
  };
}

async function installInChannel(via: Instance, connector: FakeConnector): Promise<void> {
  for (const value of [
    A.installation(connector.url, A.CHANNEL, A.USERS.ciso, 'add'),
    A.membersAdded(connector.url, A.CHANNEL, A.USERS.ciso),
  ]) {
    expect((await activity(via, value)).status).toBe(200);
  }
  await connector.waitFor(CHANNEL, 1, 60_000);
}

const instructionRowOf = (graph: GraphTestServer, n: number) => graph.items('DPO Anvisningar').find((i) => i.fields.Number === n)!;
const changesOf = async (via: Instance, since: number) => (await api(via, `/api/changes?since=${since}`)).body.changes as ChangeRecord[];

describe('two instances on one SharePoint site: every post exactly once', () => {
  let graph: GraphTestServer;
  let connector: FakeConnector;
  let front: TlsFront;
  let instances: Instance[] = [];
  let env: NodeJS.ProcessEnv;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-two-sp-'));
  const state = () => sharePointPostState(graph);
  const { settle, channelPosts, describePosts } = postsExactlyOnce(() => ({ connector, instances, state }));
  /** How many list subscriptions the instances share in the app state. */
  const savedSubscriptions = () => {
    const saved = graph.items('DPO Board App State').find((i) => i.fields.Title === 'graph:subscriptions');
    return saved ? (JSON.parse(String(saved.fields.Value)) as { subscriptions: unknown[] }).subscriptions.length : 0;
  };
  const instructionRow = (n: number) => instructionRowOf(graph, n);

  beforeAll(async () => {
    const { cert, certFile } = testCert();
    graph = await new GraphTestServer({ pageSize: 10, notificationCa: cert }).start();
    front = await new TlsFront().start();
    connector = await startConnector();
    env = await sharePointSite(graph, dataDir, certFile, { SHAREPOINT_SYNC_SECONDS: '3600', PUBLIC_URL: front.url });
    // The load balancer sends Graph's requests (validation, change notifications) to the first instance. The second
    // joins once the first has subscribed every list (a scale-out adds instances to a running app), so both accept
    // the notifications of the subscriptions they share.
    front.target = await freePort();
    instances = [await startInstance('a', env, front.target)];
    await until('every list to be subscribed', () => savedSubscriptions() >= SUBSCRIBED_LISTS.length);
    instances.push(await startInstance('b', env));
    await installInChannel(instances[0]!, connector);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await front?.stop();
    await connector?.close();
    await graph?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts a tab write through either instance, a bot write and a direct list edit once each', async () => {
    const [a, b] = instances as [Instance, Instance];
    expect(channelPosts()).toHaveLength(1);
    expect(cardOf(channelPosts()[0]!)).toContain('Välkommen till DPO Board');

    expect((await statusUpdate(a, 4, 'Registret är uppdaterat (instans a).')).status).toBe(201);
    await settle(2, b);
    expect(cardOf(channelPosts()[1]!)).toContain('Registret är uppdaterat (instans a).');

    expect((await statusUpdate(b, 5, 'Rutinen är beslutad (instans b).')).status).toBe(201);
    await settle(3, a);
    expect(cardOf(channelPosts()[2]!)).toContain('Rutinen är beslutad (instans b).');
    expect(cardOf(channelPosts()[2]!)).toContain('Anna Svensson');

    const data = {
      cp: 6,
      unit: 'intraservice',
      year: 2023,
      formId: 'form-two-instances',
      level: '3',
      comment: 'Bedömd i boten, instans b.',
    };
    const answer = await activity(b, A.cardAction(connector.url, A.CHANNEL, A.USERS.dpo, 'assessment.submit', data));
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    await settle(4, a);
    expect(cardOf(channelPosts()[3]!)).toContain('Bedömd i boten, instans b.');

    const since = await latestSeq(a);
    graph.userEdit('DPO Anvisningar', instructionRow(5).id, { State: 'Klar' }, anna);
    await settle(5, a);
    expect(cardOf(channelPosts()[4]!), describePosts()).toContain('IIFS 05');
    expect((await changesOf(a, since)).filter((c) => c.entityId === 'instruction:IIFS 05')).toHaveLength(1);
  }, 180_000);

  it('kill -9 in the middle of a post: the other instance posts it, and the next change, once each', async () => {
    const before = channelPosts().length;
    const held = connector.holdNext(CHANNEL);
    expect((await statusUpdate(instances[0]!, 7, 'Posten som avbröts.')).status).toBe(201);
    const { senderPort } = await held.arrived;
    const killed = instanceOwningPort(senderPort, instances);
    const survivor = instances.find((i) => i !== killed)!;
    await killed.kill9();
    held.drop();
    instances = [survivor];
    front.target = survivor.port;

    expect((await statusUpdate(survivor, 8, 'Nästa ändring efter avbrottet.')).status).toBe(201);
    await settle(before + 2, survivor);
    const posts = channelPosts().slice(before).map(cardOf);
    expect(posts[0]).toContain('Posten som avbröts.');
    expect(posts[1]).toContain('Nästa ändring efter avbrottet.');
  }, 180_000);

  it('kill -9 in the middle of a sync: a new instance and the survivor lose no direct edit and post each once', async () => {
    // App Service replaces the killed instance.
    const replacement = await startInstance('c', env);
    instances.push(replacement);
    // Its first sync is done before the trap below is set, so the only sync to read the delta is the notified one.
    await until(
      'the new instance to have synced',
      async () => ((await api(replacement, '/api/diagnostics', 'admin')).body.sync as { asOf: string | null } | null)?.asOf,
    );
    const [syncing, other] = instances as [Instance, Instance];
    front.target = syncing.port;
    const before = channelPosts().length;
    const since = await latestSeq(other);
    // The next delta read of the list hangs: the instance that syncs is killed in the middle of it.
    const hang: Fault = { method: 'GET', path: /\/delta/, delayMs: 120_000, times: 1 };
    graph.faults.push(hang);
    graph.userEdit('DPO Anvisningar', instructionRow(6).id, { State: 'Klar' }, anna);
    await until('a sync to read the delta', () => hang.times === 0);
    await syncing.kill9();
    instances = [other];
    front.target = other.port;

    graph.userEdit('DPO Anvisningar', instructionRow(7).id, { State: 'Klar' }, anna);
    await settle(before + 2, other);
    const posts = channelPosts().slice(before).map(cardOf);
    expect(
      posts.some((p) => p.includes('IIFS 06')),
      describePosts(),
    ).toBe(true);
    expect(posts.some((p) => p.includes('IIFS 07'))).toBe(true);
    const recorded = (await changesOf(other, since)).map((c) => c.entityId);
    expect(recorded.filter((id) => id === 'instruction:IIFS 06')).toHaveLength(1);
    expect(recorded.filter((id) => id === 'instruction:IIFS 07')).toHaveLength(1);
  }, 180_000);
});

describe('two instances on one SharePoint site, both polling it: each direct edit recorded and posted once', () => {
  let graph: GraphTestServer;
  let connector: FakeConnector;
  const instances: Instance[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-two-sp-poll-'));
  const { settle, channelPosts } = postsExactlyOnce(() => ({ connector, instances, state: () => sharePointPostState(graph) }));

  beforeAll(async () => {
    const { certFile } = testCert();
    graph = await new GraphTestServer({ pageSize: 10 }).start();
    connector = await startConnector();
    // No PUBLIC_URL: no webhooks, each instance syncs the lists every second, so both see every edit.
    const env = await sharePointSite(graph, dataDir, certFile, { SHAREPOINT_SYNC_SECONDS: '1' });
    for (const name of ['a', 'b']) instances.push(await startInstance(name, env));
    await installInChannel(instances[1]!, connector);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await connector?.close();
    await graph?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('two instances that sync the same edits record each once and post each once', async () => {
    const since = await latestSeq(instances[0]!);
    for (const [n, count] of [
      [8, 2],
      [9, 3],
      [10, 4],
    ] as const) {
      graph.userEdit('DPO Anvisningar', instructionRowOf(graph, n).id, { State: 'Klar' }, anna);
      await settle(count, instances[n % 2]!);
      expect(cardOf(channelPosts()[count - 1]!)).toContain(`IIFS ${String(n).padStart(2, '0')}`);
    }
    // Instance a reads the change log from its synced state: the last edit may have been recorded by b
    // and reach a's state only with a's next sync. Wait for three records, then check there are exactly these.
    const recorded = await until('instance a to read the three records', async () => {
      const ids = (await changesOf(instances[0]!, since)).map((c) => c.entityId);
      return ids.length >= 3 && ids;
    });
    expect(recorded).toEqual(['instruction:IIFS 08', 'instruction:IIFS 09', 'instruction:IIFS 10']);
  }, 180_000);
});

describe('two instances on one SQLite file: every post exactly once', () => {
  let connector: FakeConnector;
  let instances: Instance[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-two-sqlite-'));
  let db: Database.Database;

  const state = (): PostState => {
    const cursor = db.prepare("SELECT value FROM app_cursors WHERE name = 'status-posts'").get() as { value: number } | undefined;
    const claim = db.prepare('SELECT 1 FROM app_claims WHERE key = ?').get(`status-posts:${CHANNEL}`);
    return { global: cursor?.value ?? -1, channelClaimed: claim !== undefined };
  };
  const { settle, channelPosts } = postsExactlyOnce(() => ({ connector, instances, state }));

  beforeAll(async () => {
    connector = await startConnector();
    const env = { ...process.env, ...POSTS, NODE_ENV: 'test', STORE: 'sqlite', DATA_DIR: dataDir };
    // The first instance creates and seeds the file; the second opens it as it is.
    instances.push(await startInstance('a', { ...env, SEED_ON_START: 'true' }));
    instances.push(await startInstance('b', env));
    db = new Database(path.join(dataDir, 'dpo-board.sqlite'), { readonly: true });
    await installInChannel(instances[1]!, connector);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    db?.close();
    await connector?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts a tab write through either instance and a bot write once each', async () => {
    const [a, b] = instances as [Instance, Instance];
    expect((await statusUpdate(a, 4, 'Status via instans a.')).status).toBe(201);
    await settle(2, b);
    expect((await statusUpdate(b, 5, 'Status via instans b.')).status).toBe(201);
    await settle(3, a);
    const data = { cp: 6, unit: 'intraservice', year: 2023, formId: 'form-two-sqlite', level: '2', comment: 'Bedömd i boten via a.' };
    const answer = await activity(a, A.cardAction(connector.url, A.CHANNEL, A.USERS.dpo, 'assessment.submit', data));
    expect(answer.body).toMatchObject({ statusCode: 200 });
    await settle(4, b);
    expect(channelPosts().slice(1).map(cardOf)).toEqual([
      expect.stringContaining('Status via instans a.'),
      expect.stringContaining('Status via instans b.'),
      expect.stringContaining('Bedömd i boten via a.'),
    ]);
  }, 120_000);

  it('kill -9 in the middle of a post: the other instance posts it, and the next change, once each', async () => {
    const before = channelPosts().length;
    const held = connector.holdNext(CHANNEL);
    expect((await statusUpdate(instances[1]!, 7, 'Avbruten post (SQLite).')).status).toBe(201);
    const { senderPort } = await held.arrived;
    const killed = instanceOwningPort(senderPort, instances);
    const survivor = instances.find((i) => i !== killed)!;
    await killed.kill9();
    held.drop();
    instances = [survivor];
    expect((await statusUpdate(survivor, 8, 'Nästa ändring (SQLite).')).status).toBe(201);
    await settle(before + 2, survivor);
    expect(channelPosts().slice(before).map(cardOf)).toEqual([
      expect.stringContaining('Avbruten post (SQLite).'),
      expect.stringContaining('Nästa ändring (SQLite).'),
    ]);
  }, 120_000);
});

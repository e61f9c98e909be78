/**
 * What a card's refresh costs in Graph, per viewer (AUTH_MODE=entra, STORE=sharepoint). Teams sends
 * `adaptiveCard/action` with the card's refresh action for every viewer listed in `refresh.userIds`
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views),
 * and the bot answers each with that viewer's card, for which it looks up the viewer's roles in Entra ID:
 * GET /users/{id}/appRoleAssignments (https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments) and,
 * with ENTRA_UNIT_GROUPS, POST /users/{id}/checkMemberGroups (https://learn.microsoft.com/en-us/graph/api/directoryobject-checkmembergroups),
 * both answered by the strict Graph test server, which also serves the SharePoint site the board is read from
 * (synced state). Every request the server gets is counted. The identity is the server's (createIdentity from the
 * configuration, ENTRA_ROLE_CACHE_SECONDS=120) and its clock is stepped, so nothing waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DpoBot } from '../../bot/bot.js';
import { loadConfig } from '../../src/config.js';
import { GraphHttpError } from '../../src/graph/client.js';
import { createIdentity, type Identity } from '../../src/identity/index.js';
import { ChannelUnits } from '../../src/store/channel-units.js';
import type { BoardStore } from '../../src/store/port.js';
import type { Json } from '../bot/http-bot.js';
import { invokeBody, type TeamsTurn } from '../bot/test-adapter.js';
import { graphFor, type Harness } from '../store/sharepoint/harness.js';
import { startSyncedSite } from '../store/sharepoint/synced-site.js';

const APP_ID = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const TENANT = '11111111-2222-4333-8444-555555555555';
const CACHE_SECONDS = 120;
const VIEWERS = 12;
const isDirectory = (path: string) => /^\/(users|servicePrincipals)\b/.test(path);

describe('a card refresh costs Graph at most one role lookup per viewer per cache window', { timeout: 120_000 }, () => {
  let h: Harness;
  let store: BoardStore;
  let identity: Identity;
  let bot: DpoBot;
  let clock = Date.parse('2026-11-30T09:00:00Z');
  const people: { id: string; name: string; aadObjectId: string }[] = [];

  beforeAll(async () => {
    const site = await startSyncedSite();
    ({ h, store } = site);
    await site.edits.schedule.poke();

    const d = h.server.directory;
    const sp = d.addApp(APP_ID, 'DPO Board', ['DPO', 'CISO', 'Editor']);
    const cisoGroup = d.addGroup('CISO Intraservice');
    const dpo = d.addUser('Dana Dataskydd');
    d.assign(sp, dpo, 'DPO');
    people.push({ id: '29:dana', name: 'Dana Dataskydd', aadObjectId: dpo });
    for (let i = 0; i < VIEWERS; i += 1) {
      const name = `Läsare ${i}`;
      people.push({ id: `29:viewer-${i}`, name, aadObjectId: d.addUser(name, i === 0 ? [cisoGroup] : []) });
    }
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_MODE: 'entra',
      ENTRA_CLIENT_ID: APP_ID,
      ENTRA_TENANT_ID: TENANT,
      GRAPH_TOKEN: 'eyJ.x.y',
      ENTRA_UNIT_GROUPS: `ciso:intraservice=${cisoGroup}`,
      ENTRA_ROLE_CACHE_SECONDS: String(CACHE_SECONDS),
      BOT_ENABLED: 'false',
    });
    identity = createIdentity(config, {
      graph: graphFor(h.server),
      verifier: { verify: () => Promise.resolve(null) },
      units: store,
      now: () => clock,
    });
    bot = new DpoBot({
      store,
      appState: store.appState,
      identity,
      links: () => ({ publicUrl: 'https://board.example', teamsAppId: undefined, tabEntityId: 'board' }),
      defaultUnit: 'intraservice',
      channelUnits: new ChannelUnits(store.appState, { defaultUnit: 'intraservice', listUnits: () => store.listUnits(), now: () => clock }),
      startPostsAt: () => Promise.resolve(),
      afterWrite: () => undefined,
    });
  });
  afterAll(async () => h.dispose());

  /** Teams' automatic refresh of the assessment card of control point 6, by one viewer in the channel. */
  async function refresh(person: (typeof people)[number]): Promise<Json> {
    const turn: TeamsTurn = {
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'General', tenantId: TENANT },
      user: person,
      locale: 'sv-SE',
    };
    const action = { type: 'Action.Execute', verb: 'assessment.refresh', data: { cp: 6, unit: 'intraservice', year: 2023 } };
    const body = await invokeBody(bot, turn, 'adaptiveCard/action', { action, trigger: 'automatic' });
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return body!.value as Json;
  }
  const canAssess = (card: Json) => JSON.stringify(card.body).includes('"Input.ChoiceSet"');
  const since = (from: number) => h.server.requests.slice(from).filter((r) => !r.inBatch);
  /**
   * Directory requests since `from` that start something, per person's object id (`app`: the service principal):
   * a lookup is the person's app roles (GET appRoleAssignments, its further pages not counted: the server pages
   * as Graph may, an empty first page included) and their unit groups (POST checkMemberGroups), so 2.
   */
  const lookupsPerPerson = (from: number) => {
    const counts = new Map<string, number>();
    for (const r of since(from).filter((q) => isDirectory(q.path) && !/skiptoken/i.test(q.path))) {
      const who = /^\/users\/([^/?]+)/.exec(r.path)?.[1] ?? 'app';
      counts.set(who, (counts.get(who) ?? 0) + 1);
    }
    return counts;
  };
  const directoryOnly = (from: number) => since(from).every((r) => isDirectory(r.path));

  it('the same person refreshing twenty times: Graph is asked for the first only', async () => {
    const dpo = people[0]!;
    const from = h.server.requests.length;
    expect(canAssess(await refresh(dpo))).toBe(true);
    // The first: the app's service principal once, then the person's app roles and unit groups (and the board's first read).
    expect(lookupsPerPerson(from)).toEqual(
      new Map([
        ['app', 1],
        [dpo.aadObjectId, 2],
      ]),
    );

    const after = h.server.requests.length;
    for (let i = 0; i < 20; i += 1) expect(canAssess(await refresh(dpo))).toBe(true);
    expect(since(after)).toEqual([]);
  });

  it('twelve more people refreshing three times each, at once: one lookup each, nothing else', async () => {
    const viewers = people.slice(1);
    const from = h.server.requests.length;
    const cards = await Promise.all(viewers.flatMap((v) => [refresh(v), refresh(v), refresh(v)]));
    expect(cards.map(canAssess)).toEqual(cards.map(() => false));
    // One lookup per person (app roles + unit groups: two requests), whatever the number of their refreshes.
    expect(lookupsPerPerson(from)).toEqual(new Map(viewers.map((v) => [v.aadObjectId, 2])));
    expect(directoryOnly(from)).toBe(true);
  });

  it('after the cache window everybody is looked up once again, then not again', async () => {
    clock += CACHE_SECONDS * 1000 + 1;
    const from = h.server.requests.length;
    await Promise.all(people.flatMap((p) => [refresh(p), refresh(p)]));
    expect(lookupsPerPerson(from)).toEqual(new Map([['app', 1], ...people.map((p) => [p.aadObjectId, 2] as const)]));
    // Besides the lookups: the channel's unit, read again once its one-minute copy was old (once per instance, not per viewer).
    expect(
      since(from)
        .filter((r) => !isDirectory(r.path))
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual(['POST /$batch']);

    const after = h.server.requests.length;
    await Promise.all(people.map((p) => refresh(p)));
    expect(since(after)).toEqual([]);
  });

  it('a failing directory is asked once per person per back-off, not once per refresh', async () => {
    const stranger = { id: '29:new', name: 'Ny person', aadObjectId: h.server.directory.addUser('Ny person') };
    const account = { id: stranger.id, aadObjectId: stranger.aadObjectId, name: stranger.name, tenantId: TENANT };
    h.server.faults.push({ path: /appRoleAssignments/, status: 403, times: 100 });
    const from = h.server.requests.length;
    for (let i = 0; i < 5; i += 1) await expect(identity.fromTeamsAccount(account)).rejects.toBeInstanceOf(GraphHttpError);
    expect(lookupsPerPerson(from)).toEqual(new Map([[stranger.aadObjectId, 1]]));
    expect(directoryOnly(from)).toBe(true);
    // After the back-off (30 s at most) the person is asked again; once Graph answers, the roles are cached as usual.
    h.server.faults.splice(0);
    clock += 30_001;
    const again = h.server.requests.length;
    expect((await identity.fromTeamsAccount(account)).grants).toEqual([{ role: 'reader', units: ['intraservice'] }]);
    await identity.fromTeamsAccount(account);
    expect(lookupsPerPerson(again)).toEqual(new Map([[stranger.aadObjectId, 2]]));
  });
});

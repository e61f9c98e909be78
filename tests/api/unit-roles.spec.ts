/**
 * Roles per unit on the HTTP API (issue 14 item 2): a CISO (and a DPO) of unit A tries every write
 * route of unit B and is refused (403, nothing stored), and the same routes succeed in A. Reading B
 * is refused too, and the demo-users file is read again when it changes: a CISO given B in the file
 * writes B without a restart. The store's own rules refuse the same writes when the API is bypassed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteContext } from '../../src/domain/rules.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const A = 'intraservice';
const B = 'exempel-01';
const at = new Date('2026-11-28T10:00:00Z');

const usersOf = (cisoAUnits: string[]) => ({
  defaultUser: 'dpo',
  users: [
    { id: 'dpo', displayName: 'Dataskyddsombud (alla)', roles: ['dpo'], units: '*' },
    { id: 'dpo-a', displayName: 'Dataskyddsombud A', email: 'dpo-a@example.invalid', roles: ['dpo'], units: [A] },
    { id: 'ciso-a', displayName: 'CISO A', email: 'ciso-a@example.invalid', roles: ['ciso'], units: cisoAUnits },
    { id: 'ciso-b', displayName: 'CISO B', email: 'ciso-b@example.invalid', roles: ['ciso'], units: [B] },
    { id: 'admin', displayName: 'Administratör', roles: ['admin'] },
  ],
});

/** Every write route of the tab's API on one unit, with who tries it (the CISO, or the DPO for the DPO's routes). */
function writeRoutes(unit: string, ids: { activity: number; item: number; evidence: string; cpVersion: number }) {
  const q = `?unit=${unit}`;
  return [
    { who: 'ciso', what: 'status', method: 'POST', path: `/api/control-points/4/status-updates${q}`, body: { text: 'Status' } },
    { who: 'dpo', what: 'assessment', method: 'POST', path: `/api/control-points/4/assessments${q}`, body: { level: 2, comment: '' } },
    { who: 'ciso', what: 'activity', method: 'POST', path: `/api/control-points/4/activities${q}`, body: { text: 'Ny aktivitet' } },
    { who: 'ciso', what: 'activity change', method: 'PATCH', path: `/api/activities/${ids.activity}${q}`, body: { state: 'ongoing' } },
    { who: 'ciso', what: 'instruction', method: 'PATCH', path: `/api/instructions/5${q}`, body: { state: 'ongoing' } },
    {
      who: 'ciso',
      what: 'control point',
      method: 'PATCH',
      path: `/api/control-points/4${q}`,
      body: { expectedEnd: '2027-06-30', version: ids.cpVersion },
    },
    { who: 'ciso', what: 'action-plan item', method: 'POST', path: `/api/action-plan/items${q}`, body: { text: 'Ny åtgärd' } },
    {
      who: 'ciso',
      what: 'action-plan item change',
      method: 'PATCH',
      path: `/api/action-plan/items/${ids.item}${q}`,
      body: { state: 'done' },
    },
    { who: 'dpo', what: 'contact', method: 'PATCH', path: `/api/contact${q}`, body: { name: 'Kim Kontakt', email: 'kim@example.invalid' } },
    {
      who: 'ciso',
      what: 'evidence',
      method: 'POST',
      path: `/api/control-points/4/evidence${q}`,
      body: { title: 'Rutin', url: 'https://example.org/rutin', kind: 'routine', date: '2026-11-01' },
    },
    { who: 'ciso', what: 'evidence removal', method: 'DELETE', path: `/api/control-points/4/evidence/${ids.evidence}${q}` },
    { who: 'ciso', what: 'status request', method: 'POST', path: `/api/control-points/4/status-requests${q}`, body: {} },
    { who: 'ciso', what: 'start year', method: 'POST', path: `/api/years${q}`, body: {} },
  ] as const;
}

describe('roles per unit on every write route of the API', () => {
  let server: TestServer;
  let usersFile: string;
  const inB = { activity: 0, item: 0, evidence: '', cpVersion: 0 };
  const inA = { activity: 0, item: 0, evidence: '', cpVersion: 0 };

  const json = async <T>(res: Response, status: number): Promise<T> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    const dataDir = tempDataDir();
    usersFile = path.join(dataDir, 'users.json');
    fs.writeFileSync(usersFile, JSON.stringify(usersOf([A])));
    const teamsFile = path.join(dataDir, 'teams-users.json');
    fs.writeFileSync(teamsFile, JSON.stringify({ users: [] }));
    server = await startTestServer({ LOCAL_USERS_FILE: usersFile, BOT_LOCAL_USERS_FILE: teamsFile }, dataDir);
    const admin = (await (await server.call('admin', 'GET', '/api/me')).json()) as WriteContext['actor'];
    await server.store.createUnit(
      { id: B, name: 'Exempel 01 – Kulturförvaltningen', nameEn: 'Example 01 – Culture', organisation: 'Göteborgs Stad', example: true },
      { actor: admin, source: 'api', now: at },
    );
    // B's own CISO gives B something to change: an activity, an action-plan item, a link.
    const asB = (method: string, p: string, body: unknown) => server.call('ciso-b', method, `${p}?unit=${B}`, body);
    inB.activity = (await json<{ id: number }>(await asB('POST', '/api/control-points/4/activities', { text: 'B:s aktivitet' }), 201)).id;
    inB.item = (await json<{ id: number }>(await asB('POST', '/api/action-plan/items', { text: 'B:s åtgärd' }), 201)).id;
    const link = { title: 'B:s rutin', url: 'https://example.org/b', kind: 'routine', date: '2026-11-01' };
    inB.evidence = (await json<{ id: string }>(await asB('POST', '/api/control-points/4/evidence', link), 201)).id;
    inB.cpVersion = (
      await json<{ controlPoint: { version: number } }>(await asB('GET', '/api/control-points/4', undefined), 200)
    ).controlPoint.version;
    // And A's CISO the same in A.
    const asA = (method: string, p: string, body: unknown) => server.call('ciso-a', method, `${p}?unit=${A}`, body);
    inA.activity = (await json<{ id: number }>(await asA('POST', '/api/control-points/4/activities', { text: 'A:s aktivitet' }), 201)).id;
    inA.item = (await json<{ id: number }>(await asA('POST', '/api/action-plan/items', { text: 'A:s åtgärd' }), 201)).id;
    inA.evidence = (
      await json<{ id: string }>(await asA('POST', '/api/control-points/4/evidence', { ...link, title: 'A:s rutin' }), 201)
    ).id;
    inA.cpVersion = (
      await json<{ controlPoint: { version: number } }>(await asA('GET', '/api/control-points/4', undefined), 200)
    ).controlPoint.version;
  });
  afterAll(async () => server?.dispose());

  const stateOf = async (unit: string) => ({
    seq: await server.store.latestChangeSeq(),
    board: await server.store.getBoardData(unit),
    plan: await server.store.getActionPlanData(unit),
    evidence: await server.store.evidence.list(unit, 4),
    years: await server.store.listYears(unit),
  });

  it("refuses A's CISO and A's DPO every write route of B with 403, and stores nothing", async () => {
    const before = await stateOf(B);
    for (const r of writeRoutes(B, inB)) {
      const user = r.who === 'dpo' ? 'dpo-a' : 'ciso-a';
      const res = await server.call(user, r.method, r.path, 'body' in r ? r.body : undefined);
      expect(res.status, `${r.what} by ${user}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect(await stateOf(B)).toEqual(before);
  });

  it('refuses reading B to those who hold no role there, and leaves B out of their units and their change feed', async () => {
    for (const p of ['/api/board', '/api/control-points/4', '/api/action-plan', '/api/years', '/api/control-points/4/evidence']) {
      expect((await server.call('ciso-a', 'GET', `${p}?unit=${B}`)).status, p).toBe(403);
    }
    expect((await server.call('ciso-a', 'GET', `/api/reports/?unit=${B}`)).status).toBe(403);
    const units = (await json<{ units: { id: string }[] }>(await server.call('ciso-a', 'GET', '/api/units'), 200)).units;
    expect(units.map((u) => u.id)).toEqual([A]);
    const feed = await json<{ changes: { unitId: string }[] }>(await server.call('ciso-a', 'GET', '/api/changes?since=0&limit=500'), 200);
    expect(feed.changes.some((c) => c.unitId === B)).toBe(false);
    const dpoFeed = await json<{ changes: { unitId: string }[] }>(await server.call('dpo', 'GET', '/api/changes?since=0&limit=500'), 200);
    expect(dpoFeed.changes.some((c) => c.unitId === B)).toBe(true);
  });

  it('answers /api/me with the permissions in the unit asked about and in every unit they read', async () => {
    const me = await json<{ permissions: string[]; permissionsByUnit: Record<string, string[]> }>(
      await server.call('ciso-a', 'GET', `/api/me?unit=${B}`),
      200,
    );
    expect(me.permissions).toEqual([]);
    expect(Object.keys(me.permissionsByUnit)).toEqual([A]);
    expect(me.permissionsByUnit[A]).toEqual(expect.arrayContaining(['read', 'writeStatus', 'writePlan']));
    const dpo = await json<{ permissionsByUnit: Record<string, string[]> }>(await server.call('dpo', 'GET', '/api/me'), 200);
    expect(Object.keys(dpo.permissionsByUnit).sort()).toEqual([A, B].sort());
    expect(dpo.permissionsByUnit[B]).toEqual(expect.arrayContaining(['assess', 'manageUnits']));
  });

  it("does not let an id of B's pass as A's: the unit of the request is the unit written", async () => {
    const res = await server.call('ciso-a', 'PATCH', `/api/activities/${inB.activity}?unit=${A}`, { state: 'ongoing' });
    expect(res.status).toBe(404);
    const item = await server.call('ciso-a', 'PATCH', `/api/action-plan/items/${inB.item}?unit=${A}`, { state: 'done' });
    expect(item.status).toBe(404);
  });

  it('refuses the same writes in the store when the API is bypassed (the rules name the unit)', async () => {
    const cisoA = (await (await server.call('ciso-a', 'GET', '/api/me')).json()) as WriteContext['actor'];
    const ctx: WriteContext = { actor: cisoA, source: 'api', now: at };
    const year = (await server.store.listYears(B)).at(-1)!;
    const refusals = [
      () => server.store.addStatusUpdate({ unitId: B, year, controlPoint: 4, statusDate: '2026-11-28', text: 'x', unitLevel: null }, ctx),
      () =>
        server.store.createActivity(
          { unitId: B, controlPoint: 4, text: 'x', state: 'planned', dueFrom: null, dueTo: null, workPackage: null },
          ctx,
        ),
      () => server.store.updateActivity(B, inB.activity, { state: 'ongoing' }, ctx),
      () => server.store.updateControlPoint(B, 4, { expectedEnd: '2027-06-30' }, ctx),
      () => server.store.updateActionPlanItem(B, inB.item, { state: 'done' }, ctx),
      () => server.store.startYear({ unitId: B }, ctx),
      () =>
        server.store.evidence.add(
          { unitId: B, controlPoint: 4, title: 'x', url: 'https://example.org/x', kind: 'routine', date: '2026-11-01' },
          ctx,
        ),
      () => server.store.evidence.remove(B, inB.evidence, ctx),
    ];
    const before = await stateOf(B);
    for (const write of refusals) await expect(write()).rejects.toMatchObject({ code: 'forbidden' });
    expect(await stateOf(B)).toEqual(before);
  });

  it('lets them make every one of those writes in their own unit A', async () => {
    for (const r of writeRoutes(A, inA)) {
      const user = r.who === 'dpo' ? 'dpo-a' : 'ciso-a';
      const res = await server.call(user, r.method, r.path, 'body' in r ? r.body : undefined);
      // A status request is authorized, then needs the bot to reach the person asked (off here): 503, never 403.
      if (r.what === 'status request') expect(res.status, await res.text()).not.toBe(403);
      else expect(res.status, `${r.what}: ${await res.text()}`).toBeLessThan(300);
    }
  });

  it('reads the demo-users file again when it changes: a CISO given B writes B without a restart, and loses it the same way', async () => {
    const write = () => server.call('ciso-a', 'POST', `/api/control-points/4/status-updates?unit=${B}`, { text: 'Nu även B' });
    expect((await write()).status).toBe(403);
    fs.writeFileSync(usersFile, JSON.stringify(usersOf([A, B]), null, 2));
    expect((await write()).status).toBe(201);
    fs.writeFileSync(usersFile, JSON.stringify(usersOf([A])));
    expect((await write()).status).toBe(403);
    // A file that no longer parses keeps the last good users (and says so in the log).
    fs.writeFileSync(usersFile, '{ "users": [ broken');
    expect((await write()).status).toBe(403);
    expect((await server.call('ciso-a', 'GET', `/api/board?unit=${A}`)).status).toBe(200);
  });
});

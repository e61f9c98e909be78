/**
 * Answers that say no more than the caller may know (left-overs of issue 14), over real HTTP against the real
 * server and its SQLite file:
 *  - a 403 about one unit names that unit, in the caller's language;
 *  - GET /api/units shows the people responsible by name and role, with e-mail and Entra object id only to those
 *    who may manage the unit or are its DPO or CISO (the board views show names and roles to everyone);
 *  - GET /api/channel-tabs/:id tells which unit a channel follows only to those who may read that unit;
 *  - GET /api/diagnostics (the whole city's Graph figures) only for a city-wide DPO or CISO, or the administrator.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiagnosticsRouter } from '../../src/api/diagnostics.js';
import { grantsEverywhere } from '../../src/domain/roles.js';
import { GraphBudget } from '../../src/graph/budget.js';
import { LocalDirectory, localIdentity } from '../../src/identity/index.js';
import type { LocalUser } from '../../src/identity/local.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const A = 'intraservice';
const K = 'kultur';
const CHANNEL = '19:kultur-kanal@thread.tacv2';
const at = new Date('2026-11-28T10:00:00Z');
const system = {
  actor: { id: 'test', displayName: 'Test', roles: [], grants: grantsEverywhere(['admin']) },
  source: 'api' as const,
  now: at,
};

const USERS: LocalUser[] = [
  { id: 'dpo', displayName: 'Dataskyddsombud (alla)', roles: ['dpo'], units: '*' },
  { id: 'ciso-all', displayName: 'CISO (alla)', roles: ['ciso'], units: '*' },
  { id: 'dpo-a', displayName: 'Dataskyddsombud A', email: 'dpo-a@example.invalid', roles: ['dpo'], units: [A] },
  { id: 'ciso-a', displayName: 'CISO A', email: 'ciso-a@example.invalid', roles: ['ciso'], units: [A] },
  { id: 'ciso-k', displayName: 'CISO Kultur', email: 'ciso-k@example.invalid', roles: ['ciso'], units: [K] },
  { id: 'reader', displayName: 'Läsare', email: 'reader@example.invalid', roles: ['reader'] },
  { id: 'admin', displayName: 'Administratör', roles: ['admin'] },
];

/** Kultur's people: its CISO, and A's CISO named as a reader there (so A's CISO reads Kultur without managing it). */
const KULTUR_PEOPLE = [
  { role: 'ciso', name: 'Kim Kultur', email: 'ciso-k@example.invalid', aadObjectId: 'aad-kim' },
  { role: 'reader', name: 'Cia A', email: 'ciso-a@example.invalid' },
] as const;
const A_PEOPLE = [{ role: 'ciso', name: 'Cia A', email: 'ciso-a@example.invalid', aadObjectId: 'aad-cia' }] as const;

interface PersonSeen {
  role: string;
  name: string;
  email?: string;
  aadObjectId?: string;
}
interface UnitSeen {
  id: string;
  responsible: PersonSeen[];
}

let server: TestServer;

const json = async <T>(res: Response, status: number): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
const errorOf = async (res: Response, status: number) => (await json<{ error: { code: string; message: string } }>(res, status)).error;
const inEnglish = { 'Accept-Language': 'en' };

beforeAll(async () => {
  const dataDir = tempDataDir();
  const usersFile = path.join(dataDir, 'users.json');
  fs.writeFileSync(usersFile, JSON.stringify({ defaultUser: 'dpo', users: USERS }));
  const teamsFile = path.join(dataDir, 'teams-users.json');
  fs.writeFileSync(teamsFile, JSON.stringify({ users: [] }));
  server = await startTestServer({ LOCAL_USERS_FILE: usersFile, BOT_LOCAL_USERS_FILE: teamsFile }, dataDir);
  await server.store.createUnit(
    { id: K, name: 'Kulturförvaltningen', nameEn: 'Culture', organisation: 'Göteborgs Stad', responsible: [...KULTUR_PEOPLE] },
    system,
  );
  const a = (await server.store.listUnits()).find((u) => u.id === A)!;
  await server.store.updateUnit(A, { responsible: [...A_PEOPLE], expectedVersion: a.version }, system);
});
afterAll(() => server?.dispose());

describe('a refusal about one unit names the unit', () => {
  it('names the unit by its label, in Swedish and in English, to someone who reads it', async () => {
    // A's CISO reads Kultur (named there as a reader) but may not write its status.
    const path4 = `/api/control-points/4/status-updates?unit=${K}`;
    const sv = await errorOf(await server.call('ciso-a', 'POST', path4, { text: 'Status' }), 403);
    expect(sv).toEqual({ code: 'forbidden', message: 'Din roll i Kulturförvaltningen får inte uppdatera förvaltningens status.' });
    const en = await errorOf(await server.call('ciso-a', 'POST', path4, { text: 'Status' }, inEnglish), 403);
    expect(en.message).toBe("Your role in Culture may not update the unit's status.");
  });

  it('names a unit the caller may not read by the id they asked for, and describes nothing more', async () => {
    const refused = await errorOf(await server.call('ciso-k', 'GET', '/api/board?unit=okand-enhet'), 403);
    expect(refused.message).toBe('Din roll i okand-enhet får inte läsa tavlan.');
    // Kultur exists, but the reader (who reads the default unit only) is not told its name.
    const hidden = await errorOf(await server.call('reader', 'GET', `/api/board?unit=${K}`, undefined, inEnglish), 403);
    expect(hidden.message).toBe('Your role in kultur may not read the board.');
  });

  it('repeats no text that is no unit id, and names no unit for a refusal about every unit', async () => {
    const odd = await errorOf(await server.call('reader', 'GET', `/api/board?unit=${encodeURIComponent('<b>Kultur</b>')}`), 403);
    expect(odd.message).toBe('Din roll får inte läsa tavlan.');
    const created = { id: 'ny', name: 'Ny', nameEn: 'New', organisation: 'Göteborgs Stad' };
    const everywhere = await errorOf(await server.call('dpo-a', 'POST', '/api/units', created), 403);
    expect(everywhere.message).toMatch(/^Din roll får inte hantera förvaltningar/);
  });

  it('names the unit on the reports route too', async () => {
    const report = await errorOf(await server.call('reader', 'GET', `/api/reports/?unit=${K}`, undefined, inEnglish), 403);
    expect(report.message).toBe('Your role in kultur may not read the board.');
  });
});

describe('GET /api/units: the people responsible', () => {
  const unitsOf = async (user: string) =>
    Object.fromEntries((await json<{ units: UnitSeen[] }>(await server.call(user, 'GET', '/api/units'), 200)).units.map((u) => [u.id, u]));
  const byName = (people: readonly PersonSeen[]) => people.map(({ role, name }) => ({ role, name }));

  it('shows e-mail and Entra object id where the caller is the unit’s CISO, and names and roles elsewhere', async () => {
    const seen = await unitsOf('ciso-a');
    expect(seen[A]!.responsible).toEqual(A_PEOPLE);
    expect(seen[K]!.responsible).toEqual(byName(KULTUR_PEOPLE));
    const kim = await unitsOf('ciso-k');
    expect(kim[K]!.responsible).toEqual(KULTUR_PEOPLE);
    expect(kim[A]!.responsible).toEqual(byName(A_PEOPLE));
  });

  it('shows them in full to the DPO of the unit and to those who manage every unit', async () => {
    expect((await unitsOf('dpo-a'))[A]!.responsible).toEqual(A_PEOPLE);
    for (const user of ['dpo', 'admin']) {
      const seen = await unitsOf(user);
      expect(seen[A]!.responsible, user).toEqual(A_PEOPLE);
      expect(seen[K]!.responsible, user).toEqual(KULTUR_PEOPLE);
    }
  });

  it('shows a reader names and roles only, with no e-mail anywhere in the answer', async () => {
    const res = await server.call('reader', 'GET', '/api/units');
    const text = await res.clone().text();
    expect((await unitsOf('reader'))[A]!.responsible).toEqual(byName(A_PEOPLE));
    expect(text).not.toMatch(/@example\.invalid|aad-cia/);
  });

  it("shows a unit's change in the change feed as it shows the unit: contacts only to who may see them", async () => {
    const unitChangesOf = async (user: string) =>
      (
        await json<{ changes: { kind: string; unitId: string; after: UnitSeen }[] }>(
          await server.call(user, 'GET', '/api/changes?since=0&limit=500'),
          200,
        )
      ).changes.filter((c) => c.kind === 'unit.updated' && c.unitId === A);
    const asReader = await unitChangesOf('reader');
    expect(asReader.map((c) => c.after.responsible)).toEqual([byName(A_PEOPLE)]);
    expect(JSON.stringify(asReader)).not.toMatch(/@example\.invalid|aad-cia/);
    expect((await unitChangesOf('ciso-a')).map((c) => c.after.responsible)).toEqual([A_PEOPLE]);
  });

  it('shows names and roles only in the board, control point and action plan views, whoever reads them', async () => {
    for (const p of ['/api/board', '/api/control-points/4', '/api/action-plan']) {
      const view = await json<{ unit: UnitSeen }>(await server.call('dpo', 'GET', `${p}?unit=${K}`), 200);
      expect(view.unit.responsible, p).toEqual(byName(KULTUR_PEOPLE));
    }
  });
});

describe('GET /api/channel-tabs/:id: which unit a channel follows', () => {
  const tab = `/api/channel-tabs/${encodeURIComponent(CHANNEL)}`;

  beforeAll(async () => {
    await json(await server.call('ciso-k', 'PUT', tab, { entityId: 'dpo-board-board', unitId: K }), 200);
  });

  it('is told to those who may read the unit', async () => {
    for (const user of ['ciso-k', 'ciso-a', 'dpo']) {
      expect(await json(await server.call(user, 'GET', tab), 200), user).toEqual({ channelId: CHANNEL, unitId: K, following: true });
    }
  });

  it('is a 404 for anyone else, as for a unit that does not exist, so it reveals nothing', async () => {
    const refused = await errorOf(await server.call('reader', 'GET', tab), 404);
    expect(refused).toEqual({ code: 'not_found', message: 'Förvaltningen finns inte.' });
    expect(JSON.stringify(refused)).not.toMatch(/kultur/i);
  });

  it('is not told in the answer to saving the tab without a unit either (any team member may save it)', async () => {
    const saved = await json<{ unitId: string | null }>(await server.call('reader', 'PUT', tab, { entityId: 'dpo-board-plan' }), 200);
    expect(saved).toEqual({ channelId: CHANNEL, entityId: 'dpo-board-plan', unitId: null });
    expect((await json<{ unitId: string }>(await server.call('dpo', 'GET', tab), 200)).unitId).toBe(K);
  });
});

describe('GET /api/diagnostics: the city-wide Graph figures', () => {
  let url = '';
  let close = () => Promise.resolve();

  beforeAll(async () => {
    // The router as the server mounts it in SharePoint mode, with the demo users' identity and a real Graph budget.
    const identity = localIdentity(new LocalDirectory(USERS));
    const app = express().use('/api', createDiagnosticsRouter(identity, { graph: new GraphBudget() }));
    const listening = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listening.once('listening', resolve));
    url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/diagnostics`;
    close = () => new Promise<void>((resolve) => listening.close(() => resolve()));
  });
  afterAll(() => close());

  const ask = (user: string) => fetch(url, { headers: { 'X-Local-User': user, 'Accept-Language': 'en' } });

  it('answers a city-wide DPO or CISO and the administrator', async () => {
    for (const user of ['dpo', 'ciso-all', 'admin']) {
      const body = await json<{ graph: { requestsTotal: number }; sync: null }>(await ask(user), 200);
      expect(body, user).toMatchObject({ graph: { requestsTotal: 0 }, sync: null });
    }
  });

  it('refuses a DPO or CISO of some units, and a reader, with 403 saying who may', async () => {
    for (const user of ['ciso-a', 'ciso-k', 'dpo-a', 'reader']) {
      const refused = await errorOf(await ask(user), 403);
      expect(refused.code, user).toBe('forbidden');
      expect(refused.message, user).toBe('Your role may not see the diagnostics (the city-wide DPO and CISO, and the administrator, do).');
    }
  });
});

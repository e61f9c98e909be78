/**
 * Units as data over real HTTP (issue 14 item 1), on a real SQLite file seeded from the report: an administrator
 * creates a unit (its first year and the twelve control points, no marks), the unit's DPO renames it, names its
 * people and archives it; an archived unit keeps its history and refuses every write until it is restored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord, Unit } from '../../src/domain/model.js';
import type { BoardView } from '../../src/domain/views.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const A = 'intraservice';
const users = {
  defaultUser: 'admin',
  users: [
    { id: 'admin', displayName: 'Administratör', roles: ['admin'] },
    { id: 'dpo-a', displayName: 'Dataskyddsombud A', email: 'dpo-a@example.invalid', roles: ['dpo'], units: [A] },
    { id: 'ciso-a', displayName: 'CISO A', email: 'ciso-a@example.invalid', roles: ['ciso'], units: [A] },
    { id: 'reader', displayName: 'Läsare', roles: ['reader'] },
  ],
};
const kultur = {
  id: 'kultur',
  name: 'Kulturförvaltningen',
  nameEn: 'Culture Administration',
  organisation: 'Göteborgs Stad',
  responsible: [{ role: 'ciso', name: 'Cia So', email: 'cia.so@example.invalid' }],
  year: 2026,
};

let server: TestServer;
beforeAll(async () => {
  const dataDir = tempDataDir();
  const usersFile = path.join(dataDir, 'users.json');
  fs.writeFileSync(usersFile, JSON.stringify(users));
  const teamsFile = path.join(dataDir, 'teams-users.json');
  fs.writeFileSync(teamsFile, JSON.stringify({ users: [] }));
  server = await startTestServer({ LOCAL_USERS_FILE: usersFile, BOT_LOCAL_USERS_FILE: teamsFile }, dataDir);
});
afterAll(async () => {
  await server?.dispose();
});

const failure = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string; message: string } }).error] as const;
const unitsAs = async (who: string): Promise<Unit[]> =>
  ((await (await server.call(who, 'GET', '/api/units')).json()) as { units: Unit[] }).units;
const changesSince = async (seq: number): Promise<ChangeRecord[]> => server.store.changesSince(seq);

describe('units over HTTP', () => {
  it('an administrator creates a unit (201): listed, its board the twelve control points not yet assessed; a repeated key answers the same', async () => {
    const seq = await server.store.latestChangeSeq();
    const headers = { 'Idempotency-Key': 'unit-create-1' };
    const res = await server.call('admin', 'POST', '/api/units', kultur, headers);
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as Unit;
    expect(created).toMatchObject({ id: 'kultur', nameEn: 'Culture Administration', archived: false, example: false, version: 1 });
    const again = await server.call('admin', 'POST', '/api/units', kultur, headers);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(created);
    expect((await unitsAs('admin')).map((u) => u.id).sort()).toEqual(['intraservice', 'kultur']);
    const board = (await (await server.call('admin', 'GET', '/api/board?unit=kultur')).json()) as BoardView;
    expect(board.year).toBe(2026);
    expect(board.controlPoints).toHaveLength(12);
    expect(board.controlPoints.every((cp) => cp.dpo === null && cp.unitStatus === null)).toBe(true);
    const log = await changesSince(seq);
    expect(log.map((c) => [c.kind, c.unitId, c.source, c.actorId])).toEqual([['unit.created', 'kultur', 'api', 'admin']]);
  });

  it('refuses creating to a DPO of one unit, a CISO and a reader (403), and bad input with words in both languages', async () => {
    const seq = await server.store.latestChangeSeq();
    for (const who of ['dpo-a', 'ciso-a', 'reader']) {
      const [status, error] = await failure(await server.call(who, 'POST', '/api/units', { ...kultur, id: `ny-${who}` }));
      expect([who, status, error.code]).toEqual([who, 403, 'forbidden']);
    }
    const [badStatus, bad] = await failure(await server.call('admin', 'POST', '/api/units', { ...kultur, id: 'Kultur Förv' }));
    expect([badStatus, bad.code]).toEqual([400, 'invalid_input']);
    expect(bad.message).toContain('små bokstäver a–z');
    const english = await server.call('admin', 'POST', '/api/units', { ...kultur, id: 'Kultur Förv' }, { 'Accept-Language': 'en' });
    expect((await failure(english))[1].message).toContain('lower-case letters a–z');
    const cases: [unknown, number, string][] = [
      [{ ...kultur, id: A }, 409, 'unit_exists'],
      [{ ...kultur, id: 'ny', owner: 'x' }, 400, 'invalid_input'],
      [{ ...kultur, id: 'ny', responsible: [{ role: 'boss', name: 'B', email: 'b@example.invalid' }] }, 400, 'invalid_input'],
      [{ ...kultur, id: 'ny', responsible: [{ role: 'ciso', name: 'B', email: 'not-an-address' }] }, 400, 'invalid_input'],
      ['{"id":', 400, 'malformed_json'],
    ];
    for (const [payload, status, code] of cases) {
      const [got, error] = await failure(await server.call('admin', 'POST', '/api/units', payload));
      expect([got, error.code]).toEqual([status, code]);
    }
    expect(await changesSince(seq)).toEqual([]);
  });

  it("the unit's DPO renames it and names its people under its version; another unit is 403, a stale version 409", async () => {
    const [before] = (await unitsAs('dpo-a')).filter((u) => u.id === A);
    const people = [{ role: 'editor', name: 'Eddie Tor', email: 'eddie@example.invalid' }];
    const res = await server.call('dpo-a', 'PATCH', `/api/units/${A}`, {
      nameEn: 'Intraservice Administration',
      responsible: people,
      version: before!.version,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ nameEn: 'Intraservice Administration', responsible: people, version: before!.version + 1 });
    const stale = await server.call('dpo-a', 'PATCH', `/api/units/${A}`, { name: 'Ny', version: before!.version });
    expect((await failure(stale))[1].code).toBe('conflict');
    const other = await server.call('dpo-a', 'PATCH', '/api/units/kultur', { name: 'Ny', version: 1 });
    expect(await failure(other)).toMatchObject([403, { code: 'forbidden' }]);
    const cisoTries = await server.call('ciso-a', 'PATCH', `/api/units/${A}`, { name: 'Ny', version: before!.version + 1 });
    expect((await failure(cisoTries))[0]).toBe(403);
    expect((await failure(await server.call('admin', 'PATCH', '/api/units/okand', { name: 'Ny', version: 1 })))[0]).toBe(404);
    expect((await failure(await server.call('admin', 'PATCH', `/api/units/${A}`, { version: 2 })))[0]).toBe(400);
  });

  it('an archived unit stays listed and readable, refuses a status with 409 unit_archived, and takes it again once restored', async () => {
    const [unit] = (await unitsAs('admin')).filter((u) => u.id === A);
    const archive = await server.call('dpo-a', 'PATCH', `/api/units/${A}`, { archived: true, version: unit!.version });
    expect(archive.status).toBe(200);
    expect((await unitsAs('reader')).find((u) => u.id === A)).toMatchObject({ archived: true });
    const board = await server.call('reader', 'GET', `/api/board?unit=${A}`);
    expect(board.status).toBe(200);
    const status = { text: 'Ny status' };
    const refused = await server.call('ciso-a', 'POST', `/api/control-points/4/status-updates?unit=${A}`, status);
    const [code, error] = await failure(refused);
    expect([code, error.code]).toEqual([409, 'unit_archived']);
    expect(error.message).toContain('arkiverad');
    const rename = await server.call('dpo-a', 'PATCH', `/api/units/${A}`, { name: 'Ny', version: unit!.version + 1 });
    expect((await failure(rename))[1].code).toBe('unit_archived');
    const restore = await server.call('dpo-a', 'PATCH', `/api/units/${A}`, { archived: false, version: unit!.version + 1 });
    expect(restore.status).toBe(200);
    const accepted = await server.call('ciso-a', 'POST', `/api/control-points/4/status-updates?unit=${A}`, status);
    expect(accepted.status).toBe(201);
    const kinds = (await server.store.changesSince(0, 1000)).filter((c) => c.unitId === A && c.kind.startsWith('unit.')).map((c) => c.kind);
    expect(kinds).toEqual(['unit.updated', 'unit.archived', 'unit.updated']);
  });
});

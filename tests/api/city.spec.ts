/**
 * GET /api/city (issue 14, item 3): the heat map's data over real HTTP, against the real server and SQLite.
 * Only the units the caller may read are rows (archived ones marked); a cell says what the unit's board says;
 * the trend compares with the unit's year before; a poll that finds nothing new is a 304, and the ETag
 * names the set of units read, so one person's cached view is never another's.
 * Conditional requests as HTTP defines them: https://developer.mozilla.org/docs/Web/HTTP/Headers/If-None-Match
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityView } from '../../src/domain/city.js';
import { grantsEverywhere } from '../../src/domain/roles.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

/** The city's DPO and a CISO in every unit, writing the history the view shows. */
const system = {
  actor: { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo' as const, 'ciso' as const], grants: grantsEverywhere(['dpo', 'ciso']) },
  source: 'api' as const,
};
const at = (iso: string) => ({ ...system, now: new Date(iso) });

let server: TestServer;

beforeAll(async () => {
  // The city's reader reads every unit; the CISO of Norr writes Norr (and reads it and the default unit) only.
  const dataDir = tempDataDir();
  const users = {
    defaultUser: 'stad',
    users: [
      { id: 'stad', displayName: 'Stadens dataskyddsfunktion', roles: ['reader'], units: '*' },
      { id: 'ciso-norr', displayName: 'CISO Norr', roles: ['ciso'], units: ['norr'] },
      { id: 'reader', displayName: 'Läsare', roles: ['reader'] },
      // The bot's Teams users map to these (bot/local-teams-users.json).
      { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo'], units: '*' },
      { id: 'ciso', displayName: 'CISO Intraservice', roles: ['ciso'] },
      { id: 'editor', displayName: 'Redaktör', roles: ['editor'] },
    ],
  };
  fs.writeFileSync(path.join(dataDir, 'users.json'), JSON.stringify(users));
  server = await startTestServer({ LOCAL_USERS_FILE: path.join(dataDir, 'users.json') }, dataDir);
  const { store } = server;
  const unit = (id: string, name: string, nameEn: string, year: number) =>
    store.createUnit({ id, name, nameEn, organisation: 'Göteborgs Stad', year }, at(`${year}-01-10T09:00:00Z`));
  await unit('norr', 'Stadsområde Norr', 'City Area North', 2024);
  await unit('syd', 'Stadsområde Syd', 'City Area South', 2025);
  await unit('gammal', 'Gammal förvaltning', 'Old unit', 2024);
  // Norr: 2024 marks 2 and 3, 2025 marks 4 (up) and 3 (same); an activity due 2025-Q1 still ongoing.
  await store.addAssessment({ unitId: 'norr', year: 2024, controlPoint: 1, level: 2, comment: '' }, at('2024-10-01T09:00:00Z'));
  await store.addAssessment({ unitId: 'norr', year: 2024, controlPoint: 2, level: 3, comment: '' }, at('2024-10-01T09:00:00Z'));
  await store.startYear({ unitId: 'norr', year: 2025 }, at('2025-01-10T09:00:00Z'));
  await store.addAssessment({ unitId: 'norr', year: 2025, controlPoint: 1, level: 4, comment: 'bättre' }, at('2025-10-01T09:00:00Z'));
  await store.addAssessment({ unitId: 'norr', year: 2025, controlPoint: 2, level: 3, comment: '' }, at('2025-10-01T09:00:00Z'));
  await store.createActivity(
    { unitId: 'norr', controlPoint: 2, text: 'Rutin för incidenter', state: 'ongoing', dueFrom: null, dueTo: '2025-Q1', workPackage: null },
    at('2025-01-11T09:00:00Z'),
  );
  const old = (await store.listUnits()).find((u) => u.id === 'gammal')!;
  await store.updateUnit('gammal', { archived: true, expectedVersion: old.version }, at('2025-02-01T09:00:00Z'));
});

afterAll(() => server.dispose());

async function city(user: string, query = '', headers: Record<string, string> = {}) {
  const res = await server.call(user, 'GET', `/api/city${query}`, undefined, headers);
  return { res, view: res.status === 200 ? ((await res.json()) as CityView) : null };
}
const rowOf = (view: CityView, id: string) => view.rows.find((r) => r.unit.id === id)!;

describe('the city view over HTTP', () => {
  it('shows every unit the caller reads, archived ones marked, in the newest year any of them has', async () => {
    const { res, view } = await city('stad');
    expect(res.status).toBe(200);
    expect(view!.year).toBe(2025);
    expect(view!.years).toEqual([2023, 2024, 2025]);
    expect(view!.rows.map((r) => r.unit.id).sort()).toEqual(['gammal', 'intraservice', 'norr', 'syd']);
    expect(view!.rows.at(-1)!.unit).toMatchObject({ id: 'gammal', archived: true, example: false, nameEn: 'Old unit' });
    expect(view!.controlPoints).toHaveLength(12);
    expect(view!.controlPoints[3]).toEqual({ number: 4, title: 'Register över personuppgiftsbehandlingar' });
    expect(view!.summary).toHaveLength(12);
    expect(view!.levels).toHaveLength(5);
  });

  it('states a unit without the year as a row with no year and empty cells', async () => {
    const { view } = await city('stad');
    const intraservice = rowOf(view!, 'intraservice');
    expect(intraservice.year).toBeNull();
    expect(intraservice.cells).toHaveLength(12);
    expect(intraservice.cells.every((c) => c.level === null && c.trend === null)).toBe(true);
    expect(view!.summary[0]!.notAssessed).toBe(3);
    expect(view!.summary[0]!.counts[4]).toBe(1);
  });

  it('gives each cell the mark of the unit’s board, its interpretation, focus and overdue work', async () => {
    const { view } = await city('stad', '?year=2023');
    const row = rowOf(view!, 'intraservice');
    const board = (await (await server.call('stad', 'GET', '/api/board?unit=intraservice&year=2023')).json()) as {
      controlPoints: { number: number; focus: boolean; dpo: { level: number; interpreted: boolean } | null }[];
    };
    expect(row.year).toBe(2023);
    expect(row.cells.map((c) => c.level)).toEqual(board.controlPoints.map((c) => c.dpo?.level ?? null));
    expect(row.cells.map((c) => c.interpreted)).toEqual(board.controlPoints.map((c) => c.dpo?.interpreted ?? false));
    expect(row.focus).toEqual([1, 4, 7]);
    expect(row.cells.filter((c) => c.focus).map((c) => c.controlPoint)).toEqual([1, 4, 7]);
    expect(row.cells[3]!.workPackages).toEqual(['Systemstod']);
    expect(rowOf(view!, 'norr').year).toBeNull();
  });

  it('compares with the unit’s year before: up, same, and new; overdue activities counted', async () => {
    const { view } = await city('stad', '?year=2025');
    const norr = rowOf(view!, 'norr');
    expect(norr.cells[0]).toMatchObject({ level: 4, previousLevel: 2, trend: 'up' });
    expect(norr.cells[1]).toMatchObject({ level: 3, previousLevel: 3, trend: 'same' });
    expect(norr.cells[2]).toMatchObject({ level: null, previousLevel: null, trend: null });
    expect(norr.cells[1]!.overdue).toBeGreaterThanOrEqual(1);
    expect(norr.overdue).toBe(norr.cells.reduce((n, c) => n + c.overdue, 0));
    expect(rowOf(view!, 'syd').cells.every((c) => c.level === null)).toBe(true);
  });

  it('leaves out the units the caller may not read', async () => {
    const { view } = await city('ciso-norr');
    expect(view!.rows.map((r) => r.unit.id).sort()).toEqual(['intraservice', 'norr']);
    const { view: readerView } = await city('reader');
    expect(readerView!.rows.map((r) => r.unit.id)).toEqual(['intraservice']);
  });

  it('answers a poll with 304 while nothing changed, and never with another person’s view', async () => {
    const first = await city('stad');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"city-/);
    expect(first.res.headers.get('cache-control')).toBe('no-cache');
    expect((await city('stad', '', { 'If-None-Match': etag })).res.status).toBe(304);
    const other = await city('ciso-norr', '', { 'If-None-Match': etag });
    expect(other.res.status).toBe(200);
    expect(other.res.headers.get('etag')).not.toBe(etag);
  });

  it('moves its ETag when a unit’s board changes, and shows the change', async () => {
    const before = (await city('stad')).res.headers.get('etag')!;
    await server.store.addAssessment({ unitId: 'syd', year: 2025, controlPoint: 6, level: 2, comment: '' }, at('2025-10-02T09:00:00Z'));
    const after = await city('stad', '', { 'If-None-Match': before });
    expect(after.res.status).toBe(200);
    expect(rowOf(after.view!, 'syd').cells[5]).toMatchObject({ level: 2, trend: 'new' });
  });

  it('refuses a year that is no year, and an unknown caller', async () => {
    const bad = await city('stad', '?year=20x5');
    expect(bad.res.status).toBe(400);
    expect(((await bad.res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    expect((await server.call(null, 'GET', '/api/city')).status).toBe(401);
  });

  it('states every unit as not having a year none of them has', async () => {
    const { view } = await city('stad', '?year=2030');
    expect(view!.year).toBe(2030);
    expect(view!.rows.every((r) => r.year === null)).toBe(true);
    expect(view!.summary.every((s) => s.notAssessed === view!.rows.length && s.median === null)).toBe(true);
  });
});

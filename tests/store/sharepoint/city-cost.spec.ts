/**
 * What the city-wide view costs in Graph (STORE=sharepoint, issue 14 item 6): GET /api/city as the server
 * wires it (the API router over SyncedReadStore over the SharePoint store, against the local Graph test
 * server) reads each unit's board from synced state, so many people opening the city view cost what one
 * costs: after a sync, one shared read of what moved, then nothing until the synced state moves again.
 * Requests are counted at the Graph test server (a JSON $batch counts once,
 * https://learn.microsoft.com/en-us/graph/json-batching). Direct edits as SharePoint records them
 * (lastModifiedBy), found by the shared sync (https://learn.microsoft.com/en-us/graph/api/listitem-delta).
 */
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../../src/api/router.js';
import type { CityView } from '../../../src/domain/city.js';
import { grantsEverywhere } from '../../../src/domain/roles.js';
import { LocalDirectory, localIdentity } from '../../../src/identity/index.js';
import type { BoardStore } from '../../../src/store/port.js';
import { type DirectEdits } from '../../../src/store/sharepoint/direct-edits.js';
import { anna } from './editors.js';
import { type Harness } from './harness.js';
import { startSyncedSite } from './synced-site.js';

const VIEWERS = 20;
/** The API's day: the report's activities due by mid-2025 are overdue. */
const TODAY = new Date('2026-01-15T09:00:00Z');
const writer = {
  actor: { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo' as const, 'ciso' as const], grants: grantsEverywhere(['dpo', 'ciso']) },
  source: 'api' as const,
};
const at = (iso: string) => ({ ...writer, now: new Date(iso) });

describe('the city view does not cost Graph requests per viewer', { timeout: 120_000 }, () => {
  let h: Harness;
  let edits: DirectEdits;
  let store: BoardStore;
  let http: Server;
  let url: string;

  beforeAll(async () => {
    ({ h, edits, store } = await startSyncedSite());
    const unit = (id: string, name: string, year: number) =>
      store.createUnit({ id, name, nameEn: name, organisation: 'Göteborgs Stad', year }, at(`${year}-01-10T09:00:00Z`));
    await unit('norr', 'Stadsområde Norr', 2023);
    await unit('syd', 'Stadsområde Syd', 2024);
    await store.addAssessment({ unitId: 'norr', year: 2023, controlPoint: 1, level: 2, comment: '' }, at('2023-10-01T09:00:00Z'));
    await store.startYear({ unitId: 'norr', year: 2024 }, at('2024-01-10T09:00:00Z'));
    await store.addAssessment({ unitId: 'norr', year: 2024, controlPoint: 1, level: 3, comment: '' }, at('2024-10-01T09:00:00Z'));
    await edits.schedule.poke();

    // The city's reader reads every unit; the CISO of Norr reads Norr and the default unit: two sets of units.
    const directory = new LocalDirectory([
      { id: 'stad', displayName: 'Stadens dataskyddsfunktion', roles: ['reader'], units: '*' },
      { id: 'ciso-norr', displayName: 'CISO Norr', roles: ['ciso'], units: ['norr'] },
    ]);
    const identity = localIdentity(directory, { units: store });
    const app = express();
    app.use('/api', createApiRouter({ store, identity, defaultUnit: 'intraservice', now: () => TODAY }));
    http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    await h.dispose();
  });

  async function open(person: number, query = ''): Promise<CityView> {
    const res = await fetch(`${url}/api/city${query}`, { headers: { 'X-Local-User': person % 2 === 0 ? 'stad' : 'ciso-norr' } });
    expect(res.status).toBe(200);
    return (await res.json()) as CityView;
  }
  const everyone = (n: number, query = '') => Promise.all(Array.from({ length: n }, (_, i) => open(i, query)));

  it('one viewer and twenty cost the same: after the first shared read, nothing until the state moves', async () => {
    let from = h.server.requests.length;
    const [first] = await everyone(1);
    expect(h.server.countSince(from)).toBeGreaterThan(0);
    expect(first!.rows.map((r) => r.unit.id).sort()).toEqual(['intraservice', 'norr', 'syd']);
    expect(first!.rows.find((r) => r.unit.id === 'norr')!.cells[0]).toMatchObject({ level: 3, previousLevel: 2, trend: 'up' });

    from = h.server.requests.length;
    const many = await everyone(VIEWERS);
    expect(h.server.countSince(from)).toBe(0);
    expect(many.filter((_, i) => i % 2 === 1).every((v) => v.rows.length === 2)).toBe(true);

    // A sync that saw nothing new keeps the state: still nothing per viewer.
    await edits.schedule.poke();
    from = h.server.requests.length;
    await everyone(VIEWERS);
    expect(h.server.countSince(from)).toBe(0);
  });

  // The report's year, where Intraservice has its activities (the newest year is 2024, which it has not started).
  const REPORT_YEAR = '?year=2023';

  it('a direct edit reaches every viewer after one sync, with one re-read shared by all, however many look', async () => {
    await everyone(1, REPORT_YEAR);
    const overdue = (v: CityView) => v.rows.find((r) => r.unit.id === 'intraservice')!.overdue;
    const before = overdue((await everyone(1, REPORT_YEAR))[0]!);
    // Activities of the report due by 2025-Q2 and not done: overdue on the API's day (2026-01-15).
    const late = h.server
      .items('DPO Aktiviteter')
      .filter((i) => i.fields.UnitKey === 'intraservice' && i.fields.State !== 'Klar' && /^2025-Q[12]$/.test(String(i.fields.DueTo)));
    expect(late.length).toBeGreaterThan(1);
    expect(before).toBeGreaterThanOrEqual(late.length);

    h.server.userEdit('DPO Aktiviteter', late[0]!.id, { State: 'Klar' }, anna);
    await edits.schedule.poke();
    let from = h.server.requests.length;
    const seen = await everyone(VIEWERS, REPORT_YEAR);
    const many = h.server.countSince(from);

    h.server.userEdit('DPO Aktiviteter', late[1]!.id, { State: 'Klar' }, anna);
    await edits.schedule.poke();
    from = h.server.requests.length;
    await everyone(1, REPORT_YEAR);
    const one = h.server.countSince(from);

    expect(many).toBeGreaterThan(0);
    expect(many).toBe(one);
    expect(seen.every((v) => v.rows.some((r) => r.unit.id === 'intraservice'))).toBe(true);
    expect(overdue(seen[0]!)).toBeLessThan(before);
  });

  it('the re-read after a change does not grow with the units, only with pages of rows: the city is one read of the board lists (getAllBoards)', async () => {
    const costOfOneChange = async () => {
      const row = h.server.items('DPO Aktiviteter').find((i) => i.fields.UnitKey === 'intraservice')!;
      h.server.userEdit('DPO Aktiviteter', row.id, { ActivityText: `Aktivitet ändrad i listan (${h.server.requests.length})` }, anna);
      await edits.schedule.poke();
      const from = h.server.requests.length;
      await everyone(VIEWERS, REPORT_YEAR);
      return h.server.countSince(from);
    };
    const withThree = await costOfOneChange();
    for (const n of [1, 2, 3, 4, 5]) {
      await store.createUnit(
        { id: `extra-${n}`, name: `Förvaltning ${n}`, nameEn: `Unit ${n}`, organisation: 'Göteborgs Stad', year: 2023 },
        at('2023-02-01T09:00:00Z'),
      );
      await store.addAssessment({ unitId: `extra-${n}`, year: 2023, controlPoint: 2, level: n, comment: '' }, at('2023-10-01T09:00:00Z'));
    }
    await edits.schedule.poke();
    await everyone(1, REPORT_YEAR);
    const withEight = await costOfOneChange();
    const view = (await everyone(1, REPORT_YEAR))[0]!;
    expect(view.rows).toHaveLength(8);
    expect(view.rows.find((r) => r.unit.id === 'extra-4')!.cells[1]).toMatchObject({ level: 4 });
    // Read unit by unit, each unit's boards were a batch or more of their own (28 requests for three units).
    // Read at once, five more units add only the further pages of the lists' rows (this server's pages hold
    // 20 rows; Graph's hold up to $top=999): fewer requests than units added.
    expect(withThree).toBeGreaterThan(0);
    expect(withEight - withThree).toBeLessThan(5);
  });

  it('getAllBoards gives each unit and year exactly as getBoardData reads that board', async () => {
    const all = await h.store.getAllBoards();
    const units = await h.store.listUnits();
    expect(Object.keys(all).sort()).toEqual(units.map((u) => u.id).sort());
    for (const unit of units) {
      const years = await h.store.listYears(unit.id);
      expect(all[unit.id]!.map((b) => b.year)).toEqual(years);
      for (const year of years) expect(all[unit.id]!.find((b) => b.year === year)).toEqual(await h.store.getBoardData(unit.id, year));
    }
  });
});

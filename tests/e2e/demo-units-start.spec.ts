/**
 * A fresh start with example units, the way the checker does it (issue 14, "How it will be checked"):
 * an empty DATA_DIR, `npm run seed -- --demo-units 12` as a command line, then the server as its own process
 * (`node --import tsx src/server.ts`, wall-clock digest and reminders off). The units, the city view and a CISO
 * of an example unit trying to write the report's unit are asked over HTTP as the tab asks.
 *
 * In SharePoint mode, the same seed command line runs against the strict Graph test server
 * (tests/graph/graph-test-server.ts, which follows https://learn.microsoft.com/en-us/graph/api/listitem-create
 * and https://learn.microsoft.com/en-us/graph/json-batching): every example unit goes in, a second run adds
 * nothing, and no request of the seed is refused.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityView } from '../../src/domain/city.js';
import type { Unit } from '../../src/domain/model.js';
import { GraphTestServer } from '../graph/graph-test-server.js';
import { testCert } from '../graph/tls.js';
import { tempDataDir, WALL_CLOCK_SCHEDULE_OFF } from '../helpers/server.js';
import { ROOT, startInstance, type Instance } from './instances.js';

const run = promisify(execFile);
const seed = async (env: NodeJS.ProcessEnv, ...args: string[]) =>
  (await run(process.execPath, ['--import', 'tsx', 'src/store/seed-cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' })).stdout;

describe('a fresh start with npm run seed -- --demo-units 12 (SQLite)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let app: Instance;
  const get = async <T>(user: string, path: string): Promise<T> => {
    const res = await fetch(app.url + path, { headers: { 'X-Local-User': user } });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    env = { ...process.env, ...WALL_CLOCK_SCHEDULE_OFF, NODE_ENV: 'test', STORE: 'sqlite', DATA_DIR: dataDir };
    const first = await seed(env, '--demo-units', '12');
    expect(first).toMatch(/seed: added .*"units":1,/);
    expect(first).toMatch(/seed: example units exempel-01\.\.exempel-12 added .*"units":12,"years":36,/);
    const again = await seed(env, '--demo-units', '12');
    expect(again).toMatch(/nothing to add, the store already holds the report/);
    expect(again).toMatch(/nothing to add, the store already holds the 12 example units/);
    app = await startInstance('demo-units', env);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists 13 units: the report’s and 12 marked as examples', async () => {
    const { units } = await get<{ units: Unit[] }>('dpo', '/api/units');
    expect(units).toHaveLength(13);
    expect(
      units
        .filter((u) => u.example)
        .map((u) => u.id)
        .sort(),
    ).toEqual(Array.from({ length: 12 }, (_, i) => `exempel-${String(i + 1).padStart(2, '0')}`));
    expect(units.find((u) => !u.example)).toMatchObject({ id: 'intraservice', name: 'Intraservice', archived: false });
    for (const u of units.filter((x) => x.example)) {
      expect(u.name).toMatch(/^Exempel \d\d – /);
      expect(u.nameEn).toMatch(/^Example \d\d – /);
    }
  });

  it('shows 13 rows in the city view, each example unit with its marks, its history and its focus areas', async () => {
    const city = await get<CityView>('dpo', '/api/city');
    expect(city.year).toBe(2023);
    expect(city.years).toEqual([2021, 2022, 2023]);
    expect(city.rows).toHaveLength(13);
    const examples = city.rows.filter((r) => r.unit.example);
    expect(examples).toHaveLength(12);
    for (const row of examples) {
      expect(row.cells).toHaveLength(12);
      expect(row.focus).toHaveLength(3);
      expect(row.cells.filter((c) => c.level !== null).length).toBeGreaterThan(6);
      expect(row.cells.some((c) => c.previousLevel !== null)).toBe(true);
    }
    // The generated work is due around its fixed date (2024-11-30), so today some of it is overdue.
    expect(examples.some((r) => r.overdue > 0)).toBe(true);
  });

  it('refuses a CISO of exempel-01 writing the report’s unit (403, nothing stored), and takes the same write in exempel-01', async () => {
    const write = (unit: string) =>
      fetch(`${app.url}/api/control-points/4/status-updates?unit=${unit}`, {
        method: 'POST',
        headers: { 'X-Local-User': 'ciso-exempel', 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'Status från fel förvaltning' }),
      });
    const statuses = async (unit: string) =>
      (await get<{ statusUpdates: unknown[] }>('dpo', `/api/control-points/4?unit=${unit}`)).statusUpdates.length;
    const before = await statuses('intraservice');
    const refused = await write('intraservice');
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/\n\s+at |\/work\//);
    expect(await statuses('intraservice')).toBe(before);
    const own = await statuses('exempel-01');
    expect((await write('exempel-01')).status).toBe(201);
    expect(await statuses('exempel-01')).toBe(own + 1);
  });
});

describe('npm run seed -- --demo-units against the strict Graph test server (SharePoint)', () => {
  let server: GraphTestServer;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await new GraphTestServer({ pageSize: 5, emptyFirstPages: true }).start();
    dataDir = tempDataDir();
    env = {
      ...process.env,
      NODE_ENV: 'test',
      STORE: 'sharepoint',
      GRAPH_BASE_URL: server.url,
      GRAPH_TOKEN: server.token,
      SHAREPOINT_SITE_URL: server.siteUrl,
      DATA_DIR: dataDir,
      // The test server's throwaway certificate, trusted by these processes only.
      NODE_EXTRA_CA_CERTS: testCert().certFile,
    };
    await run(process.execPath, ['--import', 'tsx', 'src/store/sharepoint/provision-cli.ts'], { cwd: ROOT, env });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports each example unit with its years once; a second run adds nothing', { timeout: 240_000 }, async () => {
    const from = server.requests.length;
    expect(await seed(env, '--demo-units', '2', '--years', '2')).toMatch(
      /example units exempel-01\.\.exempel-02 added .*"units":2,"years":4,/,
    );
    const units = server.items('DPO Förvaltningar').map((i) => i.fields);
    expect(units.map((f) => [f.UnitKey, f.Example === true]).sort()).toEqual([
      ['exempel-01', true],
      ['exempel-02', true],
      ['intraservice', false],
    ]);
    expect(units.find((f) => f.UnitKey === 'exempel-01')).toMatchObject({ Title: 'Exempel 01 – Kulturförvaltningen' });
    const ofUnit = (list: string, unit: string) => server.items(list).filter((i) => i.fields.UnitKey === unit);
    expect(ofUnit('DPO Kontrollpunkter', 'exempel-02')).toHaveLength(12);
    expect(ofUnit('DPO Statusuppdateringar', 'exempel-02')).toHaveLength(24);
    const items = () => [...server.lists.values()].map((l) => server.items(l.displayName).length);
    const seeded = items();

    expect(await seed(env, '--demo-units', '2', '--years', '2')).toMatch(/nothing to add, the store already holds the 2 example units/);
    expect(items()).toEqual(seeded);
    expect(server.requests.slice(from).filter((r) => r.status >= 400)).toEqual([]);
  });
});

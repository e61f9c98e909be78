/**
 * First contact with a site that follows the documentation to the letter: `npm run provision` and
 * `npm run seed`, each run twice as a deployer runs them (the CLIs as child processes, STORE=sharepoint,
 * against the strict Graph test server), give the same lists, columns and items, with no duplicates,
 * and no request of theirs is refused.
 *
 * What the strict server holds back (hidden columns, hidden field values, unselected properties, page
 * sizes, batch order): tests/graph/graph-test-server.ts and docs/graph-calls.md.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { listDefinitions } from '../../../src/store/sharepoint/schema.js';
import { GraphTestServer } from '../../graph/graph-test-server.js';
import { testCert } from '../../graph/tls.js';
import { tempDataDir } from '../../helpers/server.js';

const run = promisify(execFile);

/** Everything a person would see on the site: lists, their columns and their items (ids included). */
function siteContents(server: GraphTestServer) {
  return [...server.lists.values()]
    .map((l) => ({
      list: l.displayName,
      hidden: l.hidden,
      columns: l.columns.map((c) => ({
        name: c.name,
        displayName: c.displayName,
        hidden: c.hidden,
        indexed: c.indexed,
        required: c.required,
        type: c.def,
      })),
      items: server.items(l.displayName).map((i) => ({ id: i.id, fields: i.fields })),
    }))
    .sort((a, b) => a.list.localeCompare(b.list));
}

describe('npm run provision and npm run seed against a Graph that follows the documentation', () => {
  let server: GraphTestServer;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const cli = async (script: string) => (await run(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8' })).stdout;

  beforeAll(async () => {
    server = await new GraphTestServer({ pageSize: 3, emptyFirstPages: true }).start();
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
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('provisions every list and column on the first run, and finds them all on the second', { timeout: 180_000 }, async () => {
    const defs = listDefinitions(DEFAULT_SCALE);
    expect(await cli('src/store/sharepoint/provision-cli.ts')).toMatch(new RegExp(`${defs.length} lists created`));
    const first = siteContents(server);
    expect(await cli('src/store/sharepoint/provision-cli.ts')).toMatch(/already has every list and column/);
    expect(siteContents(server)).toEqual(first);
    for (const def of defs) {
      const columns = server.list(def.displayName).columns;
      expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
      // The hidden columns the app keeps (snapshots, versions, request ids) exist once each, still hidden.
      for (const want of def.columns.filter((c) => c.hidden))
        expect(columns.filter((c) => c.name === want.name && c.hidden)).toHaveLength(1);
    }
    expect(server.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('seeds the report once; a second seed adds nothing and duplicates nothing', { timeout: 180_000 }, async () => {
    expect(await cli('src/store/seed-cli.ts')).toMatch(/seed: added .*"controlPoints":12.*"instructions":31/);
    const seeded = siteContents(server);
    expect(await cli('src/store/seed-cli.ts')).toMatch(/nothing to add/);
    expect(siteContents(server)).toEqual(seeded);
    const count = (list: string) => server.items(list).length;
    expect(count('DPO Kontrollpunkter')).toBe(12);
    expect(count('DPO Anvisningar')).toBe(31);
    expect(count('DPO Förvaltningar')).toBe(1);
    for (const list of ['DPO Bedömningar', 'DPO Statusuppdateringar', 'DPO Aktiviteter', 'DPO Utbildningar', 'DPO Delprojekt']) {
      const keys = server.items(list).map((i) => i.fields.SeedKey);
      expect(new Set(keys).size, list).toBe(keys.length);
    }
    expect(server.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('provisioning after the seed changes nothing, items included', { timeout: 180_000 }, async () => {
    const before = siteContents(server);
    expect(await cli('src/store/sharepoint/provision-cli.ts')).toMatch(/already has every list and column/);
    expect(siteContents(server)).toEqual(before);
  });
});

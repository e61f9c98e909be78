/**
 * Two DPOs press Save on the scale setup at the same moment, on two server instances over one SQLite file
 * (issue 12 item 1): both from version 0, so one is saved (200) and the other is told 409, as a stale version
 * is. One scale.changed is logged. The store-level race, on SQLite and SharePoint: tests/store/scale-setup-race.spec.ts.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

let first: TestServer;
let second: TestServer;
const dir = tempDataDir();

beforeAll(async () => {
  first = await startTestServer({}, dir);
  second = await startTestServer({}, dir);
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('two saves of the scale setup at once on two instances', () => {
  it('saves one and answers the other 409; one scale.changed is logged', async () => {
    const labels = ['Svag', 'Låg', 'Medel', 'God', 'Stark'].map((sv, i) => ({ sv, en: ['Weak', 'Low', 'Medium', 'Good', 'Strong'][i] }));
    const cursor = await first.store.latestChangeSeq();
    const answers = await Promise.all([
      first.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowRight', labels: null, version: 0 }),
      second.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowLeft', labels, version: 0 }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = (await answers.find((r) => r.status === 409)!.json()) as { error: { code: string } };
    expect(refused.error.code).toBe('conflict');
    const changes = await first.store.changesSince(cursor, 10_000);
    expect(changes.filter((c) => c.kind === 'scale.changed')).toHaveLength(1);
    const setup = (await (await first.call('reader', 'GET', '/api/scale/setup')).json()) as { setup: { version: number }; log: unknown[] };
    expect(setup.setup.version).toBe(1);
    expect(setup.log).toHaveLength(1);
  });
});

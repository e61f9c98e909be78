/**
 * Two server instances on one SQLite file (issue 12, item 1): a change of the scale setup made on one
 * is followed by the other through the change log (scale.changed), never by a process-local copy that
 * stays as it was read at start. The second instance's change feed is driven by hand (its timer is
 * stopped), so the test decides when it has read the log.
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
  second.feed.stop();
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = async (res: Response): Promise<any> => res.json();
const labelsOn = async (server: TestServer) =>
  (await json(await server.call('reader', 'GET', '/api/board'))).scale.levels.map((l: any) => l.label.sv) as string[];

/** Lets the instance's change feed read the log up to `seq`, its listeners included. */
async function readLogUpTo(server: TestServer, seq: number): Promise<void> {
  while (server.feed.position < seq) await server.feed.poke();
  await server.feed.poke();
}

describe('a second instance on the same store', () => {
  it('follows the DPO’s new labels once its change feed has read scale.changed, even with the old board cached', async () => {
    expect(await labelsOn(second)).toEqual(['Nivå 1 av 5', 'Nivå 2 av 5', 'Nivå 3 av 5', 'Nivå 4 av 5', 'Nivå 5 av 5']);
    const labels = ['Svag', 'Låg', 'Medel', 'God', 'Stark'].map((sv, i) => ({ sv, en: ['Weak', 'Low', 'Medium', 'Good', 'Strong'][i] }));
    const res = await first.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowLeft', labels, version: 0 });
    expect(res.status).toBe(200);
    // Read before the second instance followed: a board of either scale may be cached now.
    await labelsOn(second);
    await readLogUpTo(second, await first.store.latestChangeSeq());
    expect(await labelsOn(second)).toEqual(['Svag', 'Låg', 'Medel', 'God', 'Stark']);
    expect(second.store.scale.levels[4]!.label.en).toBe('Strong');
    const setup = await json(await second.call('reader', 'GET', '/api/scale/setup'));
    expect(setup.setup).toMatchObject({ version: 1, changedBy: 'dpo' });
    expect(setup.log).toHaveLength(1);
  });

  it('refuses a change made on the second instance from the version it read before the first changed it', async () => {
    const stale = await second.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowRight', labels: null, version: 0 });
    expect(stale.status).toBe(409);
    const turned = await second.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowRight', labels: null, version: 1 });
    expect(turned.status).toBe(200);
    await readLogUpTo(first, await second.store.latestChangeSeq());
    expect(await labelsOn(first)).toEqual(['Nivå 1 av 5', 'Nivå 2 av 5', 'Nivå 3 av 5', 'Nivå 4 av 5', 'Nivå 5 av 5']);
    const cp1 = (await json(await first.call('reader', 'GET', '/api/board'))).controlPoints.find((c: any) => c.number === 1);
    expect(cp1.dpo).toMatchObject({ level: 1, interpreted: true });
  });
});

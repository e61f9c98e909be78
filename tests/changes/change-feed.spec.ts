import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../src/changes/change-feed.js';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { seedContext } from '../../src/store/open.js';
import type { BoardStore } from '../../src/store/port.js';
import { readSeedFile } from '../../src/store/seed.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

const dpo = { id: 'dpo', displayName: 'DPO', roles: ['dpo' as const], grants: [{ role: 'dpo' as const, units: '*' as const }] };
const assess = (store: BoardStore, level: number) =>
  store.addAssessment(
    { unitId: 'intraservice', year: 2023, controlPoint: 2, level, comment: '' },
    { actor: dpo, source: 'api', now: new Date() },
  );

describe('the change feed', () => {
  let dir: string;
  let store: BoardStore;
  let feed: ChangeFeed;

  beforeEach(async () => {
    dir = tempDataDir();
    store = openSqliteStore({ file: path.join(dir, 'b.sqlite'), scale: DEFAULT_SCALE });
    await store.importSeed(readSeedFile(), seedContext());
    feed = new ChangeFeed(store, { intervalMs: 60_000 });
    await feed.start();
  });
  afterEach(async () => {
    feed.stop();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hands subscribers only what changed after it started, in order, once', async () => {
    const seen: ChangeRecord[] = [];
    feed.subscribe((batch) => {
      seen.push(...batch);
    });
    await assess(store, 2);
    await assess(store, 3);
    await Promise.all([feed.poke(), feed.poke(), feed.poke()]);
    await feed.poke();
    expect(seen.map((c) => (c.after as { level: number }).level)).toEqual([2, 3]);
    expect(feed.position).toBe(await store.latestChangeSeq());
  });

  it('reads the log by itself on its interval', async () => {
    const quick = new ChangeFeed(store, { intervalMs: 20 });
    await quick.start();
    const arrived = new Promise<ChangeRecord[]>((resolve) => quick.subscribe(resolve));
    await assess(store, 4);
    expect((await arrived)[0]?.kind).toBe('assessment.added');
    quick.stop();
  });

  it('reports a failing subscriber and still serves the others', async () => {
    const errors: unknown[] = [];
    const failing = new ChangeFeed(store, { intervalMs: 60_000, onError: (e) => errors.push(e) });
    await failing.start();
    const good: ChangeRecord[] = [];
    failing.subscribe(() => {
      throw new Error('channel down');
    });
    failing.subscribe((batch) => {
      good.push(...batch);
    });
    await assess(store, 5);
    await failing.poke();
    expect(good).toHaveLength(1);
    expect(String(errors[0])).toMatch(/channel down/);
    failing.stop();
  });
});

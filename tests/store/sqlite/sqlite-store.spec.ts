import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { seedContext } from '../../../src/store/open.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { tempDataDir } from '../../helpers/server.js';
import { describeStoreContract } from '../contract.js';
import { describeYearContract } from '../year-contract.js';
import Database from 'better-sqlite3';

describeStoreContract('SQLite file', async () => {
  const dir = tempDataDir();
  const store = openSqliteStore({ file: path.join(dir, 'board.sqlite'), scale: DEFAULT_SCALE });
  return {
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeYearContract('SQLite file', async () => {
  const dir = tempDataDir();
  const store = openSqliteStore({ file: path.join(dir, 'board.sqlite'), scale: DEFAULT_SCALE });
  return {
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite file specifics', () => {
  it('uses WAL and records the schema version', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'board.sqlite');
    const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data when reopened, and migrations do not run twice', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'board.sqlite');
    const first = openSqliteStore({ file, scale: DEFAULT_SCALE });
    await first.importSeed(readSeedFile(), seedContext());
    const seq = await first.latestChangeSeq();
    await first.close();
    const second = openSqliteStore({ file, scale: DEFAULT_SCALE });
    expect(await second.latestChangeSeq()).toBe(seq);
    expect((await second.getBoardData('intraservice')).controlPoints).toHaveLength(12);
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a write that fails half way leaves nothing behind', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'board.sqlite');
    const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
    await store.importSeed(readSeedFile(), seedContext());
    const seq = await store.latestChangeSeq();
    // Break the change log so the second statement of the write transaction fails.
    const db = new Database(file);
    db.exec("CREATE TRIGGER no_changes BEFORE INSERT ON changes BEGIN SELECT RAISE(ABORT, 'log unavailable'); END;");
    db.close();
    const dpo = { id: 'dpo', displayName: 'DPO', roles: ['dpo' as const], grants: [{ role: 'dpo' as const, units: '*' as const }] };
    await expect(
      store.addAssessment(
        { unitId: 'intraservice', year: 2023, controlPoint: 3, level: 4, comment: '' },
        { actor: dpo, source: 'api', now: new Date() },
      ),
    ).rejects.toThrow(/log unavailable/);
    expect((await store.getControlPointData('intraservice', 3)).assessments).toHaveLength(1);
    expect(await store.latestChangeSeq()).toBe(seq);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { MIGRATIONS, migrate } from '../../../src/store/sqlite/migrations.js';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../../helpers/server.js';
import { describeAppStateContract } from '../app-state-contract.js';

describeAppStateContract('SQLite file', async () => {
  const dir = tempDataDir();
  const file = path.join(dir, 'board.sqlite');
  let store: SqliteStore = openSqliteStore({ file, scale: DEFAULT_SCALE });
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = openSqliteStore({ file, scale: DEFAULT_SCALE });
      return store;
    },
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('migration 2 (app state)', () => {
  it('upgrades a database made by migration 1 alone, keeping its data', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'old.sqlite');
    const db = new Database(file);
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO units (id, name, organisation) VALUES ('u', 'Unit', 'Org')").run();
    expect(migrate(db)).toBe(MIGRATIONS.length - 1);
    expect(db.prepare('SELECT name FROM units').get()).toEqual({ name: 'Unit' });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'app_%' ORDER BY name").all();
    expect(tables).toEqual([{ name: 'app_claims' }, { name: 'app_conversations' }, { name: 'app_cursors' }, { name: 'app_settings' }]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * A seeded SQLite file with the report's unit (Intraservice) and `n` example units (seedCity: the demo
 * units' deterministic plan, src/store/demo-units.ts), for the city report specs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { seedCity } from '../../src/store/demo-units.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

export interface CityStore {
  store: SqliteStore;
  dataDir: string;
  dispose(): Promise<void>;
}

/** Seeds `file` (default: a new temp dir's dpo-board.sqlite, the server's file) with the report and n example units of `years` years. */
export async function seedCityFile(file: string, n: number, years = 2): Promise<void> {
  const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
  try {
    await seedCity(store, { units: n, years });
  } finally {
    await store.close();
  }
}

export async function cityStore(n: number, years = 2): Promise<CityStore> {
  const dataDir = tempDataDir();
  const file = path.join(dataDir, 'dpo-board.sqlite');
  await seedCityFile(file, n, years);
  const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

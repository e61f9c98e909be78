/**
 * The benches' city case (issue 14, item 6): the report's unit and N example units with Y years of
 * history each (default 40 × 5), in a temp SQLite store. The data is the demo units' plan
 * (src/store/demo-units.ts), so the bench measures the same data `npm run seed -- --demo-units N` makes.
 *
 * `seedCity(store, CITY_CASE)` (src/store/demo-units.ts, re-exported here) fills a store someone else
 * opened (bench:api's server child opens its own); `openCityFixture()` makes a temp DATA_DIR with the
 * store in the file the server would open (config.sqliteFile), so a server started with
 * DATA_DIR=fixture.dataDir serves it as is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config.js';
import { seedCity } from '../src/store/demo-units.js';
import { openStore, type OpenedStore } from '../src/store/open.js';

/** The city case: 40 units × 12 control points × 5 years. */
export const CITY_CASE = { units: 40, years: 5 } as const;

export { seedCity };

export interface CitySize {
  /** Example units beside the report's unit (1..60). */
  units?: number;
  /** Years of history per example unit. */
  years?: number;
}

export interface CityFixture extends OpenedStore {
  /** The temp DATA_DIR; the store is its config.sqliteFile. */
  dataDir: string;
  config: Config;
  /** Units in the store: the report's and the example units. */
  unitCount: number;
  /** Closes the store and removes the directory. */
  dispose(): Promise<void>;
}

/** A temp SQLite store seeded with the city; `env` adds settings (e.g. a SCALE_FILE). */
export async function openCityFixture(size: CitySize = {}, env: Record<string, string> = {}): Promise<CityFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-city-'));
  const config = loadConfig({ ...process.env, ...env, STORE: 'sqlite', DATA_DIR: dataDir });
  const opened = await openStore(config);
  try {
    await opened.scaleSetup?.load();
    await seedCity(opened.store, { units: size.units ?? CITY_CASE.units, years: size.years ?? CITY_CASE.years }, config.seedFile);
    const unitCount = (await opened.store.listUnits()).length;
    return {
      ...opened,
      dataDir,
      config,
      unitCount,
      async dispose() {
        await opened.store.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await opened.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

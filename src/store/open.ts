/** Opens the configured store and seeds it from the report on first start. */
import type { Config } from '../config.js';
import type { WriteContext } from '../domain/rules.js';
import type { BoardStore, ImportResult } from './port.js';
import { readSeedFile } from './seed.js';
import { openSharePointStore } from './sharepoint/open.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export function openStore(config: Config): BoardStore {
  if (config.store === 'sharepoint') return openSharePointStore(config.sharepoint!, config.scale);
  return openSqliteStore({ file: config.sqliteFile, scale: config.scale });
}

/** The identity recorded on changes made by the seed import. */
export function seedContext(now = new Date()): WriteContext {
  return { actor: { id: 'system', displayName: 'DPO Board', roles: [] }, source: 'seed', now };
}

export async function importSeedFile(store: BoardStore, file?: string): Promise<ImportResult> {
  return store.importSeed(readSeedFile(file), seedContext());
}

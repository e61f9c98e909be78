/** Opens the configured store (and what the server wires around it) and seeds it from the report on first start. */
import type { Config } from '../config.js';
import type { WriteContext } from '../domain/rules.js';
import type { GraphApi } from '../graph/client.js';
import { guardOpenYear } from './guarded.js';
import type { BoardStore, ImportResult } from './port.js';
import { readSeedFile } from './seed.js';
import type { DirectEditOptions, DirectEdits } from './sharepoint/direct-edits.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

/** What the server needs from the configured store, so that it never asks which kind it got. */
export interface OpenedStore {
  store: BoardStore;
  /** STORE=sharepoint: the Graph client the store uses (the role directory and on-behalf-of share it). */
  graph?: GraphApi;
  /** STORE=sharepoint: direct edits in the lists, checked with `resolveEditor`; `onChanged` runs when a sync saw the state move. */
  directEdits?: (options: DirectEditOptions) => DirectEdits;
}

/** STORE=sharepoint loads the SharePoint side (Graph SDK, MSAL) here, on demand; the SQLite default never loads it. */
export async function openStore(config: Config): Promise<OpenedStore> {
  if (config.store === 'sharepoint') {
    const { openSharePoint } = await import('./sharepoint/open.js');
    const { store, graph, directEdits } = openSharePoint(config.sharepoint!, config.scale);
    return { store: guardOpenYear(store), graph, directEdits };
  }
  return { store: guardOpenYear(openSqliteStore({ file: config.sqliteFile, scale: config.scale })) };
}

/** The identity recorded on changes made by the seed import. */
export function seedContext(now = new Date()): WriteContext {
  return { actor: { id: 'system', displayName: 'DPO Board', roles: [] }, source: 'seed', now };
}

export async function importSeedFile(store: BoardStore, file?: string): Promise<ImportResult> {
  return store.importSeed(readSeedFile(file), seedContext());
}

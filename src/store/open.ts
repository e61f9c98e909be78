/** Opens the configured store (and what the server wires around it) and seeds it from the report on first start. */
import type { Config } from '../config.js';
import type { WriteContext } from '../domain/rules.js';
import type { Scale } from '../domain/scale.js';
import type { GraphApi } from '../graph/client.js';
import { guardOpenYear } from './guarded.js';
import type { BoardStore, ImportResult } from './port.js';
import { readReadingFile } from './report-reading.js';
import { keepReading, LiveScale, ScaleSetupService } from './scale-setup.js';
import { readSeedFile } from './seed.js';
import type { DirectEditOptions, DirectEdits } from './sharepoint/direct-edits.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

/** What the server needs from the configured store, so that it never asks which kind it got. */
export interface OpenedStore {
  store: BoardStore;
  /** The DPO's scale setup; the store's `scale` follows it (call `load()` at start). Absent for a store opened by hand (tests). */
  scaleSetup?: ScaleSetupService;
  /** STORE=sharepoint: the Graph client the store uses (the role directory and on-behalf-of share it). */
  graph?: GraphApi;
  /** STORE=sharepoint: direct edits in the lists, checked with `resolveEditor`; `onChanged` runs when a sync saw the state move. */
  directEdits?: (options: DirectEditOptions) => DirectEdits;
}

/** STORE=sharepoint loads the SharePoint side (Graph SDK, MSAL) here, on demand; the SQLite default never loads it. */
export async function openStore(config: Config): Promise<OpenedStore> {
  // One scale for every reader: the configured one until the DPO's setup is loaded from the store.
  const scale = new LiveScale(config.scale);
  if (config.store === 'sharepoint') {
    const { openSharePoint } = await import('./sharepoint/open.js');
    const { followLevelChoices } = await import('./sharepoint/provision.js');
    const { store, graph, data, directEdits } = openSharePoint(config.sharepoint!, scale);
    const guarded = guardOpenYear(store);
    // The level choice columns follow the DPO's labels: PATCHed once, by the instance that saves the change.
    const followChoices = async (next: Scale) => void (await followLevelChoices(graph, await data.lists(), next));
    return { store: guarded, scaleSetup: new ScaleSetupService(guarded, scale, [followChoices]), graph, directEdits };
  }
  const store = guardOpenYear(openSqliteStore({ file: config.sqliteFile, scale }));
  return { store, scaleSetup: new ScaleSetupService(store, scale) };
}

/** The identity recorded on changes made by the seed import. */
export function seedContext(now = new Date()): WriteContext {
  return { actor: { id: 'system', displayName: 'DPO Board', roles: [], grants: [] }, source: 'seed', now };
}

/** Imports the seed file and keeps how it read the report (the about view, the interpreted marks). */
export async function importSeedFile(store: BoardStore, file?: string): Promise<ImportResult> {
  const added = await store.importSeed(readSeedFile(file), seedContext());
  await keepReading(store, readReadingFile(file));
  return added;
}

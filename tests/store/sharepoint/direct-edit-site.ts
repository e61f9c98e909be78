/**
 * The set-up every direct-edit spec starts from: a strict Graph test site (7 rows a page) seeded from the report,
 * and the direct-edit sync on it, whose first run (the baseline) recorded nothing.
 */
import { expect } from 'vitest';
import { seedContext } from '../../../src/store/open.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { DirectEditSync, type EditorResolver } from '../../../src/store/sharepoint/sync.js';
import { resolveEditor } from './editors.js';
import { startHarness, type Harness } from './harness.js';

export async function seededSync(at: Date, editors: EditorResolver = resolveEditor): Promise<{ h: Harness; sync: DirectEditSync }> {
  const h = await startHarness({ pageSize: 7 });
  await h.store.importSeed(readSeedFile(), seedContext(at));
  const sync = new DirectEditSync(h.data, new SharePointAppState(h.data), editors);
  expect((await sync.syncOnce()).recorded).toBe(0);
  return { h, sync };
}

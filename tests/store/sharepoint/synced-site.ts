/**
 * The set-up of the cost specs: a strict Graph test site (20 rows a page) seeded from the report, read through
 * synced state as the server reads it. Its schedule runs only when the test asks (edits.schedule.poke), as the
 * server's would between its runs, so every Graph request the test counts is one the test caused.
 */
import type { SharePointSettings } from '../../../src/config.js';
import { seedContext } from '../../../src/store/open.js';
import type { BoardStore } from '../../../src/store/port.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { createDirectEdits, type DirectEdits } from '../../../src/store/sharepoint/direct-edits.js';
import { resolveEditor } from './editors.js';
import { startHarness, type Harness } from './harness.js';

export interface SyncedSite {
  h: Harness;
  edits: DirectEdits;
  /** The store as the server serves it: reads from synced state. */
  store: BoardStore;
}

/** Seeded, not yet synced: the caller adds what it needs, then pokes the schedule. */
export async function startSyncedSite(): Promise<SyncedSite> {
  const h = await startHarness({ pageSize: 20 });
  const hour = 3_600_000;
  const settings: SharePointSettings = {
    site: h.server.siteUrl,
    graphBaseUrl: h.server.url,
    auth: { kind: 'token', token: h.server.token },
    timeoutMs: 5000,
    syncIntervalMs: hour,
    safetyPollMs: hour,
    readSyncMs: hour,
    publicUrl: undefined,
    webhookClientState: undefined,
  };
  const edits = createDirectEdits(h.data, h.state, settings, { resolveEditor, onChanged: () => undefined });
  const store = edits.serveReads(h.store);
  await store.importSeed(readSeedFile(), seedContext());
  return { h, edits, store };
}

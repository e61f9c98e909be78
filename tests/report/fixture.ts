/** A seeded SQLite file in a temp dir, and the identities that write to it. */
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../src/domain/roles.js';
import type { WriteContext } from '../../src/domain/rules.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { importSeedFile } from '../../src/store/open.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

export const UNIT = 'intraservice';
export const TODAY = '2026-11-28';
export const NOW = new Date(`${TODAY}T10:00:00Z`);

const actors = {
  dpo: { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo'], grants: [{ role: 'dpo' as const, units: '*' as const }] },
  ciso: { id: 'ciso', displayName: 'CISO Intraservice', roles: ['ciso'], grants: [{ role: 'ciso' as const, units: '*' as const }] },
} satisfies Record<string, Actor>;

export const as = (who: keyof typeof actors): WriteContext => ({ actor: actors[who], source: 'api', now: NOW });

export interface SeededStore {
  store: SqliteStore;
  file: string;
  dispose(): Promise<void>;
}

export async function seededStore(): Promise<SeededStore> {
  const dir = tempDataDir();
  const file = path.join(dir, 'board.sqlite');
  const store = openSqliteStore({ file, scale: DEFAULT_SCALE });
  await importSeedFile(store);
  return {
    store,
    file,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

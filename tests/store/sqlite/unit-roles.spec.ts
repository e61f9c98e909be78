/** The roles-per-unit contract on the SQLite file. */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../../helpers/server.js';
import { describeUnitRolesContract } from '../unit-roles-contract.js';

describeUnitRolesContract('SQLite file', () => {
  const dir = tempDataDir();
  const store = openSqliteStore({ file: path.join(dir, 'board.sqlite'), scale: DEFAULT_SCALE });
  return Promise.resolve({
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
});

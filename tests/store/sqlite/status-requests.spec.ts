/** The status-request contract on the SQLite file (migration 8). */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { guardOpenYear } from '../../../src/store/guarded.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../../helpers/server.js';
import { describeStatusRequestContract } from '../status-requests-contract.js';

describeStatusRequestContract('SQLite file', () => {
  const dir = tempDataDir();
  const store = guardOpenYear(openSqliteStore({ file: path.join(dir, 'board.sqlite'), scale: DEFAULT_SCALE }));
  return Promise.resolve({
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
});

/** `npm run seed`: imports the report into the configured store; a re-run adds nothing twice. */
import { loadConfig } from '../config.js';
import { importSeedFile, openStore } from './open.js';

const config = loadConfig();
const { store } = openStore(config);
try {
  const added = await importSeedFile(store, config.seedFile);
  const total = Object.values(added).reduce((a, b) => a + b, 0);
  console.log(total === 0 ? 'seed: nothing to add, the store already holds the report' : `seed: added ${JSON.stringify(added)}`);
} finally {
  await store.close();
}

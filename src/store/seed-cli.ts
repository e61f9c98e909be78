/** `npm run seed`: imports the report into the configured store; a re-run adds nothing twice. It takes no options. */
import { commandLineOrExit } from '../cli/args.js';
import { loadConfig } from '../config.js';
import { importSeedFile, openStore } from './open.js';

commandLineOrExit({
  usage: 'usage: npm run seed\n  Imports the report (SEED_FILE) into the configured store (STORE, DATA_DIR or the SharePoint settings).',
  options: {},
});
const config = loadConfig();
const { store } = await openStore(config);
try {
  const added = await importSeedFile(store, config.seedFile);
  const total = Object.values(added).reduce((a, b) => a + b, 0);
  console.log(total === 0 ? 'seed: nothing to add, the store already holds the report' : `seed: added ${JSON.stringify(added)}`);
} finally {
  await store.close();
}

/**
 * `npm run seed`: imports the report into the configured store; a re-run adds nothing twice.
 * `npm run seed -- --demo-units N [--years Y]` also adds N example units (src/store/demo-units.ts) for trying
 * the city view: deterministic, marked as examples, idempotent (a second run adds nothing). Never runs by default.
 */
import { commandLineOrExit, exitWithUsage } from '../cli/args.js';
import { loadConfig } from '../config.js';
import { DEFAULT_DEMO_YEARS, DEMO_UNIT_LIMITS, demoUnitId, demoUnitsProblem, seedCity } from './demo-units.js';
import { importSeedFile, openStore } from './open.js';
import type { ImportResult } from './port.js';

const { units, years } = DEMO_UNIT_LIMITS;
const USAGE = `usage: npm run seed [-- --demo-units N [--years Y]]
  Imports the report (SEED_FILE) into the configured store (STORE, DATA_DIR or the SharePoint settings).
  --demo-units N  also adds N example units (${units.min}–${units.max}), ids exempel-01.., marked "Exempel"/"Example"
  --years Y       years of history per example unit (${years.min}–${years.max}, default ${DEFAULT_DEMO_YEARS}), ending with the report's year`;

const { values } = commandLineOrExit({
  usage: USAGE,
  options: { 'demo-units': { type: 'string' }, years: { type: 'string' } },
});

/** A whole number as typed ("12"), or NaN for anything else ("12abc", "1.5", ""). */
const wholeNumber = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

const demoUnits = values['demo-units'] === undefined ? null : wholeNumber(values['demo-units']);
if (demoUnits === null && values.years !== undefined) exitWithUsage(USAGE, '--years goes with --demo-units');
const demoYears = values.years === undefined ? DEFAULT_DEMO_YEARS : wholeNumber(values.years);
const problem = demoUnits === null ? null : demoUnitsProblem(demoUnits, demoYears);
if (problem) exitWithUsage(USAGE, problem);

const total = (added: ImportResult) => Object.values(added).reduce((a, b) => a + b, 0);

const config = loadConfig();
const { store, scaleSetup } = await openStore(config);
const said = (added: ImportResult, what: string, name = '') =>
  total(added) === 0 ? `seed: nothing to add, the store already holds ${what}` : `seed: ${name}added ${JSON.stringify(added)}`;
try {
  if (demoUnits === null) {
    console.log(said(await importSeedFile(store, config.seedFile), 'the report'));
  } else {
    // The marks go on the scale the DPO set up (its number of levels); the fixed parts and the years follow the seed file.
    await scaleSetup?.load();
    const { report, examples } = await seedCity(store, { units: demoUnits, years: demoYears }, config.seedFile);
    console.log(said(report, 'the report'));
    console.log(said(examples, `the ${demoUnits} example units`, `example units ${demoUnitId(1)}..${demoUnitId(demoUnits)} `));
  }
} finally {
  await store.close();
}

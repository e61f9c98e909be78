/** The roles-per-unit contract on SharePoint lists, against the local Graph test server. */
import { describeUnitRolesContract } from '../unit-roles-contract.js';
import { startHarness } from './harness.js';

describeUnitRolesContract('SharePoint lists via Graph (local test server)', async () => {
  const h = await startHarness();
  return { store: h.store, dispose: () => h.dispose() };
});

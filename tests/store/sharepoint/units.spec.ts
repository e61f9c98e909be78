/**
 * Units on SharePoint: the shared units contract on the local Graph test server ("DPO Förvaltningar" with its
 * new columns, "DPO Ansvariga" for the people responsible).
 */
import { describeUnitsContract } from '../units-contract.js';
import { startHarness } from './harness.js';

describeUnitsContract('SharePoint lists via Graph (local test server)', async () => {
  const h = await startHarness();
  return { store: h.store, dispose: () => h.dispose() };
});

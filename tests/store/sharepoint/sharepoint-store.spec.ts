/** The BoardStore contract, run against the SharePoint store on the local Graph test server (small pages, empty first pages). */
import { describeStoreContract } from '../contract.js';
import { startHarness } from './harness.js';

describeStoreContract('SharePoint lists via Graph (local test server)', async () => {
  const h = await startHarness();
  return { store: h.store, dispose: () => h.dispose() };
});

/** The BoardStore contracts, run against the SharePoint store on the local Graph test server (small pages, empty first pages). */
import { describeStoreContract } from '../contract.js';
import { describeYearContract } from '../year-contract.js';
import { startHarness } from './harness.js';

const make = async () => {
  const h = await startHarness();
  return { store: h.store, dispose: () => h.dispose() };
};

describeStoreContract('SharePoint lists via Graph (local test server)', make);
describeYearContract('SharePoint lists via Graph (local test server)', make);

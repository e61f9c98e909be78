/** The app-state contract on SharePoint: the hidden app-state list on the local Graph test server, reopened as after a restart. */
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { SharePointData } from '../../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../../src/store/sharepoint/open.js';
import { describeAppStateContract } from '../app-state-contract.js';
import { graphFor, startHarness } from './harness.js';

const make = (options: Parameters<typeof startHarness>[0]) => async () => {
  const h = await startHarness(options);
  let store = h.store;
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = sharePointOn(new SharePointData({ graph: graphFor(h.server), site: h.server.siteId, scale: DEFAULT_SCALE })).store;
      return store;
    },
    dispose: () => h.dispose(),
  };
};

describeAppStateContract('SharePoint app-state list via Graph (local test server)', make({}));
describeAppStateContract('SharePoint app-state list on a site that does not enforce unique keys', make({ ignoreUnique: true }));

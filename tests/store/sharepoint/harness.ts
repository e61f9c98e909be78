/** A SharePoint store wired to a fresh local Graph test server, provisioned and ready. */
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { StaticTokenProvider } from '../../../src/graph/auth.js';
import { GraphApi } from '../../../src/graph/client.js';
import type { SharePointAppState } from '../../../src/store/sharepoint/app-state.js';
import { SharePointData, type SharePointDataOptions } from '../../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../../src/store/sharepoint/open.js';
import { provisionLists } from '../../../src/store/sharepoint/provision.js';
import type { SharePointStore } from '../../../src/store/sharepoint/sharepoint-store.js';
import { GraphTestServer, type GraphTestServerOptions } from '../../graph/graph-test-server.js';
import { fetchTrusting, testCert } from '../../graph/tls.js';

export interface Harness {
  server: GraphTestServer;
  graph: GraphApi;
  /** The data-access object the store, the app state and the sync share. */
  data: SharePointData;
  state: SharePointAppState;
  store: SharePointStore;
  dispose(): Promise<void>;
}

export function graphFor(server: GraphTestServer): GraphApi {
  return new GraphApi({
    baseUrl: server.url,
    tokens: new StaticTokenProvider(server.token),
    fetch: fetchTrusting(testCert().cert),
    retry: { baseDelayMs: 5, maxDelayMs: 2000, timeoutMs: 5000 },
  });
}

export interface HarnessOptions {
  /** Address the site by its URL (default) or by its id. */
  useSiteUrl?: boolean;
  /** Builds the data-access object (e.g. a faulty subclass); a plain SharePointData by default. */
  data?: (options: SharePointDataOptions) => SharePointData;
}

export async function startHarness(options: GraphTestServerOptions = {}, harness: HarnessOptions = {}): Promise<Harness> {
  const server = await new GraphTestServer({ pageSize: 5, emptyFirstPages: true, ...options }).start();
  const graph = graphFor(server);
  await provisionLists(graph, server.siteUrl, DEFAULT_SCALE);
  const problems: string[] = [];
  const dataOptions: SharePointDataOptions = {
    graph,
    site: (harness.useSiteUrl ?? true) ? server.siteUrl : server.siteId,
    scale: DEFAULT_SCALE,
    onProblem: (p) => problems.push(p.message),
  };
  const data = harness.data ? harness.data(dataOptions) : new SharePointData(dataOptions);
  const { store, state } = sharePointOn(data);
  return {
    server,
    graph,
    data,
    state,
    store,
    async dispose() {
      await store.close();
      await server.stop();
    },
  };
}

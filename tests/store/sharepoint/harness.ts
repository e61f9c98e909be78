/** A SharePoint store wired to a fresh local Graph test server, provisioned and ready. */
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { StaticTokenProvider } from '../../../src/graph/auth.js';
import { GraphApi } from '../../../src/graph/client.js';
import { provisionLists } from '../../../src/store/sharepoint/provision.js';
import { SharePointStore } from '../../../src/store/sharepoint/sharepoint-store.js';
import { GraphTestServer, type GraphTestServerOptions } from '../../graph/graph-test-server.js';
import { fetchTrusting, testCert } from '../../graph/tls.js';

export interface Harness {
  server: GraphTestServer;
  graph: GraphApi;
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

export async function startHarness(options: GraphTestServerOptions = {}, useSiteUrl = true): Promise<Harness> {
  const server = await new GraphTestServer({ pageSize: 5, emptyFirstPages: true, ...options }).start();
  const graph = graphFor(server);
  await provisionLists(graph, server.siteUrl, DEFAULT_SCALE);
  const problems: string[] = [];
  const store = new SharePointStore({
    graph,
    site: useSiteUrl ? server.siteUrl : server.siteId,
    scale: DEFAULT_SCALE,
    onProblem: (p) => problems.push(p.message),
  });
  return {
    server,
    graph,
    store,
    async dispose() {
      await store.close();
      await server.stop();
    },
  };
}
